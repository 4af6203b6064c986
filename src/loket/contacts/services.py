"""Writes for klantcontacten and contactredenen."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from loket.accounts.models import Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.catalogue.models import Organisatie, Product
from loket.contacts.constants import (
    CONTACTVERZOEK_OVERGANGEN,
    Afhandeling,
    ContactverzoekStatus,
    GebeurtenisSoort,
)
from loket.contacts.events import (
    ContactverzoekAangemaakt,
    ContactverzoekAfgesloten,
    ContactverzoekToegewezen,
    KlantcontactGeregistreerd,
)
from loket.contacts.models import (
    Contactreden,
    Contactverzoek,
    ContactverzoekGebeurtenis,
    ContactverzoekNorm,
    Klantcontact,
    TeLaatMelding,
    Vraag,
)
from loket.contacts.selectors import contactverzoek_te_laat_per_teamleider
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.models import Kanaal
from loket.core.services import kanaal_get
from loket.knowledge.models import ArtikelVersie
from loket.parties.validators import normalise_email, normalise_phone

if TYPE_CHECKING:
    from loket.parties.models import Partij

# A contact may be registered a little ahead of the server clock (clients' clocks drift).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
IDEMPOTENCY_KEY_MAX = 100
MAX_AGE = dt.timedelta(days=20 * 366)


@dataclass(frozen=True)
class VraagInput:
    """One question of a contact, as the channel collected it."""

    vraagtekst: str
    contactreden: Contactreden
    afhandeling: str
    product: Product | None = None
    antwoord: str = ""
    # The published knowledge-article version the answer came from (one answer on every channel).
    kennisartikel_versie: ArtikelVersie | None = None
    # With afhandeling "doorverwezen": the organisation the klant was referred to.
    doorverwezen_naar: Organisatie | None = None
    # With afhandeling "contactverzoek": who calls back and what is asked (`klantcontact_vastleggen`
    # makes the verzoek in the contact's own transaction).
    verzoek: VerzoekInput | None = None


@dataclass(frozen=True)
class VerzoekInput:
    """The contactverzoek a question handled as contactverzoek leads to."""

    team: Team | None = None
    medewerker: User | None = None
    gevraagde_handeling: str = ""
    terugbelnummer: str = ""
    email: str = ""
    toelichting: str = ""


class VraagFout(DomainError):
    """A DomainError about one question of a contact; `index` is its place in the list."""

    def __init__(self, index: int, exc: DomainError) -> None:
        super().__init__(exc.message, field=exc.field)
        self.index = index


@dataclass(frozen=True)
class Vastgelegd:
    """What registering a contact stored: the contact, whether this call stored it (a retry
    finds the first), and the contactverzoeken its questions led to."""

    klantcontact: Klantcontact
    nieuw: bool
    verzoeken: list[Contactverzoek]


@transaction.atomic
def klantcontact_vastleggen(
    *,
    kanaal: Kanaal | str,
    medewerker: User | None,
    vragen: list[VraagInput],
    partij: Partij | None = None,
    plaatsgevonden_op: dt.datetime | None = None,
    duur: dt.timedelta | None = None,
    onderwerp: str = "",
    inhoud: str = "",
    idempotency_key: str | None = None,
    idempotency_client: str = "",
) -> Vastgelegd:
    """The use case every channel calls (the KCC form, the API): register a contact with its
    questions and, in the same transaction, the contactverzoek of every question handled as
    contactverzoek that says who calls back. A refused verzoek (no team, a bad number) refuses
    the whole contact (VraagFout names the question), so nothing is stored half. A retry with
    the same client and key returns the first contact and its verzoeken, and stores nothing."""
    contact, nieuw = contact_register_once(
        kanaal=kanaal,
        medewerker=medewerker,
        vragen=vragen,
        partij=partij,
        plaatsgevonden_op=plaatsgevonden_op,
        duur=duur,
        onderwerp=onderwerp,
        inhoud=inhoud,
        idempotency_key=idempotency_key,
        idempotency_client=idempotency_client,
    )
    if not nieuw:
        return Vastgelegd(contact, False, list(contact.contactverzoeken.order_by("pk")))
    verzoeken: list[Contactverzoek] = []
    opgeslagen = list(contact.vragen.order_by("pk"))
    for index, (invoer, vraag) in enumerate(zip(vragen, opgeslagen, strict=True)):
        if vraag.afhandeling != Afhandeling.CONTACTVERZOEK or invoer.verzoek is None:
            continue
        v = invoer.verzoek
        try:
            verzoeken.append(
                contactverzoek_create(
                    vraag=vraag,
                    team=v.team,
                    medewerker=v.medewerker,
                    gevraagde_handeling=v.gevraagde_handeling,
                    terugbelnummer=v.terugbelnummer,
                    email=v.email,
                    toelichting=v.toelichting,
                    user=medewerker,
                )
            )
        except DomainError as exc:
            raise VraagFout(index, exc) from exc
    return Vastgelegd(contact, True, verzoeken)


# --- contactredenen ------------------------------------------------------------------------


def _clean_naam(naam: str) -> str:
    return " ".join((naam or "").split())


def contactreden_check(
    *, naam: str, hoofdreden: Contactreden | None = None, instance: Contactreden | None = None
) -> str:
    """The rules for a contact reason's name and place; returns the cleaned name.

    Used by `contactreden_create` and by the admin form, so the rule lives here only.
    """
    naam = _clean_naam(naam)
    if not naam:
        raise DomainError("Geef de naam van de contactreden op.", field="naam")
    if len(naam) > (Contactreden._meta.get_field("naam").max_length or 100):
        raise DomainError(
            "De naam van de contactreden is te lang (hoogstens 100 tekens).", field="naam"
        )
    if hoofdreden is not None:
        if instance is not None and instance.pk and hoofdreden.pk == instance.pk:
            raise DomainError(
                "Een contactreden kan niet haar eigen hoofdreden zijn.", field="hoofdreden"
            )
        if hoofdreden.hoofdreden_id is not None:
            raise DomainError(
                f"'{hoofdreden.naam}' is zelf een subreden; contactredenen hebben hoogstens twee "
                "niveaus. Kies een hoofdreden.",
                field="hoofdreden",
            )
        if instance is not None and instance.pk and instance.subredenen.exists():
            raise DomainError(
                f"'{instance.naam}' heeft subredenen en kan daarom zelf geen subreden worden.",
                field="hoofdreden",
            )
        if not hoofdreden.is_actief:
            raise DomainError(
                f"De hoofdreden '{hoofdreden.naam}' is niet meer in gebruik.", field="hoofdreden"
            )
    siblings = Contactreden.objects.filter(hoofdreden=hoofdreden, naam__iexact=naam)
    if instance is not None and instance.pk:
        siblings = siblings.exclude(pk=instance.pk)
    bestaand = siblings.first()
    if bestaand is not None:
        where = f" onder '{hoofdreden.naam}'" if hoofdreden is not None else ""
        raise DomainError(f"De contactreden '{bestaand.naam}' bestaat al{where}.", field="naam")
    return naam


def contactreden_code_for(*, naam: str, hoofdreden: Contactreden | None = None) -> str:
    """A free code derived from the name (prefixed with the hoofdreden's code for a subreden)."""
    max_length = Contactreden._meta.get_field("code").max_length or 60
    base = slugify(f"{hoofdreden.code} {naam}" if hoofdreden is not None else naam)
    base = base[: max_length - 4].strip("-") or "reden"
    code, n = base, 1
    while Contactreden.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def contactreden_create(
    *, naam: str, hoofdreden: Contactreden | None = None, code: str | None = None
) -> Contactreden:
    """Add a hoofdreden, or a subreden under one (two levels at most)."""
    naam = contactreden_check(naam=naam, hoofdreden=hoofdreden)
    if code is not None:
        code = slugify(code)
        if not code:
            raise DomainError("Geef een geldige code op (letters, cijfers en -).", field="code")
        if Contactreden.objects.filter(code=code).exists():
            raise DomainError(f"De code '{code}' is al in gebruik.", field="code")
    else:
        code = contactreden_code_for(naam=naam, hoofdreden=hoofdreden)
    volgorde = (
        Contactreden.objects.filter(hoofdreden=hoofdreden).aggregate(m=Max("volgorde"))["m"] or 0
    ) + 10
    return Contactreden.objects.create(
        naam=naam, code=code, hoofdreden=hoofdreden, volgorde=volgorde
    )


@transaction.atomic
def contactreden_deactivate(*, contactreden: Contactreden) -> Contactreden:
    """Take a reason out of use (with its subredenen); contacts that used it keep it."""
    Contactreden.objects.filter(pk=contactreden.pk).update(is_actief=False)
    Contactreden.objects.filter(hoofdreden=contactreden).update(is_actief=False)
    contactreden.refresh_from_db()
    return contactreden


# --- klantcontacten ------------------------------------------------------------------------


def _check_vragen(vragen: list[VraagInput]) -> None:
    if not vragen:
        raise DomainError("Leg ten minste één vraag vast.", field="vragen")
    for number, vraag in enumerate(vragen, start=1):
        prefix = f"Vraag {number}: " if len(vragen) > 1 else ""
        if not (vraag.vraagtekst or "").strip():
            raise DomainError(f"{prefix}vul de vraag van de klant in.", field="vraagtekst")
        reden = vraag.contactreden
        if reden is None:
            raise DomainError(f"{prefix}kies een contactreden.", field="contactreden")
        if not reden.is_actief or (reden.hoofdreden is not None and not reden.hoofdreden.is_actief):
            raise DomainError(
                f"{prefix}de contactreden '{reden.naam}' is niet meer in gebruik.",
                field="contactreden",
            )
        if vraag.afhandeling not in Afhandeling.values:
            raise DomainError(
                f"{prefix}onbekende afhandeling '{vraag.afhandeling}'.", field="afhandeling"
            )
        if vraag.product is not None and not vraag.product.is_actief:
            raise DomainError(
                f"{prefix}het product '{vraag.product}' is niet meer in gebruik.", field="product"
            )
        organisatie = vraag.doorverwezen_naar
        if vraag.afhandeling == Afhandeling.DOORVERWEZEN:
            if organisatie is None:
                raise DomainError(
                    f"{prefix}kies de organisatie waarnaar u verwijst."
                    if prefix
                    else "Kies de organisatie waarnaar u verwijst.",
                    field="doorverwezen_naar",
                )
            if not organisatie.is_actief:
                raise DomainError(
                    f"{prefix}de organisatie '{organisatie}' is niet meer in gebruik.",
                    field="doorverwezen_naar",
                )
        elif organisatie is not None:
            raise DomainError(
                f"{prefix}een organisatie waarnaar u verwijst hoort alleen bij de afhandeling "
                f"'{Afhandeling.DOORVERWEZEN.label}'.",
                field="doorverwezen_naar",
            )


def _reference(*, prefix: str, year: int, pk: int, digits: int) -> str:
    """A readable, unique number derived from the primary key (safe under concurrency)."""
    return f"{prefix}-{year}-{pk:0{digits}d}"


@transaction.atomic
def contact_register(
    *,
    kanaal: Kanaal | str,
    medewerker: User | None,
    vragen: list[VraagInput],
    partij: Partij | None = None,
    plaatsgevonden_op: dt.datetime | None = None,
    duur: dt.timedelta | None = None,
    onderwerp: str = "",
    inhoud: str = "",
    idempotency_key: str | None = None,
    idempotency_client: str = "",
) -> Klantcontact:
    """Register one contact with its questions. A retry with the same idempotency key is stored once.

    `medewerker` is None for a contact handled without staff (self-service, automation);
    `partij` is None for an anonymous contact. A key is scoped to `idempotency_client` (see
    `contact_register_once`); Loket's own callers use the empty client.
    """
    contact, _created = contact_register_once(
        kanaal=kanaal,
        medewerker=medewerker,
        vragen=vragen,
        partij=partij,
        plaatsgevonden_op=plaatsgevonden_op,
        duur=duur,
        onderwerp=onderwerp,
        inhoud=inhoud,
        idempotency_key=idempotency_key,
        idempotency_client=idempotency_client,
    )
    return contact


def _stored_once(*, client: str, key: str | None) -> Klantcontact | None:
    if key is None:
        return None
    return Klantcontact.objects.filter(idempotency_client=client, idempotency_key=key).first()


@transaction.atomic
def contact_register_once(
    *,
    kanaal: Kanaal | str,
    medewerker: User | None,
    vragen: list[VraagInput],
    partij: Partij | None = None,
    plaatsgevonden_op: dt.datetime | None = None,
    duur: dt.timedelta | None = None,
    onderwerp: str = "",
    inhoud: str = "",
    idempotency_key: str | None = None,
    idempotency_client: str = "",
) -> tuple[Klantcontact, bool]:
    """`contact_register`, telling whether this call stored the contact (True) or found the one
    an earlier or concurrent call with the same client and key stored (False). The unique
    constraint on (client, key) decides a race: exactly one call creates."""
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
            raise DomainError(
                "De idempotentiesleutel moet 1 tot 100 tekens lang zijn.", field="idempotency_key"
            )
        existing = _stored_once(client=idempotency_client, key=idempotency_key)
        if existing is not None:
            return existing, False

    if isinstance(kanaal, str):
        kanaal = kanaal_get(code=kanaal)
    if not kanaal.is_actief:
        raise DomainError(f"Het kanaal '{kanaal.naam}' is niet meer in gebruik.", field="kanaal")
    _check_vragen(vragen)

    now = timezone.now()
    if plaatsgevonden_op is None:
        plaatsgevonden_op = now
    elif timezone.is_naive(plaatsgevonden_op):
        raise DomainError(
            "Het tijdstip van het contact heeft geen tijdzone.", field="plaatsgevonden_op"
        )
    elif plaatsgevonden_op > now + FUTURE_TOLERANCE:
        raise DomainError(
            "Het tijdstip van het contact ligt in de toekomst.", field="plaatsgevonden_op"
        )
    elif plaatsgevonden_op < now - MAX_AGE:
        # Older contacts are past every retention term; year 0001 also broke the day summaries.
        raise DomainError(
            "Het tijdstip van het contact ligt meer dan 20 jaar terug.", field="plaatsgevonden_op"
        )
    if duur is not None and duur < dt.timedelta(0):
        raise DomainError("De duur van het contact kan niet negatief zijn.", field="duur")
    onderwerp = (onderwerp or "").strip()
    if len(onderwerp) > (Klantcontact._meta.get_field("onderwerp").max_length or 200):
        raise DomainError("Het onderwerp is te lang (hoogstens 200 tekens).", field="onderwerp")

    try:
        with transaction.atomic():
            contact = Klantcontact.objects.create(
                referentienummer=f"tmp-{uuid.uuid4().hex[:16]}",
                kanaal=kanaal,
                partij=partij,
                medewerker=medewerker,
                onderwerp=onderwerp,
                inhoud=inhoud or "",
                plaatsgevonden_op=plaatsgevonden_op,
                duur=duur,
                idempotency_key=idempotency_key,
                idempotency_client=idempotency_client if idempotency_key is not None else "",
            )
    except IntegrityError:
        # A concurrent retry with the same key won the race: return what it stored.
        existing = _stored_once(client=idempotency_client, key=idempotency_key)
        if existing is not None:
            return existing, False
        raise
    year = timezone.localtime(plaatsgevonden_op).year
    contact.referentienummer = _reference(prefix="KC", year=year, pk=contact.pk, digits=6)
    contact.save(update_fields=["referentienummer"])
    Vraag.objects.bulk_create(
        Vraag(
            klantcontact=contact,
            vraagtekst=vraag.vraagtekst.strip(),
            antwoord=vraag.antwoord or "",
            product=vraag.product,
            contactreden=vraag.contactreden,
            afhandeling=vraag.afhandeling,
            kennisartikel_versie=vraag.kennisartikel_versie,
            doorverwezen_naar=vraag.doorverwezen_naar,
        )
        for vraag in vragen
    )
    publish(KlantcontactGeregistreerd(klantcontact=contact, user=medewerker))
    return contact, True


# --- contactverzoeken ----------------------------------------------------------------------

REOPEN_CONTACTVERZOEK = DISTRIBUTE_WORK  # teamleiders may reopen a closed verzoek
NORM_WERKUREN_DEFAULT = 16  # two working days of 8 hours


def _check_team(team: Team) -> None:
    """A team takes new work only when it is active and someone can be told about it."""
    if not team.is_actief:
        raise DomainError(
            f"Het team '{team}' is niet actief; kies een ander team.",
            field="team",
        )
    if not team.email and not team.members.filter(is_active=True).exists():
        raise DomainError(
            f"Het team '{team}' heeft geen actieve leden en geen e-mailadres; kies een ander team.",
            field="team",
        )


def _check_assignee(*, team: Team | None, medewerker: User | None) -> None:
    if team is None and medewerker is None:
        raise DomainError("Kies een team of een medewerker voor het contactverzoek.", field="team")
    if team is not None:
        _check_team(team)
    if medewerker is not None:
        if not medewerker.is_active:
            raise DomainError(
                f"De medewerker '{medewerker}' is niet actief; kies een andere medewerker.",
                field="medewerker",
            )
        if not medewerker.has_perm(HANDLE_CASES):
            raise DomainError(
                f"De medewerker '{medewerker}' behandelt geen contactverzoeken.",
                field="medewerker",
            )


def _require_handler(user: User | None) -> User:
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag contactverzoeken niet behandelen.")
    return user


def _log(
    verzoek: Contactverzoek, soort: str, user: User | None, **detail: Any
) -> ContactverzoekGebeurtenis:
    return ContactverzoekGebeurtenis.objects.create(
        verzoek=verzoek, soort=soort, door=user, detail=detail
    )


def contactverzoek_norm_werkuren(
    *, team: Team | None = None, product: Product | None = None
) -> int:
    """The deadline norm in working hours for a verzoek for `team` about `product`.

    The most specific norm wins: the norm for this team and this product, else the norm for
    the product (whichever team), else the norm for the team (whatever product), else
    NORM_WERKUREN_DEFAULT (16 working hours = 2 working days). Beheerders maintain the norms
    in the admin (ContactverzoekNorm).
    """
    if team is None and product is None:
        return NORM_WERKUREN_DEFAULT
    q = Q(team__isnull=True, product=product) if product is not None else Q(pk__in=[])
    if team is not None:
        q |= Q(team=team, product__isnull=True)
        if product is not None:
            q |= Q(team=team, product=product)
    by_key = {
        (norm.team_id is not None, norm.product_id is not None): norm.werkuren
        for norm in ContactverzoekNorm.objects.filter(q)
    }
    for key in ((True, True), (False, True), (True, False)):
        if key in by_key:
            return by_key[key]
    return NORM_WERKUREN_DEFAULT


def _check_deadline(deadline: dt.datetime) -> dt.datetime:
    if timezone.is_naive(deadline):
        deadline = timezone.make_aware(deadline)
    if deadline <= timezone.now():
        raise DomainError("De deadline ligt in het verleden.", field="deadline")
    return deadline


def _lock(verzoek: Contactverzoek, soort: str) -> Contactverzoek:
    """The verzoek's row, locked until the end of the transaction, checked against the status
    machine. Two users acting at once are serialised; the second sees the first's result."""
    locked = (
        Contactverzoek.objects.select_for_update(of=("self",))
        .select_related("team", "medewerker", "vraag", "klantcontact")
        .get(pk=verzoek.pk)
    )
    if locked.status not in CONTACTVERZOEK_OVERGANGEN[soort]:
        if locked.status == ContactverzoekStatus.VERWERKT:
            raise DomainError(
                "Dit contactverzoek is al afgesloten en kan niet meer worden gewijzigd.",
                field="status",
            )
        raise DomainError(
            f"Dit kan niet bij een contactverzoek met status '{locked.get_status_display()}'.",
            field="status",
        )
    return locked


def _recipients(verzoek: Contactverzoek) -> list[str]:
    medewerker, team = verzoek.medewerker, verzoek.team
    if medewerker is not None:
        return [medewerker.email] if medewerker.email else []
    # A verzoek has a team or a medewerker (constraint contactverzoek_team_of_medewerker).
    assert team is not None, verzoek.pk
    if team.email:
        return [team.email]
    return sorted(
        {
            email
            for email in team.members.filter(is_active=True).values_list("email", flat=True)
            if email
        }
    )


def _notify_assignee_on_commit(verzoek: Contactverzoek) -> None:
    """Tell the new assignee (the person, else the team) by e-mail, through the outbox: the
    message is stored with the change (same transaction) and the worker sends and retries it,
    so a mail server that is down loses nothing."""
    from loket.messaging.models import BerichtKanaal, BerichtSoort
    from loket.messaging.services import bericht_queue

    recipients = _recipients(verzoek)
    if not recipients:
        return
    subject = f"Contactverzoek toegewezen: {verzoek.klantcontact.referentienummer}"
    deadline = timezone.localtime(verzoek.deadline).strftime("%d-%m-%Y %H:%M")
    body = (
        "Er is een contactverzoek aan u toegewezen.\n\n"
        f"Gevraagde handeling: {verzoek.gevraagde_handeling}\n"
        f"Deadline: {deadline}\n\n"
        "Open de werkvoorraad in Loket om het verzoek te behandelen."
    )
    # One message per assignment (its history event) and recipient.
    event = verzoek.gebeurtenissen.order_by("-pk").values_list("pk", flat=True).first()
    for address in recipients:
        bericht_queue(
            sleutel=f"contactverzoek:{verzoek.uuid}:toegewezen:{event}:{address}",
            onderwerp=subject,
            tekst=body,
            soort=BerichtSoort.OVERIG,
            kanaal=BerichtKanaal.EMAIL,
            adres=address,
            aanleiding_type="contactverzoek",
            aanleiding_id=str(verzoek.uuid),
        )


def _clean_contactgegevens(*, terugbelnummer: str, email: str) -> tuple[str, str]:
    terugbelnummer = (terugbelnummer or "").strip()
    email = (email or "").strip()
    if not terugbelnummer and not email:
        raise DomainError(
            "Vul een terugbelnummer of een e-mailadres in om de klant te bereiken.",
            field="terugbelnummer",
        )
    if terugbelnummer:
        terugbelnummer = normalise_phone(terugbelnummer, field="terugbelnummer")
    if email:
        email = normalise_email(email, field="email")
    return terugbelnummer, email


@transaction.atomic
def contactverzoek_create(
    *,
    vraag: Vraag,
    team: Team | None = None,
    medewerker: User | None = None,
    gevraagde_handeling: str,
    terugbelnummer: str = "",
    email: str = "",
    toelichting: str = "",
    user: User | None,
    deadline: dt.datetime | None = None,
    norm_werkuren: float | None = None,
) -> Contactverzoek:
    """A verzoek for a team or a person from a question handled as contactverzoek.

    The deadline is, in this order: the `deadline` given by hand (refused when it lies in the
    past); else `norm_werkuren` office hours from now; else the norm of
    `contactverzoek_norm_werkuren` for the team and the question's product (team and product,
    then product, then team, else 16 working hours = 2 working days). Office hours skip
    weekends and Dutch holidays.
    """
    if vraag.afhandeling != Afhandeling.CONTACTVERZOEK:
        raise DomainError(
            "Alleen bij een vraag met afhandeling 'Contactverzoek' kan een contactverzoek "
            "worden uitgezet.",
            field="afhandeling",
        )
    _check_assignee(team=team, medewerker=medewerker)
    gevraagde_handeling = (gevraagde_handeling or "").strip()
    if not gevraagde_handeling:
        raise DomainError(
            "Beschrijf de gevraagde handeling voor de backoffice.", field="gevraagde_handeling"
        )
    terugbelnummer, email = _clean_contactgegevens(terugbelnummer=terugbelnummer, email=email)
    if deadline is not None:
        deadline = _check_deadline(deadline)
    else:
        if norm_werkuren is None:
            norm_werkuren = contactverzoek_norm_werkuren(team=team, product=vraag.product)
        if norm_werkuren <= 0:
            raise DomainError("De norm moet ten minste één werkuur zijn.", field="norm_werkuren")
        deadline = get_calendar().add_working_hours(timezone.now(), norm_werkuren)
    klantcontact = vraag.klantcontact
    verzoek = Contactverzoek.objects.create(
        klantcontact=klantcontact,
        vraag=vraag,
        partij=klantcontact.partij,
        team=team,
        medewerker=medewerker,
        gevraagde_handeling=gevraagde_handeling,
        terugbelnummer=terugbelnummer,
        email=email,
        toelichting=(toelichting or "").strip(),
        deadline=deadline,
        status=(
            ContactverzoekStatus.IN_BEHANDELING if medewerker else ContactverzoekStatus.TE_VERWERKEN
        ),
    )
    _log(
        verzoek,
        GebeurtenisSoort.AANGEMAAKT,
        user,
        team=team.name if team else "",
        medewerker=str(medewerker) if medewerker else "",
        deadline=deadline.isoformat(),
    )
    _notify_assignee_on_commit(verzoek)
    publish(ContactverzoekAangemaakt(verzoek=verzoek, user=user))
    return verzoek


def _check_assignable(verzoek: Contactverzoek, medewerker: User) -> None:
    """The person must be active, handle contactverzoeken and be in the verzoek's team."""
    _check_assignee(team=None, medewerker=medewerker)
    team = verzoek.team
    if team is not None and not team.members.filter(pk=medewerker.pk).exists():
        raise DomainError(
            f"De medewerker '{medewerker}' is geen lid van het team '{verzoek.team}'.",
            field="medewerker",
        )


@transaction.atomic
def contactverzoek_assign(
    *, verzoek: Contactverzoek, medewerker: User | None, user: User | None
) -> Contactverzoek:
    """Give the verzoek to one person. Any handler may take it himself; only a teamleider
    (distribute_work) may assign it to someone else, who must be an active member of the
    verzoek's team who handles contactverzoeken. That person gets an e-mail."""
    user = _require_handler(user)
    if medewerker is None:
        raise DomainError("Kies een medewerker.", field="medewerker")
    if medewerker.pk != user.pk and not user.has_perm(DISTRIBUTE_WORK):
        raise PermissionDenied("Alleen een teamleider kan een contactverzoek aan een ander geven.")
    verzoek = _lock(verzoek, GebeurtenisSoort.TOEGEWEZEN)
    if verzoek.medewerker_id == medewerker.pk:
        if medewerker.pk == user.pk:
            raise DomainError("Dit contactverzoek is al aan u toegewezen.", field="medewerker")
        raise DomainError(
            f"Dit contactverzoek is al aan {medewerker} toegewezen.", field="medewerker"
        )
    if medewerker.pk != user.pk:  # taking it yourself needs no membership (as before)
        _check_assignable(verzoek, medewerker)
    vorige = str(verzoek.medewerker) if verzoek.medewerker_id else ""
    verzoek.medewerker = medewerker
    verzoek.status = ContactverzoekStatus.IN_BEHANDELING
    verzoek.save(update_fields=["medewerker", "status"])
    _log(verzoek, GebeurtenisSoort.TOEGEWEZEN, user, medewerker=str(medewerker), vorige=vorige)
    if medewerker.pk != user.pk:
        _notify_assignee_on_commit(verzoek)
    publish(ContactverzoekToegewezen(verzoek=verzoek, user=user))
    return verzoek


def contactverzoek_assign_to_me(*, verzoek: Contactverzoek, user: User | None) -> Contactverzoek:
    return contactverzoek_assign(verzoek=verzoek, medewerker=user, user=user)


@transaction.atomic
def contactverzoek_forward(
    *,
    verzoek: Contactverzoek,
    team: Team | None = None,
    medewerker: User | None = None,
    user: User | None,
) -> Contactverzoek:
    """Hand the verzoek to another team or person; the new assignee gets an e-mail."""
    _require_handler(user)
    _check_assignee(team=team, medewerker=medewerker)
    verzoek = _lock(verzoek, GebeurtenisSoort.DOORGESTUURD)
    van = {"team": verzoek.team.name if verzoek.team is not None else "", "medewerker": ""}
    if verzoek.medewerker_id:
        van["medewerker"] = str(verzoek.medewerker)
    verzoek.team = team if team is not None else verzoek.team
    verzoek.medewerker = medewerker
    if verzoek.team is None and medewerker is None:  # pragma: no cover - _check_assignee
        raise DomainError("Kies een team of een medewerker.", field="team")
    verzoek.status = (
        ContactverzoekStatus.IN_BEHANDELING if medewerker else ContactverzoekStatus.TE_VERWERKEN
    )
    verzoek.save(update_fields=["team", "medewerker", "status"])
    _log(
        verzoek,
        GebeurtenisSoort.DOORGESTUURD,
        user,
        van=van,
        naar={
            "team": verzoek.team.name if verzoek.team is not None else "",
            "medewerker": str(medewerker) if medewerker else "",
        },
    )
    _notify_assignee_on_commit(verzoek)
    return verzoek


@transaction.atomic
def contactverzoek_register_attempt(
    *,
    verzoek: Contactverzoek,
    user: User | None,
    bereikt: bool,
    kanaal: Kanaal | str,
    toelichting: str,
) -> Contactverzoek:
    """Record one attempt to reach the customer (reached or not, channel, what was said)."""
    _require_handler(user)
    if isinstance(kanaal, str):
        kanaal = kanaal_get(code=kanaal)
    toelichting = (toelichting or "").strip()
    if bereikt and not toelichting:
        raise DomainError("Vul in wat er met de klant is besproken.", field="toelichting")
    verzoek = _lock(verzoek, GebeurtenisSoort.TERUGBELPOGING)
    if verzoek.status == ContactverzoekStatus.TE_VERWERKEN:
        verzoek.status = ContactverzoekStatus.IN_BEHANDELING
        verzoek.save(update_fields=["status"])
    _log(
        verzoek,
        GebeurtenisSoort.TERUGBELPOGING,
        user,
        bereikt=bool(bereikt),
        kanaal=kanaal.code,
        toelichting=toelichting,
    )
    return verzoek


def _last_attempt_kanaal(verzoek: Contactverzoek) -> str:
    poging = (
        verzoek.gebeurtenissen.filter(soort=GebeurtenisSoort.TERUGBELPOGING).order_by("-pk").first()
    )
    return (poging.detail or {}).get("kanaal", "telefoon") if poging else "telefoon"


@transaction.atomic
def contactverzoek_close(
    *,
    verzoek: Contactverzoek,
    user: User | None,
    resultaat: str,
    kanaal: Kanaal | str | None = None,
) -> Contactverzoek:
    """Close with a result; the close is a klantcontact on the customer's timeline."""
    _require_handler(user)
    resultaat = (resultaat or "").strip()
    if not resultaat:
        raise DomainError("Vul het resultaat van het contactverzoek in.", field="resultaat")
    verzoek = _lock(verzoek, GebeurtenisSoort.AFGESLOTEN)
    vraag = verzoek.vraag
    contact = contact_register(
        kanaal=kanaal or _last_attempt_kanaal(verzoek),
        medewerker=user,
        partij=verzoek.partij,
        onderwerp=f"Afhandeling contactverzoek bij {verzoek.klantcontact.referentienummer}",
        vragen=[
            VraagInput(
                vraagtekst=vraag.vraagtekst,
                contactreden=vraag.contactreden,
                afhandeling=Afhandeling.BEANTWOORD,
                product=vraag.product,
                antwoord=resultaat,
            )
        ],
    )
    verzoek.status = ContactverzoekStatus.VERWERKT
    verzoek.resultaat = resultaat
    verzoek.afgehandeld_op = timezone.now()
    if verzoek.medewerker_id is None:
        verzoek.medewerker = user
    verzoek.save(update_fields=["status", "resultaat", "afgehandeld_op", "medewerker"])
    _log(
        verzoek,
        GebeurtenisSoort.AFGESLOTEN,
        user,
        resultaat=resultaat,
        klantcontact=contact.referentienummer,
    )
    if contact.kanaal.code == "e-mail":
        _antwoord_per_email(verzoek=verzoek, contact=contact, resultaat=resultaat)
    publish(ContactverzoekAfgesloten(verzoek=verzoek, user=user))
    return verzoek


def _antwoord_per_email(*, verzoek: Contactverzoek, contact: Klantcontact, resultaat: str) -> None:
    """Closed by e-mail: the answer goes to the customer through the outbox (issue 8), stored
    in this transaction and sent by the worker after commit."""
    from loket.messaging.models import BerichtKanaal, BerichtSoort
    from loket.messaging.services import bericht_kanaal_for, bericht_queue

    adres = verzoek.email
    if not adres and verzoek.partij is not None:
        kanaal, adres = bericht_kanaal_for(verzoek.partij, gevraagd=BerichtKanaal.EMAIL)
        adres = adres if kanaal == BerichtKanaal.EMAIL else ""
    if not adres:
        raise DomainError(
            "Er is geen e-mailadres van de klant: kies een ander kanaal of vul het e-mailadres in.",
            field="kanaal",
        )
    referentie = verzoek.klantcontact.referentienummer
    bericht_queue(
        sleutel=f"contactverzoek:{verzoek.pk}:{contact.referentienummer}",
        onderwerp=f"Antwoord op uw vraag ({referentie})",
        tekst=(
            f"Geachte heer/mevrouw,\n\nU vroeg ons: {verzoek.vraag.vraagtekst}\n\n{resultaat}\n\n"
            f"Met vriendelijke groet,\nKlantcontactcentrum"
        ),
        soort=BerichtSoort.TERUGBELVERZOEK,
        partij=verzoek.partij,
        kanaal=BerichtKanaal.EMAIL,
        adres=adres,
        aanleiding_type="contactverzoek",
        aanleiding_id=str(verzoek.pk),
    )


@transaction.atomic
def contactverzoek_reopen(
    *, verzoek: Contactverzoek, user: User | None, reden: str = ""
) -> Contactverzoek:
    """A teamleider reopens a closed verzoek; the closing klantcontact stays on the timeline."""
    if user is None or not user.has_perm(REOPEN_CONTACTVERZOEK):
        raise PermissionDenied("Alleen een teamleider kan een contactverzoek heropenen.")
    verzoek = _lock(verzoek, GebeurtenisSoort.HEROPEND)
    verzoek.status = (
        ContactverzoekStatus.IN_BEHANDELING
        if verzoek.medewerker_id
        else ContactverzoekStatus.TE_VERWERKEN
    )
    verzoek.afgehandeld_op = None
    verzoek.save(update_fields=["status", "afgehandeld_op"])
    _log(verzoek, GebeurtenisSoort.HEROPEND, user, reden=(reden or "").strip())
    return verzoek


@dataclass(frozen=True)
class TeLaatLijst:
    """The outcome of the daily overdue list for one teamleider."""

    ontvanger: User
    aantal: int
    verzonden: bool  # False: already sent today, or no e-mail address


def _te_laat_mail(
    *, ontvanger: User, per_team: dict[Team, list[Contactverzoek]], base_url: str
) -> tuple[str, str]:
    totaal = sum(len(verzoeken) for verzoeken in per_team.values())
    subject = f"Contactverzoeken te laat: {totaal}"
    lines = [
        f"Beste {ontvanger},",
        "",
        f"In uw team{'s' if len(per_team) > 1 else ''} "
        f"{'zijn' if totaal != 1 else 'is'} {totaal} contactverzoek{'en' if totaal != 1 else ''} "
        "over de deadline:",
    ]
    for team, verzoeken in per_team.items():
        lines += ["", f"{team} ({len(verzoeken)})"]
        for verzoek in verzoeken:
            deadline = timezone.localtime(verzoek.deadline).strftime("%d-%m-%Y %H:%M")
            behandelaar = str(verzoek.medewerker) if verzoek.medewerker_id else "niemand"
            url = base_url.rstrip("/") + reverse("backoffice:detail", kwargs={"pk": verzoek.pk})
            lines.append(
                f"- {verzoek.klantcontact.referentienummer}, deadline {deadline}, "
                f"behandelaar: {behandelaar}\n  {url}"
            )
    lines += ["", "De werkvoorraad per team staat in Loket onder Werkvoorraad."]
    return subject, "\n".join(lines)


def contactverzoeken_te_laat_versturen(
    *, datum: dt.date | None = None, base_url: str = ""
) -> list[TeLaatLijst]:
    """Mail each teamleider the overdue verzoeken of his teams: one mail per teamleider per day.

    Idempotent per day: a TeLaatMelding is stored with each mail, in the same transaction, so a
    second run on the same day queues nothing again; the outbox sends and retries the mail.
    """
    from loket.messaging.models import BerichtKanaal, BerichtSoort
    from loket.messaging.services import bericht_queue

    datum = datum or timezone.localdate()
    uitkomst = []
    for ontvanger, per_team in contactverzoek_te_laat_per_teamleider().items():
        aantal = sum(len(verzoeken) for verzoeken in per_team.values())
        if not ontvanger.email:
            uitkomst.append(TeLaatLijst(ontvanger=ontvanger, aantal=aantal, verzonden=False))
            continue
        with transaction.atomic():
            _melding, nieuw = TeLaatMelding.objects.get_or_create(
                datum=datum, ontvanger=ontvanger, defaults={"aantal": aantal}
            )
            if nieuw:
                subject, body = _te_laat_mail(
                    ontvanger=ontvanger, per_team=per_team, base_url=base_url
                )
                # Through the outbox: stored with the TeLaatMelding, sent and retried by the
                # worker (a failed mail is no longer lost until the next day's run).
                bericht_queue(
                    sleutel=f"te-laat:{datum.isoformat()}:{ontvanger.pk}",
                    onderwerp=subject,
                    tekst=body,
                    soort=BerichtSoort.OVERIG,
                    kanaal=BerichtKanaal.EMAIL,
                    adres=ontvanger.email,
                    aanleiding_type="te-laat-lijst",
                    aanleiding_id=datum.isoformat(),
                )
        uitkomst.append(TeLaatLijst(ontvanger=ontvanger, aantal=aantal, verzonden=nieuw))
    return uitkomst
