"""Reads for zaken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES, VIEW_PERSON_DATA
from loket.cases.models import Status, Zaak, ZaakGebeurtenisSoort, ZaakNotitie
from loket.contacts.vertrouwelijk import notitie_redact
from loket.core.access import sees_all_teams
from loket.core.audit import audit_persons_read, audit_record
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.messaging.models import Bericht
from loket.parties.models import Partij
from loket.parties.selectors import partij_audit_subjects_for

if TYPE_CHECKING:
    from loket.messaging.models import Bericht
    from loket.parties.models import Partij


def _zaken() -> QuerySet[Zaak]:
    return Zaak.objects.select_related(
        "zaaktype", "status__statustype", "team", "behandelaar", "initiator"
    )


def zaak_list_for_party(*, partij: Partij, user: Actor | None, purpose: str) -> QuerySet[Zaak]:
    """The zaken a customer started, newest first. The read is recorded in the audit log."""
    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de zaken van klanten niet inzien.")
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "zaken"},
    )
    return (
        _zaken()
        .filter(initiator=partij)
        .annotate(**_informeren_annotations())
        .order_by("-startdatum", "-pk")
    )


def _informeren_annotations() -> dict[str, Subquery]:
    """The last status the citizen was told about (a status with `informeren` queues a
    message): its text and moment, and how many such messages the zaak had."""

    last = Status.objects.filter(zaak=OuterRef("pk"), statustype__informeren=True).order_by(
        "-datum_status_gezet", "-id"
    )
    return {
        "laatste_bericht_status": Subquery(last.values("statustype__omschrijving")[:1]),
        "laatste_bericht_tekst": Subquery(last.values("statustype__statustekst")[:1]),
        "laatste_bericht_op": Subquery(last.values("datum_status_gezet")[:1]),
        "aantal_berichten": Subquery(
            Status.objects.filter(zaak=OuterRef("pk"), statustype__informeren=True)
            .order_by()
            .values("zaak")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
    }


def zaak_list_for_team(*, team: Team, open_only: bool = True) -> QuerySet[Zaak]:
    """A team's work queue: the most urgent (earliest target date) first."""
    qs = _zaken().filter(team=team)
    if open_only:
        qs = qs.filter(einddatum__isnull=True)
    return qs.order_by("einddatum_gepland", "uiterlijke_einddatum_afdoening", "pk")


def zaak_werkvoorraad_per_team(*, teams: Iterable[int]) -> dict[int, dict[str, int]]:
    """Per team (by pk) its open zaken, those past the streefdatum (einddatum_gepland) and
    those past the fatale datum (uiterlijke_einddatum_afdoening). Counts only."""

    today = timezone.localdate()
    counts = {pk: {"open": 0, "over_streefdatum": 0, "over_fatale_datum": 0} for pk in teams}
    rows = (
        Zaak.objects.filter(team__in=list(counts), einddatum__isnull=True)
        .values("team_id")
        .annotate(
            open=Count("pk"),
            over_streefdatum=Count("pk", filter=Q(einddatum_gepland__lt=today)),
            over_fatale_datum=Count("pk", filter=Q(uiterlijke_einddatum_afdoening__lt=today)),
        )
    )
    for row in rows:
        counts[row["team_id"]] = {
            "open": row["open"],
            "over_streefdatum": row["over_streefdatum"],
            "over_fatale_datum": row["over_fatale_datum"],
        }
    return counts


def zaak_list_for_partij(*, partij: Partij | None) -> QuerySet[Zaak]:
    """The citizen's own zaken for Mijn Loket (the citizen reads their own data: no staff user,
    no audit). Open zaken first, then the newest; with the status history prefetched."""

    if partij is None:
        return Zaak.objects.none()
    return (
        _zaken()
        .filter(initiator=partij)
        .prefetch_related("statussen__statustype")
        .order_by(F("einddatum").desc(nulls_first=True), "-startdatum", "-pk")
    )


