"""Reads for klantcontacten and contactredenen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from loket.accounts.models import Membership, Team, User
from loket.accounts.permissions import (
    DISTRIBUTE_WORK,
    HANDLE_CASES,
    VIEW_INSIGHTS,
    VIEW_PERSON_DATA,
)
from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import (
    Contactreden,
    Contactverzoek,
    ContactverzoekGebeurtenis,
    Klantcontact,
    KlantcontactConcept,
    Vraag,
)
from loket.contacts.vertrouwelijk import (
    contactverzoek_redact,
    contactverzoeken_redact,
    klantcontact_redact,
    terugbelpoging_redact,
)
from loket.core.access import api_token, sees_all_teams
from loket.core.audit import audit_persons_read, audit_record
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.parties.selectors import partij_audit_subjects_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from loket.parties.models import Partij


def contact_list_for_party(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[Klantcontact]:
    """A customer's contact history, newest first. The read is recorded in the audit log."""
    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de contacthistorie van klanten niet inzien.")
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "klantcontacten"},
    )
    vragen = Vraag.objects.select_related("contactreden__hoofdreden", "product").order_by("pk")
    return (
        Klantcontact.objects.filter(partij=partij)
        .select_related("kanaal", "medewerker", "vertrouwelijk_team")
        .prefetch_related(Prefetch("vragen", queryset=vragen))
        .order_by("-plaatsgevonden_op", "-pk")
    )


def contactreden_tree(*, include_inactive: bool = False) -> list[Contactreden]:
    """Hoofdredenen in their order, each with `.subredenen.all()` holding its (active) subredenen."""
    subs = Contactreden.objects.order_by("volgorde", "naam")
    hoofd = Contactreden.objects.filter(hoofdreden__isnull=True)
    if not include_inactive:
        subs = subs.filter(is_actief=True)
        hoofd = hoofd.filter(is_actief=True)
    return list(
        hoofd.order_by("volgorde", "naam").prefetch_related(Prefetch("subredenen", queryset=subs))
    )


# --- contactverzoeken ----------------------------------------------------------------------

PURPOSE_CONTACTVERZOEK = "Contactverzoek behandelen"
SCOPES = ("mine", "team", "all")


OTHER_TEAM_VERZOEK = "Dit contactverzoek hoort bij een ander team."


def _sees_all(user: Actor | None) -> bool:
    return sees_all_teams(user, perm=DISTRIBUTE_WORK)


def contactverzoek_scopes(*, user: Actor | None) -> list[str]:
    """The worklists the user's role allows: mine and team, and all for a teamleider."""
    return list(SCOPES) if _sees_all(user) else ["mine", "team"]


def contactverzoek_access_filter(user: Actor | None) -> Q:
    """The verzoeken this caller may see — one rule for the page, the API and the admin. Loket
    itself, an API token with the scope and a teamleider see all; a medewerker those of his
    teams and those assigned to him."""
    if _sees_all(user):
        return Q()
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return Q(pk__in=[])
    return Q(team__in=user.teams.all()) | Q(medewerker=user)


def access_contactverzoek(*, user: Actor | None, verzoek: Contactverzoek) -> Contactverzoek:
    """The verzoek if the caller may see it, else PermissionDenied (403) in Dutch."""
    if _sees_all(user):
        return verzoek
    if (
        getattr(user, "is_authenticated", False)
        and isinstance(user, User)
        and (
            verzoek.medewerker_id == user.pk
            or (verzoek.team_id is not None and user.teams.filter(pk=verzoek.team_id).exists())
        )
    ):
        return verzoek
    raise PermissionDenied(OTHER_TEAM_VERZOEK)


def _with_urgency(qs: QuerySet[Contactverzoek]) -> QuerySet[Contactverzoek]:
    now = timezone.now()
    local = timezone.localtime(now)
    end_of_day = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    open_ = ~Q(status=ContactverzoekStatus.VERWERKT)
    return qs.annotate(
        urgentie=Case(
            When(open_ & Q(deadline__lt=now), then=Value("te_laat")),
            When(open_ & Q(deadline__lt=end_of_day), then=Value("vandaag")),
            default=Value(""),
            output_field=CharField(),
        )
    )


