"""Reads for meldingen openbare ruimte: the access rule, triage and team queues, duplicates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from loket.accounts.models import Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.core.access import sees_all_teams
from loket.core.audit import audit_record
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.meldingen.models import MELDING_OPEN, MeldCategorie, Melding, MeldingGebeurtenis
from loket.parties.selectors import ensure_may_view_person_data

if TYPE_CHECKING:
    from loket.parties.models import Partij

OTHER_TEAM_MELDING = "Deze melding hoort bij een ander team."


def _require_cases(user: Actor | None) -> None:
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag zaken niet inzien.")


# --- access: one rule for the page, the API and the admin ---------------------------------------


def melding_access_filter(user: Actor | None) -> Q:
    """The same rule for meldingen: a melding in triage (no team yet) is for every behandelaar."""
    if sees_all_teams(user, perm=DISTRIBUTE_WORK):
        return Q()
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return Q(pk__in=[])
    return Q(team__isnull=True) | Q(team__in=user.teams.all())


def access_melding(*, user: Actor | None, melding: Melding) -> Melding:
    if sees_all_teams(user, perm=DISTRIBUTE_WORK):
        return melding
    if (
        not getattr(user, "is_authenticated", False)
        or not isinstance(user, User)
        or (melding.team_id is not None and not user.teams.filter(pk=melding.team_id).exists())
    ):
        raise PermissionDenied(OTHER_TEAM_MELDING)
    return melding


# --- meldingen ---------------------------------------------------------------------------------


def melding_duplicates(
    *,
    categorie: MeldCategorie | None,
    lat: float | None,
    lon: float | None,
    exclude_pk: int | None = None,
    now: dt.datetime | None = None,
) -> list[Melding]:
    """Open meldingen of the same category within LOKET_MELDING_DUBBEL_METERS in the last
    LOKET_MELDING_DUBBEL_DAGEN days, nearest first. A bounding box on (lat, lon) narrows the
    rows in the database; the exact distance (haversine) is computed for those few."""
    import math

    from django.conf import settings
    from django.utils import timezone

    from loket.meldingen.services import haversine_m

    if categorie is None or lat is None or lon is None:
        return []
    metres = settings.LOKET_MELDING_DUBBEL_METERS
    dlat = metres / 111_320.0
    dlon = metres / (111_320.0 * max(0.01, math.cos(math.radians(lat))))
    since = (now or timezone.now()) - dt.timedelta(days=settings.LOKET_MELDING_DUBBEL_DAGEN)
    qs = Melding.objects.filter(
        categorie=categorie,
        status__in=MELDING_OPEN,
        lat__gte=lat - dlat,
        lat__lte=lat + dlat,
        lon__gte=lon - dlon,
        lon__lte=lon + dlon,
        created_at__gte=since,
    ).only("pk", "uuid", "referentie", "lat", "lon", "adres", "tekst", "created_at", "status")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    found = []
    for melding in qs[:200]:
        if melding.lat is None or melding.lon is None:
            continue  # not returned by the filter above
        distance = haversine_m(lat, lon, melding.lat, melding.lon)
        if distance <= metres:
            melding.afstand_m = round(distance)
            found.append(melding)
    return sorted(found, key=lambda m: m.afstand_m)


def melding_triage_list(*, user: Actor | None) -> QuerySet[Melding]:

    _require_cases(user)
    return (
        Melding.objects.filter(in_triage=True, status__in=MELDING_OPEN)
        .select_related("voorgestelde_categorie")
        .order_by("created_at", "pk")
    )


def melding_list_for_team(
    *, user: Actor | None, team: Team, open_only: bool = True
) -> QuerySet[Melding]:

    _require_cases(user)
    qs = Melding.objects.filter(
        melding_access_filter(user), team=team, in_triage=False
    ).select_related("categorie")
    if open_only:
        qs = qs.filter(status__in=MELDING_OPEN)
    return qs.order_by("streefdatum", "pk")


def melding_get(*, pk: int, user: Actor | None) -> Melding:
    _require_cases(user)
    melding = access_melding(
        user=user,
        melding=Melding.objects.select_related(
            "categorie", "voorgestelde_categorie", "team", "melder", "zaak"
        ).get(pk=pk),
    )
    if melding.melder_id is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=melding.melder,
            purpose="Melding openbare ruimte behandelen",
            detail={"gegevens": "melding", "melding": melding.referentie},
        )
    return melding


def melding_categories() -> QuerySet[MeldCategorie]:
    return MeldCategorie.objects.filter(is_actief=True).order_by("hoofdcategorie", "subcategorie")


# --- the klantbeeld (staff read a klant's meldingen; audited) ----------------------------------


def melding_may_access(user: Actor | None, melding: Melding) -> bool:
    """Whether the caller may see the melding's internal handling (`access_melding`'s rule)."""
    try:
        access_melding(user=user, melding=melding)
    except PermissionDenied:
        return False
    return True


def melding_list_for_melder(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[Melding]:
    """The meldingen one klant made, newest first, for the KCC's klantbeeld: what the melder
    was told (status, expected date, the note for the melder), not the team's handling. Needs
    the right to see person data; the read is audited."""
    ensure_may_view_person_data(user)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "meldingen"},
    )
    return (
        Melding.objects.filter(melder=partij)
        .select_related("categorie")
        .order_by("-created_at", "-pk")
    )


def melding_get_for_melder(*, partij: Partij, pk: int, user: Actor | None, purpose: str) -> Melding:
    """One melding of this klant (Melding.DoesNotExist if not theirs); audited. Its internal
    history is for whom `melding_may_access` allows (`melding_history`)."""
    ensure_may_view_person_data(user)
    melding = Melding.objects.select_related("categorie", "team", "zaak").get(melder=partij, pk=pk)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "melding", "melding": melding.referentie},
    )
    return melding


def melding_history(
    *, melding: Melding, user: Actor | None, limit: int = 50
) -> list[MeldingGebeurtenis]:
    """The melding's handling history, newest first, if the caller may see it (else [])."""
    if not melding_may_access(user, melding):
        return []
    return list(melding.gebeurtenissen.select_related("door").order_by("-op", "-id")[:limit])