# --- back office: queues, backlog, the case page ----------------------------------------------

QUEUE_SCOPES = {
    "mine": "Mijn zaken",
    "unassigned": "Niet toegewezen",
    "team": "Hele team",
}
PAGE_SIZE = 50


def _require_cases(user: Actor | None) -> None:
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag zaken niet inzien.")


# --- access: one rule for the page, the API and the admin ---------------------------------------

OTHER_TEAM_ZAAK = "Deze zaak hoort bij een ander team."


def zaak_access_filter(user: Actor | None) -> Q:
    """The zaken this caller may see. Loket itself, an API token with the zaken scope and a
    teamleider (distributes work) see all; a behandelaar sees the zaken of his teams, those
    assigned to him and those no team owns yet."""
    if sees_all_teams(user, perm=DISTRIBUTE_WORK):
        return Q()
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return Q(pk__in=[])
    return Q(team__isnull=True) | Q(team__in=user.teams.all()) | Q(behandelaar=user)


def zaak_may_access(user: Actor | None, zaak: Zaak) -> bool:
    if sees_all_teams(user, perm=DISTRIBUTE_WORK):
        return True
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return False
    return (
        zaak.team_id is None
        or zaak.behandelaar_id == user.pk
        or user.teams.filter(pk=zaak.team_id).exists()
    )


def access_zaak(*, user: Actor | None, zaak: Zaak) -> Zaak:
    """The zaak if the caller may see it, else PermissionDenied (403) with a Dutch message. Every
    door that acts on one zaak (page, API, status, documents) calls this before it reads."""
    if not zaak_may_access(user, zaak):
        raise PermissionDenied(OTHER_TEAM_ZAAK)
    return zaak


def backoffice_teams(*, user: User | None) -> QuerySet[Team]:
    """The teams whose zaken the user sees: all active teams for a teamleider, else his own."""
    _require_cases(user)
    assert user is not None  # _require_cases refused None
    if user.has_perm(DISTRIBUTE_WORK):
        return Team.objects.filter(is_actief=True).order_by("name")
    return user.teams.order_by("name")


def signal(zaak: Zaak, today: dt.date) -> str:
    """'rood' when the fatale datum (legal term) is reached, 'amber' when the streefdatum
    (servicenorm) is, else ''."""
    if zaak.einddatum is not None:
        return ""
    if zaak.uiterlijke_einddatum_afdoening <= today:
        return "rood"
    if zaak.einddatum_gepland <= today:
        return "amber"
    return ""


PURPOSE_QUEUE = "Werkvoorraad zaken behandelen"


def zaak_queue(
    *, user: User | None, team: Team, scope: str = "team", page: int = 1
) -> dict[str, Any]:
    """One page of a team's open zaken, the most urgent (earliest streefdatum) first. The page
    shows each initiator's name: every person on it gets an audit entry."""

    _require_cases(user)
    if scope not in QUEUE_SCOPES:
        scope = "team"
    qs = Zaak.objects.filter(zaak_access_filter(user), team=team, einddatum__isnull=True)
    if scope == "mine":
        qs = qs.filter(behandelaar=user)
    elif scope == "unassigned":
        qs = qs.filter(behandelaar__isnull=True)
    page = max(1, int(page or 1))
    offset = (page - 1) * PAGE_SIZE
    # Two steps: the page's keys from the zaak table alone (an index range, sorted), then those
    # rows with their joins. Joining first would join every open zaak of the team before sorting.
    ids = list(
        qs.order_by("einddatum_gepland", "uiterlijke_einddatum_afdoening", "pk").values_list(
            "pk", flat=True
        )[offset : offset + PAGE_SIZE + 1]
    )
    has_next = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    by_pk = {
        zaak.pk: zaak
        for zaak in Zaak.objects.filter(pk__in=ids)
        .select_related("zaaktype", "status__statustype", "behandelaar", "initiator")
        .only(
            "pk",
            "uuid",
            "identificatie",
            "omschrijving",
            "startdatum",
            "einddatum",
            "einddatum_gepland",
            "uiterlijke_einddatum_afdoening",
            "opgeschort_sinds",
            "zaaktype__omschrijving",
            "status__statustype__omschrijving",
            "behandelaar__first_name",
            "behandelaar__last_name",
            "behandelaar__username",
            "initiator__weergavenaam",
        )
    }
    rows = [by_pk[pk] for pk in ids if pk in by_pk]
    today = timezone.localdate()
    for zaak in rows:
        zaak.signaal = signal(zaak, today)
    # The page names its initiators: one audit entry per person shown.
    audit_persons_read(
        user=user,
        persons=(zaak.initiator for zaak in rows),
        purpose=PURPOSE_QUEUE,
        detail={"gegevens": "werkvoorraad zaken", "team": team.name, "lijst": scope},
    )
    return {"zaken": rows, "page": page, "has_next": has_next, "scope": scope}