def contactverzoek_list(
    *, user: User | None, scope: str = "mine", include_closed: bool = False
) -> QuerySet[Contactverzoek]:
    """A worklist, earliest deadline first, each with `urgentie` ("te_laat", "vandaag" or "").

    A backoffice-medewerker sees only his own teams' verzoeken (and those assigned to him);
    teamleider and beheerder may see all.
    """
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag contactverzoeken niet inzien.")
    if scope not in contactverzoek_scopes(user=user):
        raise PermissionDenied("U mag deze werkvoorraad niet inzien.")
    qs = Contactverzoek.objects.all()
    if scope == "mine":
        qs = qs.filter(medewerker=user)
    elif scope == "team":
        qs = qs.filter(team__in=user.teams.all())
    if not include_closed:
        qs = qs.exclude(status=ContactverzoekStatus.VERWERKT)
    return _with_urgency(
        qs.select_related(
            "team",
            "medewerker",
            "partij",
            "klantcontact__vertrouwelijk_team",
            "vraag__product",
        )
    ).order_by("deadline", "pk")


PURPOSE_WORKLIST = "Werkvoorraad contactverzoeken behandelen"


def contactverzoek_worklist(*, user: User | None, scope: str = "mine") -> list[Contactverzoek]:
    """The open verzoeken of a worklist (see `contactverzoek_list`) as shown on the page; each
    person on it gets an audit entry (a privacy officer searching that person finds the read)."""
    verzoeken = contactverzoeken_redact(
        user=user, verzoeken=contactverzoek_list(user=user, scope=scope), purpose=PURPOSE_WORKLIST
    )
    audit_persons_read(
        user=user,
        persons=(verzoek.partij for verzoek in verzoeken),
        purpose=PURPOSE_WORKLIST,
        detail={"gegevens": "werkvoorraad contactverzoeken", "lijst": scope},
    )
    return verzoeken


def contactverzoek_get(
    *, pk: int, user: Actor | None, purpose: str = PURPOSE_CONTACTVERZOEK
) -> Contactverzoek:
    """One verzoek the user may see, with its history; the read is recorded in the audit log."""
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag contactverzoeken niet inzien.")
    verzoek = (
        _with_urgency(Contactverzoek.objects.all())
        .select_related(
            "team",
            "medewerker",
            "partij",
            "klantcontact__kanaal",
            "klantcontact__vertrouwelijk_team",
            "vraag__contactreden",
        )
        .prefetch_related("gebeurtenissen__door")
        .get(pk=pk)
    )
    access_contactverzoek(user=user, verzoek=verzoek)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=verzoek.partij or verzoek,
        purpose=purpose,
        detail={"gegevens": "contactverzoek", "contactverzoek": verzoek.pk},
    )
    return contactverzoek_redact(user=user, verzoek=verzoek, purpose=purpose, attempt=True)


def contactverzoek_teams() -> QuerySet[Team]:
    """Teams a verzoek can go to: active teams with an active member or an e-mail address."""
    members = Membership.objects.filter(team=OuterRef("pk"), user__is_active=True)
    return (
        Team.objects.filter(is_actief=True).filter(Exists(members) | ~Q(email="")).order_by("name")
    )


def contactverzoek_medewerkers() -> QuerySet[User]:
    """People a verzoek can go to by name: active users who handle contactverzoeken."""
    ids = User.objects.filter(is_active=True).filter(_with_perm("handle_cases")).values("pk")
    return (
        User.objects.filter(pk__in=ids)
        .prefetch_related("teams")
        .order_by("first_name", "last_name", "username")
    )


