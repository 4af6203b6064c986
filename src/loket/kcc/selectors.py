"""Composed reads for the KCC pages. Every read of a klant's data goes through the owning app's
selectors, which check the permission and record the read in the audit log with the purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from loket.cases.models import Zaak
from loket.cases.selectors import zaak_list_for_party
from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.contacts.selectors import VIEW_PERSON_DATA, contact_list_for_party
from loket.core.models import Kanaal, KanaalSoort
from loket.core.types import Actor
from loket.parties.models import DigitaalAdres, Partij
from loket.parties.selectors import partij_digitale_adressen, partij_get, persoon_of
from loket.registries.backends import DocumentData, PersoonData, VestigingData, get_brp, get_kvk

PURPOSE_ZOEKEN = "Klant zoeken voor klantcontact"
PURPOSE_KLANTBEELD = "Klantbeeld bij klantcontact"
PURPOSE_CONTACT = "Klantcontact registreren"
DOCUMENT_WARNING = dt.timedelta(weeks=8)
REPEAT_WINDOW = dt.timedelta(days=30)
TIMELINE_MAX = 200
TIMELINE_PAGE = 50  # items shown at first; "Meer tonen" adds a page
PERIODES = {"7": 7, "30": 30, "90": 90, "365": 365}
SOORTEN = ("contact", "verzoek", "zaak")


def klantbeeld_purpose(*, contact: str = "") -> str:
    """The purpose recorded for a klantbeeld read, with the contact it belongs to when known."""
    contact = (contact or "").strip()[:40]
    return f"{PURPOSE_KLANTBEELD} {contact}" if contact else PURPOSE_KLANTBEELD


def kanaal_list_active() -> list[Kanaal]:
    return list(Kanaal.objects.filter(is_actief=True).order_by("volgorde", "naam"))


def kanaal_is_email(*, code: str) -> bool:
    """Whether the contact's channel (Kanaal.code) is an e-mail channel."""
    return bool(code) and Kanaal.objects.filter(code=code, soort=KanaalSoort.EMAIL).exists()


@dataclass(frozen=True)
class Document:
    data: DocumentData
    verloopt_binnenkort: bool
    verlopen: bool


@dataclass(frozen=True)
class TimelineItem:
    soort: str  # "contact", "verzoek" or "zaak"
    moment: dt.datetime
    contact: Klantcontact | None = None
    zaak: Zaak | None = None
    verzoek: Contactverzoek | None = None
    te_laat: bool = False  # an open verzoek past its deadline


@dataclass(frozen=True)
class EerderGevraagd:
    product: object
    vragen: list[Vraag]

    @property
    def herhaald(self) -> bool:
        return len(self.vragen) > 1


@dataclass
class Klantbeeld:
    partij: Partij
    persoon: PersoonData | None = None
    vestiging: VestigingData | None = None
    documenten: list[Document] = field(default_factory=list)
    digitale_adressen: list = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    eerder_gevraagd: list[EerderGevraagd] = field(default_factory=list)


def _documenten(persoon: PersoonData | None, *, today: dt.date) -> list[Document]:
    if persoon is None:
        return []
    result = []
    for doc in persoon.documenten:
        einde = doc.datum_einde_geldigheid
        verlopen = einde is not None and einde < today
        binnenkort = einde is not None and not verlopen and einde <= today + DOCUMENT_WARNING
        result.append(Document(data=doc, verloopt_binnenkort=binnenkort, verlopen=verlopen))
    return result


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def klant_timeline(
    *,
    partij: Partij,
    user: Actor | None,
    purpose: str,
    kanaal: str = "",
    soort: str = "",
    periode: str = "",
    limit: int = TIMELINE_MAX,
    now: dt.datetime | None = None,
) -> list[TimelineItem]:
    """Klantcontacten, contactverzoeken and zaken of one klant in one list, newest first.

    The contacts and zaken reads are audited by their selectors; the contactverzoeken belong to
    the klantcontacten read (same audit entry). `kanaal` is a channel code (a verzoek or zaak
    matches through the contact it came from), `soort` is "contact", "verzoek" or "zaak",
    `periode` a number of days back ("7", "30", "90", "365"). At most `limit` items (capped at
    TIMELINE_MAX), so each source is read only that far.
    """
    limit = max(1, min(limit, TIMELINE_MAX))
    now = now or timezone.now()
    since = now - dt.timedelta(days=PERIODES[periode]) if periode in PERIODES else None
    items: list[TimelineItem] = []
    if soort in ("", "contact"):
        contacts = contact_list_for_party(partij=partij, user=user, purpose=purpose)
        if kanaal:
            contacts = contacts.filter(kanaal__code=kanaal)
        if since is not None:
            contacts = contacts.filter(plaatsgevonden_op__gte=since)
        items += [
            TimelineItem(soort="contact", moment=c.plaatsgevonden_op, contact=c)
            for c in contacts[:limit]
        ]
    if soort in ("", "verzoek"):
        verzoeken = contactverzoek_list_for_party(partij=partij, user=user)
        if kanaal:
            verzoeken = verzoeken.filter(klantcontact__kanaal__code=kanaal)
        if since is not None:
            verzoeken = verzoeken.filter(created_at__gte=since)
        items += [
            TimelineItem(
                soort="verzoek",
                moment=v.created_at,
                verzoek=v,
                te_laat=verzoek_is_te_laat(v, now=now),
            )
            for v in verzoeken[:limit]
        ]
    if soort in ("", "zaak"):
        zaken = zaak_list_for_party(partij=partij, user=user, purpose=purpose)
        if kanaal:
            zaken = zaken.filter(klantcontact__kanaal__code=kanaal)
        if since is not None:
            zaken = zaken.filter(startdatum__gte=timezone.localdate(since))
        items += [
            TimelineItem(soort="zaak", moment=_day_start(z.startdatum), zaak=z)
            for z in zaken[:limit]
        ]
    items.sort(key=lambda item: item.moment, reverse=True)
    return items[:limit]


