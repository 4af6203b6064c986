"""The right to erasure (AVG art. 17): a person's data erased across every app in one
transaction, with a report of what was erased and what had to stay and why.

Each app registers a `Wisser` (in its ready(), beside its inzage source): `wissen(partij)`
erases or anonymises that app's records of the partij and returns (erased, kept, reason for
what was kept). What a law requires to keep stays (zaken under the Archiefwet until their
term); the partij itself goes when nothing that must stay still refers to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loket.core.audit import audit_record
from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry
from loket.privacy.models import Wisverzoek

PURPOSE = "Verzoek tot wissen (AVG artikel 17)"


@dataclass(frozen=True)
class Uitkomst:
    gewist: int
    bewaard: int = 0
    reden: str = ""


@dataclass(frozen=True)
class Wisser:
    code: str
    label: str
    wissen: Callable[[object], Uitkomst]
    volgorde: int = 50  # the partij itself last (parties registers 99)


_wissers: dict[str, Wisser] = {}


def register_wisser(wisser: Wisser) -> None:
    _wissers[wisser.code] = wisser


def wissers() -> list[Wisser]:
    return sorted(_wissers.values(), key=lambda w: (w.volgorde, w.code))


def _pseudonymise_audit(partij_pk: int, kenmerken: list[str]) -> int:
    """The audit log keeps that data was read (accountability, AVG art. 5(2)) but no longer
    names the person: labels and details of the entries about the partij are cleared, and every
    entry that named the person as its data subject (BSN, KVK-nummer or UUID) gets "gewist"
    as its data subject instead."""
    about = AuditEntry.objects.filter(object_type="parties.partij", object_id=str(partij_pk))
    n = about.update(object_label="Gewiste klant", detail={})
    n += AuditEntry.objects.filter(data_subject_id__in=[k for k in kenmerken if k]).update(
        data_subject_id="gewist"
    )
    return n


@transaction.atomic
def partij_erase(*, partij, user, reden: str) -> Wisverzoek:
    """Erase everything of `partij` that no law requires to keep, in one transaction."""
    reden = (reden or "").strip()
    if not reden:
        raise DomainError("Geef aan waarom de gegevens worden gewist.", field="reden")
    kenmerk, partij_pk = str(partij.uuid), partij.pk
    persoon = getattr(partij, "persoon", None)
    organisatie = getattr(partij, "organisatie", None)
    kenmerken = [
        kenmerk,
        persoon.bsn if persoon is not None else "",
        organisatie.kvk_nummer if organisatie is not None else "",
    ]
    audit_record(
        user=user,
        action=AuditAction.DELETE,
        obj=partij,
        purpose=PURPOSE,
        detail={"reden": reden[:255]},
    )
    regels = []
    for wisser in wissers():
        uitkomst = wisser.wissen(partij)
        regels.append(
            {
                "onderdeel": wisser.label,
                "gewist": uitkomst.gewist,
                "bewaard": uitkomst.bewaard,
                "reden": uitkomst.reden,
            }
        )
    regels.append(
        {
            "onderdeel": "Auditlog",
            "gewist": _pseudonymise_audit(partij_pk, kenmerken),
            "bewaard": 0,
            "reden": "De regels blijven (verantwoording), zonder naam of gegevens van de persoon.",
        }
    )
    return Wisverzoek.objects.create(
        partij_kenmerk=kenmerk,
        uitgevoerd_op=timezone.now(),
        door=(user.get_username() if user is not None else "systeem")[:150],
        reden=reden[:255],
        regels=regels,
    )