def contactverzoek_deadline_preview(
    *, team: Team | None, product: Product | None, now: dt.datetime | None = None
) -> tuple[dt.datetime, int]:
    """The deadline a verzoek made now would get, and its norm in working hours: the same rule
    as `contactverzoek_create` (the norm for team and product, counted in office hours that
    skip weekends and Dutch holidays), shown to the agent before saving."""
    from loket.contacts.services.contactverzoeken import contactverzoek_norm_werkuren

    werkuren = contactverzoek_norm_werkuren(team=team, product=product)
    return get_calendar().add_working_hours(now or timezone.now(), werkuren), werkuren


def _with_perm(codename: str) -> Q:
    """Users holding an accounts permission through a group, directly, or as superuser."""
    return (
        Q(is_superuser=True)
        | Q(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label="accounts",
        )
        | Q(
            user_permissions__codename=codename,
            user_permissions__content_type__app_label="accounts",
        )
    )


def contactverzoek_assignable(*, verzoek: Contactverzoek) -> QuerySet[User]:
    """Who a teamleider can give the verzoek to: active members of its team who handle
    contactverzoeken (none when the verzoek has no team)."""
    if verzoek.team_id is None:
        return User.objects.none()
    ids = (
        User.objects.filter(is_active=True, teams=verzoek.team_id)
        .filter(_with_perm("handle_cases"))
        .values("pk")
    )
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "username")


def contactverzoek_teamleiders(*, team: Team) -> QuerySet[User]:
    """The teamleiders of a team: its active members who distribute work (role teamleider)."""
    ids = (
        User.objects.filter(is_active=True, teams=team)
        .filter(_with_perm("distribute_work"))
        .values("pk")
    )
    return User.objects.filter(pk__in=ids).order_by("pk")


def werkvoorraad_teams(*, user: User | None) -> QuerySet[Team]:
    """The teams whose werkvoorraad the user may see: all for teamleider and beheerder, else the
    user's own teams (transparent to the whole team)."""
    if user is None or not (user.has_perm(HANDLE_CASES) or user.has_perm(VIEW_INSIGHTS)):
        raise PermissionDenied("U mag de werkvoorraad niet inzien.")
    # Counts only: a teamleider and whoever reads the insight figures (beheerder) see all teams.
    if _sees_all(user) or user.has_perm(VIEW_INSIGHTS):
        return Team.objects.filter(is_actief=True).order_by("name")
    return user.teams.order_by("name")


@dataclass
class TeamVerzoeken:
    """Open contactverzoeken of one team: counts by status, urgency and age (working days)."""

    team: Team
    per_status: dict[str, int] = field(default_factory=dict)
    open: int = 0
    te_laat: int = 0
    vandaag: int = 0
    oudste_werkdagen: int | None = None
    gemiddelde_werkdagen: float | None = None

    @property
    def statussen(self) -> list[tuple[StrOrPromise, int]]:
        return [(label, self.per_status.get(value, 0)) for value, label in OPEN_STATUSSEN]


OPEN_STATUSSEN = [
    (value, label)
    for value, label in ContactverzoekStatus.choices
    if value != ContactverzoekStatus.VERWERKT
]