def zaak_backlog(*, teams: Iterable[Team]) -> list[dict[str, Any]]:
    """Per team: open zaken, unassigned, past streefdatum, past fatale datum and their age in
    working days (oldest; and how many are older than 5, 10 and 20 working days)."""

    today = timezone.localdate()
    calendar = get_calendar()
    # The start date before which a zaak is older than N working days.
    cutoffs: dict[int, dt.date] = {}
    for n in (5, 10, 20):
        day, left = today, n
        while left:
            day -= dt.timedelta(days=1)
            if calendar.is_working_day(day):
                left -= 1
        cutoffs[n] = day
    team_list = list(teams)
    rows = {
        row["team_id"]: row
        for row in Zaak.objects.filter(team__in=team_list, einddatum__isnull=True)
        .values("team_id")
        .annotate(
            open=Count("pk"),
            niet_toegewezen=Count("pk", filter=Q(behandelaar__isnull=True)),
            opgeschort=Count("pk", filter=Q(opgeschort_sinds__isnull=False)),
            over_streefdatum=Count("pk", filter=Q(einddatum_gepland__lt=today)),
            over_fatale_datum=Count("pk", filter=Q(uiterlijke_einddatum_afdoening__lt=today)),
            ouder_5=Count("pk", filter=Q(startdatum__lt=cutoffs[5])),
            ouder_10=Count("pk", filter=Q(startdatum__lt=cutoffs[10])),
            ouder_20=Count("pk", filter=Q(startdatum__lt=cutoffs[20])),
            oudste=Min("startdatum"),
        )
    }
    result = []
    for team in team_list:
        row: Mapping[str, Any] = rows.get(team.pk) or dict.fromkeys(
            (
                "open",
                "niet_toegewezen",
                "opgeschort",
                "over_streefdatum",
                "over_fatale_datum",
                "ouder_5",
                "ouder_10",
                "ouder_20",
            ),
            0,
        )
        oudste = row.get("oudste")
        result.append(
            {
                "team": team,
                **{k: v for k, v in row.items() if k not in ("team_id", "oudste")},
                "oudste_werkdagen": calendar.working_days_between(oudste, today)
                if oudste
                else None,
            }
        )
    return result


def zaak_get(*, pk: int, user: Actor | None, purpose: str) -> Zaak:
    """One zaak for the case page, for whom `access_zaak` allows (else PermissionDenied).
    Reading a person's zaak is recorded in the audit log."""
    _require_cases(user)
    zaak = access_zaak(
        user=user, zaak=_zaken().select_related("resultaat", "klantcontact").get(pk=pk)
    )
    if zaak.initiator_id is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=zaak.initiator,
            purpose=purpose,
            detail={"gegevens": "zaak", "zaak": zaak.identificatie},
        )
    return zaak


@dataclass
class TimelineEntry:
    soort: str
    label: str
    op: dt.datetime
    door: User | None
    omschrijving: str


