"""Reads for klantcontacten and contactredenen."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from loket.accounts.constants import Role
from loket.accounts.models import Membership, Team
from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import Contactreden, Contactverzoek, Klantcontact, Vraag
from loket.core.audit import audit_record
from loket.core.models import AuditAction

VIEW_PERSON_DATA = "accounts.view_person_data"


def contact_list_for_party(*, partij, user, purpose: str) -> QuerySet[Klantcontact]:
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
        .select_related("kanaal", "medewerker")
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

HANDLE_CASES = "accounts.handle_cases"
PURPOSE_CONTACTVERZOEK = "Contactverzoek behandelen"
SCOPES = ("mine", "team", "all")


def _sees_all(user) -> bool:
    return user.has_role(Role.TEAMLEIDER) or user.has_role(Role.BEHEERDER) or user.is_superuser


def contactverzoek_scopes(*, user) -> list[str]:
    """The worklists the user's role allows: mine and team, and all for teamleider/beheerder."""
    return list(SCOPES) if _sees_all(user) else ["mine", "team"]


def _visible(user) -> Q:
    if _sees_all(user):
        return Q()
    return Q(team__in=user.teams.all()) | Q(medewerker=user)


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
    *, user, scope: str = "mine", include_closed: bool = False
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
        qs.select_related("team", "medewerker", "partij", "klantcontact", "vraag__product")
    ).order_by("deadline", "pk")


def contactverzoek_get(*, pk: int, user, purpose: str = PURPOSE_CONTACTVERZOEK) -> Contactverzoek:
    """One verzoek the user may see, with its history; the read is recorded in the audit log."""
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag contactverzoeken niet inzien.")
    verzoek = (
        _with_urgency(Contactverzoek.objects.filter(_visible(user)))
        .select_related(
            "team", "medewerker", "partij", "klantcontact__kanaal", "vraag__contactreden"
        )
        .prefetch_related("gebeurtenissen__door")
        .get(pk=pk)
    )
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=verzoek.partij or verzoek,
        purpose=purpose,
        detail={"gegevens": "contactverzoek", "contactverzoek": verzoek.pk},
    )
    return verzoek


def contactverzoek_teams() -> QuerySet[Team]:
    """Teams a verzoek can go to: those with at least one active member."""
    members = Membership.objects.filter(team=OuterRef("pk"), user__is_active=True)
    return Team.objects.filter(Exists(members)).order_by("name")