def contactverzoek_werkvoorraad(*, teams: Iterable[Team]) -> dict[int, TeamVerzoeken]:
    """Per team (by pk) the open verzoeken counted: by status, overdue, due today, the age of
    the oldest and the average age in working days since creation. No personal data is read."""
    team_list = list(teams)
    result = {team.pk: TeamVerzoeken(team=team) for team in team_list}
    now = timezone.now()
    today = timezone.localdate(now)
    end_of_day = (timezone.localtime(now) + dt.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    calendar = get_calendar()
    ages: dict[int, list[int]] = {pk: [] for pk in result}
    rows = (
        Contactverzoek.objects.filter(team__in=[t.pk for t in team_list])
        .exclude(status=ContactverzoekStatus.VERWERKT)
        .values_list("team_id", "status", "deadline", "created_at")
    )
    for team_id, status, deadline, created_at in rows:
        stats = result[team_id]
        stats.open += 1
        stats.per_status[status] = stats.per_status.get(status, 0) + 1
        if deadline < now:
            stats.te_laat += 1
        elif deadline < end_of_day:
            stats.vandaag += 1
        created = timezone.localdate(created_at)
        ages[team_id].append(max(calendar.working_days_between(created, today), 0))
    for team_id, values in ages.items():
        if values:
            result[team_id].oudste_werkdagen = max(values)
            result[team_id].gemiddelde_werkdagen = round(sum(values) / len(values), 1)
    return result


def contactverzoek_te_laat_per_teamleider() -> dict[User, dict[Team, list[Contactverzoek]]]:
    """The daily overdue list: for each teamleider the open, overdue verzoeken of his teams
    (active teams only), earliest deadline first."""
    now = timezone.now()
    te_laat = (
        Contactverzoek.objects.filter(team__isnull=False, team__is_actief=True, deadline__lt=now)
        .exclude(status=ContactverzoekStatus.VERWERKT)
        .select_related("team", "medewerker", "klantcontact")
        .order_by("team__name", "deadline", "pk")
    )
    per_team: dict[Team, list[Contactverzoek]] = {}
    for verzoek in te_laat:
        if verzoek.team is None:
            continue  # not returned by the filter above
        per_team.setdefault(verzoek.team, []).append(verzoek)
    result: dict[User, dict[Team, list[Contactverzoek]]] = {}
    for team, verzoeken in per_team.items():
        for leider in contactverzoek_teamleiders(team=team):
            result.setdefault(leider, {})[team] = verzoeken
    return result


# --- API reads (medewerker via session, or an API token's identity) ------------------------------

KLANTCONTACTEN_READ_SCOPE = "klantcontacten:lezen"
CONTACTVERZOEKEN_READ_SCOPE = "contactverzoeken:lezen"


_token = api_token


def _may_read(user: Actor | None, *, scope: str, perm: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    token = _token(user)
    if token is not None:
        return bool(token.has_scope(scope))
    return bool(user.has_perm(perm))


def _klantcontacten() -> QuerySet[Klantcontact]:
    vragen = Vraag.objects.select_related("contactreden", "product", "doorverwezen_naar").order_by(
        "pk"
    )
    verzoeken = Contactverzoek.objects.only("pk", "uuid", "klantcontact_id").order_by("pk")
    # AVG art. 18: the contacts of a person whose processing is restricted are kept but not
    # used — the APIs (and every other reader of this list) leave them out.
    return (
        Klantcontact.objects.exclude(partij__verwerking_beperkt_sinds__isnull=False)
        .select_related("kanaal", "partij", "vertrouwelijk_team")
        .prefetch_related(
            Prefetch("vragen", queryset=vragen),
            # The API lists each contact's interne taken: one query for the page, not one per row.
            Prefetch("contactverzoeken", queryset=verzoeken),
        )
    )


def klantcontact_list(
    *,
    user: Actor | None,
    purpose: str,
    partij: Partij | None = None,
    kanaal: str | None = None,
    vanaf: dt.datetime | None = None,
    tot: dt.datetime | None = None,
) -> QuerySet[Klantcontact]:
    """Klantcontacten, newest first, optionally of one partij, one kanaal (code) or a period
    (`vanaf` inclusive, `tot` exclusive). The read is recorded in the audit log: against the
    partij when filtered on one, else as a list read with the filters."""
    if not _may_read(user, scope=KLANTCONTACTEN_READ_SCOPE, perm=VIEW_PERSON_DATA):
        raise PermissionDenied("U mag klantcontacten niet inzien.")
    qs = _klantcontacten()
    if partij is not None:
        qs = qs.filter(partij=partij)
    if kanaal:
        qs = qs.filter(kanaal__code=kanaal)
    if vanaf is not None:
        qs = qs.filter(plaatsgevonden_op__gte=vanaf)
    if tot is not None:
        qs = qs.filter(plaatsgevonden_op__lt=tot)
    filters = {
        "kanaal": kanaal or "",
        "vanaf": vanaf.isoformat() if vanaf else "",
        "tot": tot.isoformat() if tot else "",
    }
    if partij is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=partij,
            purpose=purpose,
            detail={"gegevens": "klantcontacten", **filters},
        )
    # Without a partij filter the caller records the persons on the page it shows
    # (api.common.audit_page): one entry per person, findable by BSN, never one "*" row.
    return qs.order_by("-plaatsgevonden_op", "-pk")


def klantcontact_get(*, uuid: UUID | str, user: Actor | None, purpose: str) -> Klantcontact:
    """One klantcontact by its uuid; the read is recorded against its partij (or the contact).

    Raises `Klantcontact.DoesNotExist` when there is none (also for a malformed uuid).
    """
    if not _may_read(user, scope=KLANTCONTACTEN_READ_SCOPE, perm=VIEW_PERSON_DATA):
        raise PermissionDenied("U mag klantcontacten niet inzien.")
    try:
        contact = _klantcontacten().get(uuid=uuid)
    except (ValidationError, ValueError):
        raise Klantcontact.DoesNotExist from None
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=contact.partij or contact,
        purpose=purpose,
        detail={"gegevens": "klantcontact", "klantcontact": contact.referentienummer},
    )
    return klantcontact_redact(user=user, contact=contact, purpose=purpose, attempt=True)


