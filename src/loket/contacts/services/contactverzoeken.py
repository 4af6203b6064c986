"""Contactverzoeken (interne taken): create, assign, forward, call-back attempts, close, reopen."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.accounts.permissions import ANSWER_WRITTEN, DISTRIBUTE_WORK, HANDLE_CASES
from loket.catalogue.models import Product
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
)
from loket.contacts.models import (
    Contactverzoek,
    ContactverzoekGebeurtenis,
    ContactverzoekNorm,
    Klantcontact,
    Vraag,
)
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.models import Kanaal, KanaalSoort
from loket.core.services import kanaal_get
from loket.knowledge.models import ArtikelVersie
from loket.messaging.models import BerichtKanaal, BerichtSoort
from loket.messaging.services import bericht_kanaal_for, bericht_queue
from loket.parties.validators import normalise_email, normalise_phone

if TYPE_CHECKING:
    pass
from loket.contacts.services.klantcontacten import VraagInput, contact_register

# --- contactverzoeken ----------------------------------------------------------------------

REOPEN_CONTACTVERZOEK = DISTRIBUTE_WORK  # teamleiders may reopen a closed verzoek
NORM_WERKUREN_DEFAULT = 16  # two working days of 8 hours
TEAM_OF_MEDEWERKER = (
    "Kies een team of een medewerker voor het contactverzoek (ten minste één van beide)."
)


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
        raise DomainError(TEAM_OF_MEDEWERKER, field="team")
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


def _require_handler(user: User | None, verzoek: Contactverzoek | None = None) -> User:
    """Who handles contactverzoeken; a KCC agent who answers the inbox (ANSWER_WRITTEN) also
    handles what the inbox holds: a written question (e-mail, the website) and a callback
    request (one with a terugbelnummer): take it, forward it, call back, close it."""
    if user is not None and user.has_perm(HANDLE_CASES):
        return user
    if user is not None and verzoek is not None and user.has_perm(ANSWER_WRITTEN):
        inbox = verzoek.terugbelnummer or verzoek.klantcontact.kanaal.soort in (
            KanaalSoort.EMAIL,
            KanaalSoort.CLICK,
        )
        # ... of his teams (or given to him): the inbox's own wall, not another team's work.
        eigen = verzoek.medewerker_id == user.pk or (
            verzoek.team_id is not None and user.teams.filter(pk=verzoek.team_id).exists()
        )
        if inbox and (eigen or user.has_perm(DISTRIBUTE_WORK)):
            return user
    raise PermissionDenied("U mag contactverzoeken niet behandelen.")


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
    melden: bool = True,
) -> Contactverzoek:
    """A verzoek for a team or a person from a question handled as contactverzoek.

    The assignee (person, else team) gets an e-mail through the outbox, unless `melden` is
    False: work that arrives in a queue people watch anyway (the inbox of written questions).

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
    if melden:
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
    user = _require_handler(user, verzoek)
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
    _require_handler(user, verzoek)
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
    _require_handler(user, verzoek)
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
    kennisartikel_versie: ArtikelVersie | None = None,
    email_volledig: bool = False,
    email_onderwerp: str = "",
    antwoord_op: str = "",
    referenties: str = "",
) -> Contactverzoek:
    """Close with a result; the close is a klantcontact on the customer's timeline.

    Closed on kanaal e-mail, the result goes to the customer by e-mail: wrapped in a salutation
    and the question, or as written when `email_volledig` (an answer to an e-mail, written in
    full by the agent), in the thread of `antwoord_op` (the customer's Message-ID) when given.
    `kennisartikel_versie` records the published answer the text came from."""
    if email_volledig and user is not None and user.has_perm(ANSWER_WRITTEN):
        # The inbox: KCC agents answer written questions (e-mail, the website) by e-mail.
        if verzoek.klantcontact.kanaal.soort not in (KanaalSoort.EMAIL, KanaalSoort.CLICK):
            raise PermissionDenied("U mag alleen schriftelijke vragen beantwoorden.")
    else:
        _require_handler(user, verzoek)
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
                kennisartikel_versie=kennisartikel_versie,
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
        _antwoord_per_email(
            verzoek=verzoek,
            contact=contact,
            resultaat=resultaat,
            volledig=email_volledig,
            onderwerp=email_onderwerp,
            antwoord_op=antwoord_op,
            referenties=referenties,
        )
    publish(ContactverzoekAfgesloten(verzoek=verzoek, user=user))
    return verzoek


def _antwoord_per_email(
    *,
    verzoek: Contactverzoek,
    contact: Klantcontact,
    resultaat: str,
    volledig: bool = False,
    onderwerp: str = "",
    antwoord_op: str = "",
    referenties: str = "",
) -> None:
    """Closed by e-mail: the answer goes to the customer through the outbox (issue 8), stored
    in this transaction and sent by the worker after commit."""

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
        onderwerp=onderwerp or f"Antwoord op uw vraag ({referentie})",
        tekst=resultaat
        if volledig
        else (
            f"Geachte heer/mevrouw,\n\nU vroeg ons: {verzoek.vraag.vraagtekst}\n\n{resultaat}\n\n"
            f"Met vriendelijke groet,\nKlantcontactcentrum"
        ),
        antwoord_op=antwoord_op,
        referenties=referenties,
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
