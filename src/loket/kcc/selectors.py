"""Composed reads for the KCC pages. Every read of a klant's data goes through the owning app's
selectors, which check the permission and record the read in the audit log with the purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from loket.balie.models import Afspraak
from loket.balie.selectors import afspraak_get_for_klant, afspraak_list_for_klant
from loket.cases.models import Zaak
from loket.cases.selectors import (
    zaak_berichten,
    zaak_get_for_party,
    zaak_list_for_party,
    zaak_may_access,
    zaak_timeline,
)
from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import Contactverzoek, ContactverzoekGebeurtenis, Klantcontact, Vraag
from loket.contacts.selectors import (
    VIEW_PERSON_DATA,
    contact_list_for_party,
    contactverzoek_get_for_party,
    contactverzoek_may_access,
    klantcontact_get_for_party,
    terugbelpoging_get_for_party,
    terugbelpoging_list_for_party,
)
from loket.contacts.vertrouwelijk import (
    contactverzoeken_redact,
    klantcontacten_redact,
    terugbelpoging_redact,
)
from loket.core.models import Kanaal, KanaalSoort
from loket.core.types import Actor
from loket.meldingen.models import Melding
from loket.meldingen.selectors import (
    melding_get_for_melder,
    melding_history,
    melding_list_for_melder,
    melding_may_access,
)
from loket.messaging.models import Bericht, BerichtKanaal
from loket.messaging.selectors import bericht_get_for_klant, bericht_list_for_klant
from loket.parties.models import DigitaalAdres, Partij
from loket.parties.selectors import partij_digitale_adressen, partij_get, persoon_of
from loket.registries.backends import DocumentData, PersoonData, VestigingData, get_brp, get_kvk
from loket.selfservice.models import Inzending
from loket.selfservice.selectors import inzending_get_for_klant, inzending_list_for_klant

PURPOSE_ZOEKEN = "Klant zoeken voor klantcontact"
PURPOSE_KLANTBEELD = "Klantbeeld bij klantcontact"
PURPOSE_CONTACT = "Klantcontact registreren"
DOCUMENT_WARNING = dt.timedelta(weeks=8)
REPEAT_WINDOW = dt.timedelta(days=30)
TIMELINE_MAX = 200
TIMELINE_PAGE = 50  # items shown at first; "Meer tonen" adds a page
PERIODES = {"7": 7, "30": 30, "90": 90, "365": 365}
# The kinds of timeline item, in the order of the filter's options, with their labels.
SOORT_LABELS = {
    "contact": "Contacten",
    "verzoek": "Contactverzoeken",
    "poging": "Terugbelpogingen",
    "zaak": "Zaken",
    "melding": "Meldingen openbare ruimte",
    "inzending": "Formulieren (inzendingen)",
    "afspraak": "Afspraken",
    "bericht": "Berichten aan de klant",
}
SOORTEN = tuple(SOORT_LABELS)
# The Kanaal code a record without its own kanaal belongs to, for the timeline's channel filter.
MELDING_KANAAL = {"web": "website"}
BERICHT_KANAAL = {BerichtKanaal.EMAIL: "e-mail", BerichtKanaal.INBOX: "website"}


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
    """One row of the klantbeeld's timeline; exactly one of the record fields is set."""

    soort: str  # one of SOORTEN
    moment: dt.datetime
    contact: Klantcontact | None = None
    zaak: Zaak | None = None
    verzoek: Contactverzoek | None = None
    te_laat: bool = False  # an open verzoek past its deadline
    poging: ContactverzoekGebeurtenis | None = None
    melding: Melding | None = None
    inzending: Inzending | None = None
    afspraak: Afspraak | None = None
    bericht: Bericht | None = None
    # Filled when the item is opened (`klantbeeld_item_get`): what the details show.
    detail: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def record(self) -> Any:
        return getattr(self, self.soort)

    @property
    def key(self) -> str:
        """Unique on the page: the id of the item's element and of its details."""
        return f"{self.soort}-{self.record.pk}"

    @property
    def is_toekomst(self) -> bool:
        return self.moment > timezone.now()


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
    """Everything Loket knows happened with one klant, in one list, newest first: klantcontacten,
    contactverzoeken and the attempts to call back, zaken, meldingen, form submissions,
    appointments (a coming one sorts at the top) and the messages sent to the klant.

    Each source is read through its app's selector, which checks the right and audits the read
    (the contactverzoeken belong to the klantcontacten read). `kanaal` is a channel code (a
    verzoek or zaak matches through the contact it came from, an appointment is "balie", a
    submission "website"), `soort` one of SOORTEN, `periode` a number of days back ("7", "30",
    "90", "365"). At most `limit` items (capped at TIMELINE_MAX), so each source is read only
    that far: one query per source, no query per item.
    """
    limit = max(1, min(limit, TIMELINE_MAX))
    now = now or timezone.now()
    since = now - dt.timedelta(days=PERIODES[periode]) if periode in PERIODES else None
    wanted = set(SOORTEN) if soort not in SOORTEN else {soort}
    items: list[TimelineItem] = []
    if "contact" in wanted:
        contacts = contact_list_for_party(partij=partij, user=user, purpose=purpose)
        if kanaal:
            contacts = contacts.filter(kanaal__code=kanaal)
        if since is not None:
            contacts = contacts.filter(plaatsgevonden_op__gte=since)
        # A confidential contact shows to whom may not read it as existing, without content.
        items += [
            TimelineItem(soort="contact", moment=c.plaatsgevonden_op, contact=c)
            for c in klantcontacten_redact(user=user, contacts=contacts[:limit], purpose=purpose)
        ]
    if "verzoek" in wanted:
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
            for v in contactverzoeken_redact(
                user=user, verzoeken=verzoeken[:limit], purpose=purpose
            )
        ]
    if "poging" in wanted:
        pogingen = terugbelpoging_list_for_party(partij=partij, user=user, purpose=purpose)
        if kanaal:
            pogingen = pogingen.filter(detail__kanaal=kanaal)
        if since is not None:
            pogingen = pogingen.filter(op__gte=since)
        items += [
            TimelineItem(
                soort="poging",
                moment=p.op,
                poging=terugbelpoging_redact(user=user, poging=p, purpose=purpose),
            )
            for p in pogingen[:limit]
        ]
    if "zaak" in wanted:
        zaken = zaak_list_for_party(partij=partij, user=user, purpose=purpose)
        if kanaal:
            zaken = zaken.filter(klantcontact__kanaal__code=kanaal)
        if since is not None:
            zaken = zaken.filter(startdatum__gte=timezone.localdate(since))
        items += [
            TimelineItem(soort="zaak", moment=_day_start(z.startdatum), zaak=z)
            for z in zaken[:limit]
        ]
    if "melding" in wanted:
        meldingen = melding_list_for_melder(partij=partij, user=user, purpose=purpose)
        if kanaal:
            codes = [code for code, k in MELDING_KANAAL.items() if k == kanaal] + [kanaal]
            meldingen = meldingen.filter(kanaal__in=codes)
        if since is not None:
            meldingen = meldingen.filter(created_at__gte=since)
        items += [
            TimelineItem(soort="melding", moment=m.created_at, melding=m) for m in meldingen[:limit]
        ]
    if "inzending" in wanted and kanaal in ("", "website"):
        inzendingen = inzending_list_for_klant(partij=partij, user=user, purpose=purpose)
        if since is not None:
            inzendingen = inzendingen.filter(ingediend_op__gte=since)
        items += [
            TimelineItem(soort="inzending", moment=i.ingediend_op, inzending=i)
            for i in inzendingen[:limit]
        ]
    if "afspraak" in wanted and kanaal in ("", "balie"):
        afspraken = afspraak_list_for_klant(partij=partij, user=user, purpose=purpose)
        if since is not None:
            afspraken = afspraken.filter(start__gte=since)
        items += [
            TimelineItem(soort="afspraak", moment=a.start, afspraak=a) for a in afspraken[:limit]
        ]
    if "bericht" in wanted:
        berichten = bericht_list_for_klant(partij=partij, user=user, purpose=purpose)
        if kanaal:
            berichten = berichten.filter(
                kanaal__in=[k for k, code in BERICHT_KANAAL.items() if code == kanaal]
            )
        if since is not None:
            berichten = berichten.filter(created_at__gte=since)
        items += [
            TimelineItem(soort="bericht", moment=b.verzonden_op or b.created_at, bericht=b)
            for b in berichten[:limit]
        ]
    items.sort(key=lambda item: item.moment, reverse=True)
    return items[:limit]