def klantcontact_get_by_idempotency_key(*, key: str, client: str) -> Klantcontact | None:
    """The contact this client stored earlier under this key, if any (to answer a retry). Keys
    are scoped per client: another client's key finds nothing."""
    if not key:
        return None
    return Klantcontact.objects.filter(
        idempotency_client=client, idempotency_key=key.strip()
    ).first()


def _api_contactverzoeken(
    user: Actor | None, *, visible_only: bool = True
) -> QuerySet[Contactverzoek]:
    if not _may_read(user, scope=CONTACTVERZOEKEN_READ_SCOPE, perm=HANDLE_CASES):
        raise PermissionDenied("U mag contactverzoeken niet inzien.")
    qs = Contactverzoek.objects.all()
    if visible_only:
        qs = qs.filter(contactverzoek_access_filter(user))
    gebeurtenissen = ContactverzoekGebeurtenis.objects.select_related("door").order_by("op", "pk")
    return qs.select_related(
        "team", "medewerker", "klantcontact__vertrouwelijk_team"
    ).prefetch_related(Prefetch("gebeurtenissen", queryset=gebeurtenissen))


def contactverzoek_list_for_api(
    *, user: Actor | None, status: str | None = None, team: str | None = None
) -> QuerySet[Contactverzoek]:
    """Contactverzoeken (interne taken), earliest deadline first, optionally by status or team slug.

    A token with `contactverzoeken:lezen` sees all; a medewerker what the worklists show him.
    """
    qs = _api_contactverzoeken(user)
    if status:
        qs = qs.filter(status=status)
    if team:
        qs = qs.filter(team__slug=team)
    return qs.order_by("deadline", "pk")


def contactverzoek_get_for_api(
    *, ref: str, user: Actor | None, purpose: str = PURPOSE_CONTACTVERZOEK
) -> Contactverzoek:
    """One verzoek by its uuid or its number; the read is recorded in the audit log.

    Raises `Contactverzoek.DoesNotExist` when there is none, PermissionDenied when it belongs
    to another team (the same answer as the page).
    """
    qs = _api_contactverzoeken(user, visible_only=False)
    ref = str(ref).strip()
    try:
        if ref.isdigit():
            if len(ref) > 18:  # beyond a bigint: no such number
                raise Contactverzoek.DoesNotExist
            verzoek = qs.get(pk=int(ref))
        else:
            verzoek = qs.get(uuid=ref)
    except (ValidationError, ValueError):
        raise Contactverzoek.DoesNotExist from None
    access_contactverzoek(user=user, verzoek=verzoek)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=verzoek.partij or verzoek,
        purpose=purpose,
        detail={"gegevens": "contactverzoek", "contactverzoek": verzoek.pk},
    )
    return contactverzoek_redact(user=user, verzoek=verzoek, purpose=purpose, attempt=True)