def contactverzoek_list_for_party(
    *, partij: Partij, user: Actor | None
) -> QuerySet[Contactverzoek]:
    """The contactverzoeken of one klant, newest first, each with `is_te_laat` set.

    Read-only composition for the klantbeeld; part of the contact history, so it needs the same
    right as `contact_list_for_party` (whose call records the read).
    """
    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de contacthistorie van klanten niet inzien.")
    return (
        Contactverzoek.objects.filter(partij=partij)
        .select_related("team", "medewerker", "klantcontact", "vraag__product")
        .order_by("-created_at", "-pk")
    )


def verzoek_is_te_laat(verzoek: Contactverzoek, *, now: dt.datetime | None = None) -> bool:
    return verzoek.status != ContactverzoekStatus.VERWERKT and verzoek.deadline < (
        now or timezone.now()
    )


def digitaal_adres_of(*, partij: Partij, pk: int) -> DigitaalAdres:
    """One digital address of a klant already read through `partij_get` (DoesNotExist if not)."""
    return DigitaalAdres.objects.select_related("partij").get(partij=partij, pk=pk)


def contact_by_idempotency_key(*, key: str, user: Actor) -> Klantcontact | None:
    """The contact this medewerker stored from an open-contact tab (its key is the idempotency
    key, scoped to the medewerker)."""
    return (
        Klantcontact.objects.filter(idempotency_client=f"user:{user.pk}", idempotency_key=key)
        .select_related("partij")
        .first()
    )


def eerder_gevraagd(
    timeline: list[TimelineItem], *, now: dt.datetime | None = None
) -> list[EerderGevraagd]:
    """Questions about a product in the last 30 days, grouped per product (most asked first)."""
    since = (now or timezone.now()) - REPEAT_WINDOW
    per_product: dict[int, EerderGevraagd] = {}
    for item in timeline:
        if item.contact is None or item.moment < since:
            continue
        for vraag in item.contact.vragen.all():
            if vraag.product_id is None:
                continue
            groep = per_product.setdefault(
                vraag.product_id, EerderGevraagd(product=vraag.product, vragen=[])
            )
            groep.vragen.append(vraag)
    return sorted(per_product.values(), key=lambda g: (-len(g.vragen), str(g.product)))


def klantbeeld_get(*, uuid: UUID | str, user: Actor | None, purpose: str) -> Klantbeeld:
    """Everything the KCM sees of one klant: registry data, digital addresses, the timeline.

    Raises `Partij.DoesNotExist` for an unknown uuid and PermissionDenied without the right.
    """
    partij = partij_get(uuid=uuid, user=user, purpose=purpose)
    beeld = Klantbeeld(partij=partij, digitale_adressen=partij_digitale_adressen(partij=partij))
    persoon = persoon_of(partij)
    if persoon is not None and persoon.bsn:
        beeld.persoon = get_brp().persoon(persoon.bsn)
        beeld.documenten = _documenten(beeld.persoon, today=timezone.localdate())
    elif persoon is None:
        kvk_nummer = getattr(getattr(partij, "organisatie", None), "kvk_nummer", None)
        if kvk_nummer:
            beeld.vestiging = get_kvk().vestiging(kvk_nummer)
    return beeld


def brp_adressen(partijen: list[Partij]) -> dict[int, PersoonData]:
    """BRP data per partij pk for a search result, so the KCM can tell people apart.

    The partijen were read (and audited) by the search selector; this adds the BRP view of them.
    """
    brp = get_brp()
    result = {}
    for partij in partijen:
        persoon = persoon_of(partij)
        if persoon is not None and persoon.bsn:
            data = brp.persoon(persoon.bsn)
            if data is not None:
                result[partij.pk] = data
    return result