def klantbeeld_item_get(
    *, partij: Partij, soort: str, pk: int, user: Actor | None, purpose: str
) -> TimelineItem:
    """One timeline item of this klant with its details, read through the owning app's selector
    (audited). What a team did inside a zaak, melding or verzoek is shown only to whom that
    app's access rule allows (`detail["intern"]`). Raises ObjectDoesNotExist when the record is
    not this klant's, ValueError for an unknown soort."""
    now = timezone.now()
    if soort == "contact":
        contact = klantcontact_get_for_party(partij=partij, pk=pk, user=user, purpose=purpose)
        return TimelineItem(soort=soort, moment=contact.plaatsgevonden_op, contact=contact)
    if soort == "verzoek":
        verzoek = contactverzoek_get_for_party(partij=partij, pk=pk, user=user, purpose=purpose)
        return TimelineItem(
            soort=soort,
            moment=verzoek.created_at,
            verzoek=verzoek,
            te_laat=verzoek_is_te_laat(verzoek, now=now),
            detail={"intern": contactverzoek_may_access(user, verzoek)},
        )
    if soort == "poging":
        poging = terugbelpoging_get_for_party(partij=partij, pk=pk, user=user, purpose=purpose)
        return TimelineItem(soort=soort, moment=poging.op, poging=poging)
    if soort == "zaak":
        zaak = zaak_get_for_party(partij=partij, pk=pk, user=user, purpose=purpose)
        intern = zaak_may_access(user, zaak)
        return TimelineItem(
            soort=soort,
            moment=_day_start(zaak.startdatum),
            zaak=zaak,
            detail={
                "intern": intern,
                "statussen": list(zaak.statussen.all()),
                "berichten": zaak_berichten(zaak=zaak),
                "historie": zaak_timeline(zaak=zaak, limit=50) if intern else [],
            },
        )
    if soort == "melding":
        melding = melding_get_for_melder(partij=partij, pk=pk, user=user, purpose=purpose)
        historie = melding_history(melding=melding, user=user)
        return TimelineItem(
            soort=soort,
            moment=melding.created_at,
            melding=melding,
            detail={"intern": melding_may_access(user, melding), "historie": historie},
        )
    if soort == "inzending":
        inzending = inzending_get_for_klant(partij=partij, pk=pk, user=user, purpose=purpose)
        return TimelineItem(soort=soort, moment=inzending.ingediend_op, inzending=inzending)
    if soort == "afspraak":
        afspraak = afspraak_get_for_klant(partij=partij, pk=pk, user=user, purpose=purpose)
        return TimelineItem(soort=soort, moment=afspraak.start, afspraak=afspraak)
    if soort == "bericht":
        bericht = bericht_get_for_klant(partij=partij, pk=pk, user=user, purpose=purpose)
        return TimelineItem(
            soort=soort, moment=bericht.verzonden_op or bericht.created_at, bericht=bericht
        )
    raise ValueError(f"Onbekende soort tijdlijnitem: {soort}")


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
        .select_related("team", "medewerker", "klantcontact__vertrouwelijk_team", "vraag__product")
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
    timeline: list[TimelineItem], *, now: dt.datetime | None = None, behalve: str = ""
) -> list[EerderGevraagd]:
    """Questions about a product in the last 30 days, grouped per product (most asked first).

    `behalve` is the referentienummer of the contact being registered now (the klantbeeld
    opened from it): its own questions were not asked "before"."""
    since = (now or timezone.now()) - REPEAT_WINDOW
    behalve = (behalve or "").strip()
    per_product: dict[int, EerderGevraagd] = {}
    for item in timeline:
        if item.contact is None or item.moment < since:
            continue
        if behalve and item.contact.referentienummer == behalve:
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