# --- stuurinformatie: doorverwijzingen -----------------------------------------------------


@dataclass(frozen=True)
class DoorverwijzingRegel:
    organisatie: str  # name; "Onbekend" for referrals registered before the organisation was asked
    organisatie_code: str
    product: str
    aantal: int


@dataclass(frozen=True)
class Doorverwijzingen:
    van: dt.date
    tot: dt.date
    per_organisatie: list[tuple[str, int]]
    regels: list[DoorverwijzingRegel]

    @property
    def totaal(self) -> int:
        return sum(aantal for _naam, aantal in self.per_organisatie)


def doorverwijzingen_count(*, van: dt.date, tot: dt.date) -> Doorverwijzingen:
    """Questions referred to another organisation in [van, tot] (local dates, inclusive), counted
    per organisation and per product. Counts only: no personal data is read."""
    if tot < van:
        raise DomainError("De einddatum ligt voor de begindatum.", field="tot")
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(van, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    rows = (
        Vraag.objects.filter(
            afhandeling=Afhandeling.DOORVERWEZEN,
            klantcontact__plaatsgevonden_op__gte=start,
            klantcontact__plaatsgevonden_op__lt=end,
        )
        .values(
            "doorverwezen_naar__naam",
            "doorverwezen_naar__slug",
            "product__upl_naam",
            "product__titel",
        )
        .annotate(aantal=Count("id"))
    )
    regels = []
    per_organisatie: dict[str, int] = {}
    for row in rows:
        naam = row["doorverwezen_naar__naam"] or "Onbekend"
        product = row["product__titel"] or row["product__upl_naam"] or "Geen product"
        regels.append(
            DoorverwijzingRegel(naam, row["doorverwezen_naar__slug"] or "", product, row["aantal"])
        )
        per_organisatie[naam] = per_organisatie.get(naam, 0) + row["aantal"]
    regels.sort(
        key=lambda r: (-per_organisatie[r.organisatie], r.organisatie, -r.aantal, r.product)
    )
    return Doorverwijzingen(
        van=van,
        tot=tot,
        per_organisatie=sorted(per_organisatie.items(), key=lambda item: (-item[1], item[0])),
        regels=regels,
    )


# --- open contacts and their drafts (the agent's own) ------------------------------------------


def klantcontact_concept_list(*, medewerker: User) -> list[KlantcontactConcept]:
    """The agent's open contacts, oldest first. Only his own: a draft is his work in progress,
    so this is no read of someone else's data (the klant's name on a tab is what he opened)."""
    return list(
        KlantcontactConcept.objects.filter(medewerker=medewerker)
        .select_related("partij")
        .order_by("gestart_op", "pk")
    )


def klantcontact_concept_get(*, medewerker: User, sleutel: str) -> KlantcontactConcept | None:
    """One open contact of the agent, or None (also for another agent's key)."""
    return (
        KlantcontactConcept.objects.filter(medewerker=medewerker, sleutel=sleutel)
        .select_related("partij")
        .first()
    )


def klantcontact_audit_subjects(term: str) -> list[tuple[str, str]]:
    """The audit log's subjects for a KC-number: the contact itself and, when it has one, its
    klant (every read of that person). Registered with core.audit in ContactsConfig.ready."""
    term = term.strip().upper()
    if not term.startswith("KC-"):
        return []
    contact = Klantcontact.objects.filter(referentienummer=term).values("pk", "partij_id").first()
    if contact is None:
        return []
    subjects = [(Klantcontact._meta.label_lower, str(contact["pk"]))]
    if contact["partij_id"]:
        subjects += partij_audit_subjects_for([contact["partij_id"]])
    return subjects


# --- the klantbeeld: one item of a klant's history, opened in place (audited) ------------------


def _require_person_data(user: Actor | None) -> None:
    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de contacthistorie van klanten niet inzien.")


def terugbelpoging_list_for_party(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[ContactverzoekGebeurtenis]:
    """The attempts to call (or mail) one klant back, newest first, each with its verzoek. Part
    of the contact history: the same right as `contact_list_for_party`; the read is audited."""
    _require_person_data(user)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "terugbelpogingen"},
    )
    return (
        ContactverzoekGebeurtenis.objects.filter(
            verzoek__partij=partij, soort=GebeurtenisSoort.TERUGBELPOGING
        )
        .select_related("verzoek__klantcontact__vertrouwelijk_team", "verzoek__team", "door")
        .order_by("-op", "-pk")
    )