def zaak_timeline(*, zaak: Zaak, limit: int = 200) -> list[TimelineEntry]:
    """The zaak's history, newest first: the status history itself (also for zaken loaded in
    bulk, which have no status events) and every other event (suspension, notes, documents,
    messages, result, reopening)."""

    labels = dict(ZaakGebeurtenisSoort.choices)
    entries = [
        TimelineEntry(
            soort="status",
            label=str(labels[ZaakGebeurtenisSoort.STATUS]),
            op=status.datum_status_gezet,
            door=status.gezet_door,
            omschrijving=status.statustype.omschrijving
            + (f": {status.statustoelichting}" if status.statustoelichting else ""),
        )
        for status in zaak.statussen.select_related("statustype", "gezet_door").order_by(
            "-datum_status_gezet", "-id"
        )[:limit]
    ]
    entries += [
        TimelineEntry(
            soort=event.soort,
            label=str(labels.get(event.soort, event.soort)),
            op=event.op,
            door=event.door,
            omschrijving=event.omschrijving,
        )
        for event in zaak.gebeurtenissen.exclude(soort=ZaakGebeurtenisSoort.STATUS)
        .select_related("door")
        .order_by("-op", "-id")[:limit]
    ]
    entries.sort(key=lambda entry: entry.op, reverse=True)
    return entries[:limit]


def zaak_notities(*, zaak: Zaak, user: Actor | None, purpose: str) -> list[ZaakNotitie]:
    """The zaak's notes, newest first (50): a confidential one blanked (`afscherming`: whom to
    ask) for whom may not read it, the read of one audited (contacts.vertrouwelijk)."""
    notities = list(zaak.notities.select_related("door", "vertrouwelijk_team")[:50])
    for notitie in notities:
        notitie_redact(user=user, notitie=notitie, purpose=purpose)
    return notities


def zaak_berichten(*, zaak: Zaak) -> list[Bericht]:
    """The messages sent to the initiator about this zaak (the outbox rows)."""

    if zaak.initiator_id is None:
        return []  # messages go to the initiator only
    # Through the partij: Bericht has an index on (partij, created_at), none on aanleiding.
    return list(
        Bericht.objects.filter(
            partij_id=zaak.initiator_id, aanleiding_type="zaak", aanleiding_id=str(zaak.uuid)
        ).order_by("-created_at", "-pk")[:50]
    )


def _require_purpose(purpose: str | None) -> str:

    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze zaken opvraagt.", field="doel")
    return purpose


def _niet_beperkt() -> Q:
    """AVG art. 18: the zaken of a person whose processing is restricted are kept but not
    handed to other systems, except the person's own AVG request (handling it is the point)."""
    from loket.cases.services.avg import AVG_ZAAKTYPE

    return (
        Q(initiator__isnull=True)
        | Q(initiator__verwerking_beperkt_sinds__isnull=True)
        | Q(zaaktype__identificatie=AVG_ZAAKTYPE)
    )


def zaak_get_for_api(*, uuid: str, user: Actor | None, purpose: str | None) -> Zaak:
    """One zaak by UUID for whom `access_zaak` allows; the read needs a purpose and is audited
    against the initiator. Raises Zaak.DoesNotExist for an unknown (or malformed) UUID."""
    purpose = _require_purpose(purpose)
    try:
        zaak = _zaken().select_related("resultaat").filter(_niet_beperkt()).get(uuid=uuid)
    except (ValueError, ValidationError):
        raise Zaak.DoesNotExist from None
    access_zaak(user=user, zaak=zaak)
    if zaak.initiator_id is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=zaak.initiator,
            purpose=purpose,
            detail={"gegevens": "zaak", "zaak": zaak.identificatie},
        )
    return zaak


