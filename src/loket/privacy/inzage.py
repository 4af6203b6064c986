"""The right of access (AVG art. 15): everything Loket holds on one person, in one document.

Each app registers a source (`register_bron`, in its ready()) that lists its records of a partij
as plain rows (dicts of text): parties, contacts, cases, meldingen, selfservice, balie,
messaging, proactive. The kernel adds who read the person's data, when and why (the audit log).
The same collection serves the privacy officer (with staff names) and the citizen in Mijn Loket
(without: `voor_inwoner` drops the keys in STAFF_KEYS)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from loket.core.audit import audit_entry_list, audit_record, audit_subjects
from loket.core.models import AuditAction

# Keys of rows that name staff; the citizen's own overview leaves them out (AVG art. 15(4):
# the rights of others — a medewerker's name is not the citizen's personal data).
STAFF_KEYS = frozenset({"medewerker", "behandelaar", "door", "gelezen door"})
PURPOSE = "Inzageverzoek (AVG artikel 15)"


@dataclass(frozen=True)
class Bron:
    code: str
    titel: str
    rows: Callable[[object], list[dict]]
    volgorde: int = 50


@dataclass
class Sectie:
    code: str
    titel: str
    rijen: list[dict]

    @property
    def kolommen(self) -> list[str]:
        keys: list[str] = []
        for row in self.rijen:
            keys += [k for k in row if k not in keys]
        return keys

    @property
    def tabel(self) -> list[list[str]]:
        kolommen = self.kolommen
        return [[str(row.get(k, "")) for k in kolommen] for row in self.rijen]


@dataclass
class Inzage:
    partij: object
    gemaakt_op: dt.datetime
    secties: list[Sectie] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "partij": str(getattr(self.partij, "uuid", "")),
            "gemaaktOp": self.gemaakt_op.isoformat(),
            "grondslag": "AVG artikel 15",
            "onderdelen": {s.code: {"titel": s.titel, "gegevens": s.rijen} for s in self.secties},
        }


_bronnen: dict[str, Bron] = {}


def register_bron(bron: Bron) -> None:
    _bronnen[bron.code] = bron


def bronnen() -> list[Bron]:
    return sorted(_bronnen.values(), key=lambda b: (b.volgorde, b.code))


def text(value) -> str:
    """A value as the overview shows it: dates in Dutch notation, None as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _reads(partij) -> list[dict]:
    """Who read or changed this person's data, when and why (the audit log)."""
    persoon = getattr(partij, "persoon", None)
    kenmerk = persoon.bsn if persoon is not None else str(partij.uuid)
    subjects = audit_subjects(kenmerk)
    return [
        {
            "wanneer": text(e.occurred_at),
            "gelezen door": e.medewerker_naam,
            "handeling": e.get_action_display(),
            "gegeven": e.object_label or e.object_type,
            "doel": e.purpose,
        }
        for e in audit_entry_list(persoon=kenmerk, subjects=subjects)[:5000]
    ]


def inzage_collect(*, partij, user, purpose: str = PURPOSE, voor_inwoner: bool = False) -> Inzage:
    """Everything on `partij`, from every registered source. A staff read is audited with its
    purpose (before the audit section is read, so the overview includes this request)."""
    if not voor_inwoner:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=partij,
            purpose=purpose,
            detail={"gegevens": "inzage (alle gegevens)"},
        )
    inzage = Inzage(partij=partij, gemaakt_op=timezone.now())
    for bron in bronnen():
        rijen = bron.rows(partij)
        if voor_inwoner:
            rijen = [{k: v for k, v in row.items() if k not in STAFF_KEYS} for row in rijen]
        inzage.secties.append(Sectie(bron.code, bron.titel, rijen))
    rijen = _reads(partij)
    if voor_inwoner:
        rijen = [{k: v for k, v in row.items() if k not in STAFF_KEYS} for row in rijen]
    inzage.secties.append(
        Sectie("inzage", "Wie uw gegevens heeft ingezien, wanneer en waarom", rijen)
    )
    return inzage