# --- telephony: the screen pop (CTI, issue 17) --------------------------------------------------

PURPOSE_INKOMEND = "Inkomend telefoongesprek (klantbeeld bij de beller)"
POPUP_VENSTER = dt.timedelta(hours=2)


@dataclass(frozen=True)
class InkomendGesprek:
    gesprek_id: str
    beller: str  # as the platform sent it ("" for a withheld number)
    sinds: dt.datetime
    beantwoord: bool
    partij: Any = None  # the klant whose verified phone number called, else None


def telefoon_inkomend(*, user: Any) -> InkomendGesprek | None:
    """The call ringing at or answered on the agent's extension that has no contact yet (the
    newest), with the klant matched by a verified phone number. Showing the klant's name is a
    read of personal data: audited with its purpose."""
    from loket.contacts.models import Klantcontact, KlantcontactConcept
    from loket.core.audit import audit_record
    from loket.core.models import AuditAction
    from loket.insights.models import Gesprek
    from loket.parties.constants import SoortDigitaalAdres
    from loket.parties.models import DigitaalAdres
    from loket.parties.validators import adres_zoekwaarde

    if not getattr(user, "toestel", ""):
        return None
    gesprek = (
        Gesprek.objects.filter(
            medewerker=user,
            beeindigd_op__isnull=True,
            verlaten_op__isnull=True,
            aangeboden_op__gte=timezone.now() - POPUP_VENSTER,
        )
        .order_by("-aangeboden_op")
        .first()
    )
    if gesprek is None:
        return None
    if (
        KlantcontactConcept.objects.filter(gesprek_id=gesprek.gesprek_id).exists()
        or Klantcontact.objects.filter(gesprek_id=gesprek.gesprek_id).exists()
    ):
        return None  # already opened
    partij = None
    if gesprek.beller:
        zoekwaarde = adres_zoekwaarde(soort=SoortDigitaalAdres.TELEFOON, adres=gesprek.beller)
        adres = (
            DigitaalAdres.objects.filter(
                soort=SoortDigitaalAdres.TELEFOON, zoekwaarde=zoekwaarde, verified_at__isnull=False
            )
            .select_related("partij")
            .order_by("-is_standaard_adres", "pk")
            .first()
        )
        partij = adres.partij if adres else None
    if partij is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=partij,
            purpose=PURPOSE_INKOMEND,
            detail={"gegevens": "naam bij telefoonnummer", "gesprek": gesprek.gesprek_id},
        )
    return InkomendGesprek(
        gesprek_id=gesprek.gesprek_id,
        beller=gesprek.beller,
        sinds=gesprek.beantwoord_op or gesprek.aangeboden_op,
        beantwoord=gesprek.beantwoord_op is not None,
        partij=partij,
    )


def gesprek_duur(*, gesprek_id: str) -> dt.timedelta | None:
    """The length of a finished call (answered to hang-up); None while it lasts or unknown."""
    from loket.insights.models import Gesprek

    if not gesprek_id:
        return None
    row = (
        Gesprek.objects.filter(gesprek_id=gesprek_id)
        .values_list("beantwoord_op", "beeindigd_op")
        .first()
    )
    if row is None or row[0] is None or row[1] is None:
        return None
    return row[1] - row[0]