def zaak_list_for_api(
    *,
    user: Actor | None,
    zaaktype: str | None = None,
    identificatie: str | None = None,
    status: str | None = None,
    startdatum_vanaf: dt.date | None = None,
    startdatum_tot: dt.date | None = None,
    initiator_bsn: str | None = None,
    purpose: str | None = None,
) -> QuerySet[Zaak]:
    """Zaken for the API that the caller may see (`zaak_access_filter`), filtered. Every read
    needs a purpose; the caller records the page's initiators (`audit_persons_read`), and a
    filter on the initiator's BSN is recorded against that person at once."""
    purpose = _require_purpose(purpose)
    qs = (
        _zaken()
        .select_related("resultaat")
        .filter(zaak_access_filter(user))
        .filter(_niet_beperkt())
    )
    if zaaktype:
        qs = qs.filter(zaaktype__identificatie=zaaktype)
    if identificatie:
        qs = qs.filter(identificatie=identificatie)
    if status == "open":
        qs = qs.filter(einddatum__isnull=True)
    elif status == "afgesloten":
        qs = qs.filter(einddatum__isnull=False)
    if startdatum_vanaf:
        qs = qs.filter(startdatum__gte=startdatum_vanaf)
    if startdatum_tot:
        qs = qs.filter(startdatum__lte=startdatum_tot)
    if initiator_bsn:
        partij = Partij.objects.filter(persoon__bsn=initiator_bsn).first()
        if partij is None:
            return qs.none()
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=partij,
            purpose=purpose,
            detail={"gegevens": "zaken"},
        )
        qs = qs.filter(initiator=partij)
    return qs.order_by("-startdatum", "-pk")


def status_list_for_api(
    *, zaak_uuid: UUID | str, user: Actor | None, purpose: str | None
) -> QuerySet[Status]:
    """A zaak's status history, oldest first, for whom `access_zaak` allows; the read (the
    toelichtingen can name the initiator) is audited against the initiator."""
    purpose = _require_purpose(purpose)
    zaak = (
        Zaak.objects.select_related("initiator")
        .filter(_niet_beperkt())
        .filter(uuid=zaak_uuid)
        .first()
    )
    if zaak is None:
        return Status.objects.none()
    access_zaak(user=user, zaak=zaak)
    if zaak.initiator_id is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=zaak.initiator,
            purpose=purpose,
            detail={"gegevens": "statussen", "zaak": zaak.identificatie},
        )
    return (
        Status.objects.filter(zaak=zaak)
        .select_related("zaak", "statustype")
        .order_by("datum_status_gezet", "id")
    )


def zaak_audit_subjects(term: str) -> list[tuple[str, str]]:
    """The audit log's subjects for a zaaknummer: the zaak and its initiator (every read of that
    person). Registered with core.audit in CasesConfig.ready."""
    term = term.strip().upper()
    if not term.startswith("ZAAK-"):
        return []
    zaak = Zaak.objects.filter(identificatie=term).values("pk", "initiator_id").first()
    if zaak is None:
        return []
    subjects = [(Zaak._meta.label_lower, str(zaak["pk"]))]
    if zaak["initiator_id"]:
        subjects += partij_audit_subjects_for([zaak["initiator_id"]])
    return subjects


# --- the klantbeeld: one zaak of a klant, opened in place (audited) ----------------------------


def zaak_get_for_party(*, partij: Partij, pk: int, user: Actor | None, purpose: str) -> Zaak:
    """One zaak this klant started, with its status history (`statussen`, newest first)
    (Zaak.DoesNotExist if not theirs); audited. What the team did inside the zaak (notes,
    documents: `zaak_timeline`) is for whom `zaak_may_access` allows."""
    from django.db.models import Prefetch

    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de zaken van klanten niet inzien.")
    statussen = Status.objects.select_related("statustype").order_by("-datum_status_gezet", "-id")
    zaak = (
        _zaken()
        .prefetch_related(Prefetch("statussen", queryset=statussen))
        .get(initiator=partij, pk=pk)
    )
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "zaak", "zaak": zaak.identificatie},
    )
    return zaak