def contactverzoek_may_access(user: Actor | None, verzoek: Contactverzoek) -> bool:
    """Whether the caller may see the verzoek's internal handling (`access_contactverzoek`)."""
    try:
        access_contactverzoek(user=user, verzoek=verzoek)
    except PermissionDenied:
        return False
    return True


def klantcontact_get_for_party(
    *, partij: Partij, pk: int, user: Actor | None, purpose: str
) -> Klantcontact:
    """One contact of this klant with its questions, the article versions given and the
    verzoeken it led to (Klantcontact.DoesNotExist if not theirs); audited."""
    _require_person_data(user)
    vragen = Vraag.objects.select_related(
        "contactreden", "product", "kennisartikel_versie__artikel", "doorverwezen_naar"
    ).order_by("pk")
    contact = (
        Klantcontact.objects.select_related("kanaal", "medewerker", "vertrouwelijk_team")
        .prefetch_related(
            Prefetch("vragen", queryset=vragen),
            Prefetch("contactverzoeken", queryset=Contactverzoek.objects.select_related("team")),
        )
        .get(partij=partij, pk=pk)
    )
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "klantcontact", "klantcontact": contact.referentienummer},
    )
    return klantcontact_redact(user=user, contact=contact, purpose=purpose, attempt=True)


def contactverzoek_get_for_party(
    *, partij: Partij, pk: int, user: Actor | None, purpose: str
) -> Contactverzoek:
    """One verzoek of this klant with its history (Contactverzoek.DoesNotExist if not theirs);
    audited. The internal note is for whom `contactverzoek_may_access` allows."""
    _require_person_data(user)
    verzoek = (
        Contactverzoek.objects.select_related(
            "team", "medewerker", "klantcontact__vertrouwelijk_team", "vraag"
        )
        .prefetch_related(
            Prefetch(
                "gebeurtenissen",
                queryset=ContactverzoekGebeurtenis.objects.select_related("door").order_by(
                    "-op", "-pk"
                ),
            )
        )
        .get(partij=partij, pk=pk)
    )
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "contactverzoek", "contactverzoek": verzoek.pk},
    )
    return contactverzoek_redact(user=user, verzoek=verzoek, purpose=purpose, attempt=True)


def terugbelpoging_get_for_party(
    *, partij: Partij, pk: int, user: Actor | None, purpose: str
) -> ContactverzoekGebeurtenis:
    """One callback attempt on a verzoek of this klant (DoesNotExist if not theirs); audited."""
    _require_person_data(user)
    poging = ContactverzoekGebeurtenis.objects.select_related(
        "verzoek__klantcontact__vertrouwelijk_team", "verzoek__team", "door"
    ).get(verzoek__partij=partij, soort=GebeurtenisSoort.TERUGBELPOGING, pk=pk)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "terugbelpoging", "contactverzoek": poging.verzoek_id},
    )
    return terugbelpoging_redact(user=user, poging=poging, purpose=purpose, attempt=True)
