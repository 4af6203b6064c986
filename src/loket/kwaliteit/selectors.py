"""Reads of quality monitoring: the reviewer's queue, one review with its contact (read through
the contacts selector, which audits), calibration differences, the agent's own reviews and the
juistheid figure per team and month against its norm."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from loket.accounts.models import Membership, Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, VIEW_INSIGHTS
from loket.contacts.models import ChatBericht, Klantcontact, Vraag
from loket.contacts.selectors import klantcontact_get
from loket.insights.selectors.norms import norm_map
from loket.kwaliteit.constants import (
    AANLEIDING_VOLGORDE,
    JUISTHEID_CODE,
    BeoordelingStatus,
    Oordeel,
)
from loket.kwaliteit.models import Beoordeling, Criterium, Oefenscenario, Score

REVIEW_PURPOSE = "Kwaliteitsbeoordeling van een klantcontact"


def may_review(user: User) -> bool:
    return bool(user.has_perm(VIEW_INSIGHTS) or user.has_perm(DISTRIBUTE_WORK))


def _require_reviewer(user: User) -> None:
    if not may_review(user):
        raise PermissionDenied("U mag geen klantcontacten beoordelen.")


def _collegas(user: User) -> QuerySet[Membership, Any]:
    """The users in the user's teams (as a subquery)."""
    teams = Membership.objects.filter(user=user).values("team_id")
    return Membership.objects.filter(team_id__in=teams).values("user_id")


def _visible_q(user: User) -> Q:
    """Reviews the user works on: their own, and the unassigned ones of agents in their teams."""
    return Q(reviewer=user) | Q(reviewer__isnull=True, medewerker_id__in=_collegas(user))


def beoordeling_queue(*, user: User) -> QuerySet[Beoordeling]:
    """Open reviews for the user, the signals first, then the sample, oldest first. Only the
    contact's reference, channel and date: no personal data."""
    _require_reviewer(user)
    volgorde = Case(
        *[When(aanleiding=a, then=Value(n)) for a, n in AANLEIDING_VOLGORDE.items()],
        output_field=IntegerField(),
    )
    return (
        Beoordeling.objects.filter(_visible_q(user), status=BeoordelingStatus.OPEN)
        .exclude(medewerker=user)
        .select_related("klantcontact__kanaal", "medewerker", "reviewer")
        .annotate(volgorde=volgorde)
        .order_by("volgorde", "maand", "pk")
    )


def beoordeling_get_for_reviewer(*, pk: int, user: User) -> Beoordeling:
    """One review the user may work on (raises Beoordeling.DoesNotExist otherwise, also for a
    review of their own contact); the finished ones of colleagues' reviewers stay readable for
    calibration, within the user's own teams (a teamleider of another team reads nothing)."""
    _require_reviewer(user)
    kalibratie = Q(
        status=BeoordelingStatus.KLAAR, reviewer__isnull=False, medewerker_id__in=_collegas(user)
    )
    return (
        Beoordeling.objects.filter(_visible_q(user) | kalibratie)
        .exclude(medewerker=user)
        .select_related("rubriek", "medewerker", "reviewer")
        .get(pk=pk)
    )


def criteria_for(*, beoordeling: Beoordeling) -> list[Criterium]:
    return list(beoordeling.rubriek.criteria.filter(actief=True).order_by("volgorde", "pk"))


def scores_for(*, beoordeling: Beoordeling) -> dict[int, int | None]:
    """criterium pk -> oordeel of a review."""
    return dict(beoordeling.scores.values_list("criterium_id", "oordeel"))


@dataclass
class ContactWeergave:
    contact: Klantcontact
    vragen: list[Vraag]
    transcript: list[ChatBericht]


def beoordeling_contact(*, beoordeling: Beoordeling, user: User) -> ContactWeergave:
    """The contact as registered, read through contacts.selectors.klantcontact_get (the read is
    audited, a confidential contact redacted): questions, answers, article versions,
    afhandeling, notes, and a chat's transcript."""
    contact = klantcontact_get(
        uuid=Klantcontact.objects.values_list("uuid", flat=True).get(
            pk=beoordeling.klantcontact_id
        ),
        user=user,
        purpose=REVIEW_PURPOSE,
    )
    if contact.afgeschermd:
        return ContactWeergave(contact, [], [])
    vragen = list(
        Vraag.objects.filter(klantcontact=contact)
        .select_related("contactreden", "product", "kennisartikel_versie__artikel")
        .order_by("pk")
    )
    transcript = list(
        ChatBericht.objects.filter(sessie__klantcontact=contact).order_by("verstuurd_op", "pk")
    )
    return ContactWeergave(contact, vragen, transcript)


@dataclass
class KalibratieRegel:
    criterium: str
    oordelen: list[str]
    verschilt: bool


@dataclass
class Kalibratie:
    referentienummer: str
    medewerker: User
    reviewers: list[User]
    scores: list[int | None]
    regels: list[KalibratieRegel] = field(default_factory=list)

    @property
    def verschillen(self) -> int:
        return sum(1 for r in self.regels if r.verschilt)


def kalibratie_list(*, user: User, limit: int = 50) -> list[Kalibratie]:
    """Contacts that two or more reviewers scored, newest first, with per criterion each
    reviewer's oordeel and whether they differ."""
    _require_reviewer(user)
    dubbel = (
        Beoordeling.objects.filter(status=BeoordelingStatus.KLAAR)
        .values("klantcontact_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values("klantcontact_id")
    )
    beoordelingen = list(
        Beoordeling.objects.filter(status=BeoordelingStatus.KLAAR, klantcontact_id__in=dubbel)
        .select_related("klantcontact", "medewerker", "reviewer")
        .prefetch_related("scores__criterium")
        .order_by("-klantcontact_id", "beoordeeld_op", "pk")
    )
    per_contact: dict[int, list[Beoordeling]] = defaultdict(list)
    for b in beoordelingen:
        per_contact[b.klantcontact_id].append(b)
    labels = dict(Oordeel.choices)
    uitkomst = []
    for groep in list(per_contact.values())[:limit]:
        criteria: dict[int, Criterium] = {}
        for b in groep:
            for s in b.scores.all():
                criteria.setdefault(s.criterium_id, s.criterium)
        regels = []
        for crit in sorted(criteria.values(), key=lambda c: (c.volgorde, c.pk)):
            waarden = [
                next((s.oordeel for s in b.scores.all() if s.criterium_id == crit.pk), None)
                for b in groep
            ]
            regels.append(
                KalibratieRegel(
                    criterium=crit.vraag,
                    oordelen=[str(labels[w]) if w is not None else "n.v.t." for w in waarden],
                    verschilt=len(set(waarden)) > 1,
                )
            )
        uitkomst.append(
            Kalibratie(
                referentienummer=groep[0].klantcontact.referentienummer,
                medewerker=groep[0].medewerker,
                reviewers=[b.reviewer for b in groep if b.reviewer is not None],
                scores=[b.score for b in groep],
                regels=regels,
            )
        )
    return uitkomst


@dataclass
class EigenBeoordeling:
    beoordeling: Beoordeling
    scores: list[Score]
    artikelen: list  # ArtikelVersie of the contact's answers


def eigen_beoordelingen(*, user: User) -> list[EigenBeoordeling]:
    """The agent's own finished reviews, newest first, with the scores, the feedback and the
    article versions the answers came from (no contact content is read)."""
    beoordelingen = list(
        Beoordeling.objects.filter(medewerker=user, status=BeoordelingStatus.KLAAR)
        .select_related("klantcontact__kanaal", "oefenscenario")
        .prefetch_related("scores__criterium")
        .order_by("-beoordeeld_op", "-pk")
    )
    artikelen: dict[int, list] = defaultdict(list)
    for vraag in (
        Vraag.objects.filter(
            klantcontact_id__in=[b.klantcontact_id for b in beoordelingen],
            kennisartikel_versie__isnull=False,
        )
        .select_related("kennisartikel_versie__artikel")
        .order_by("pk")
    ):
        artikelen[vraag.klantcontact_id].append(vraag.kennisartikel_versie)
    return [
        EigenBeoordeling(b, list(b.scores.all()), artikelen.get(b.klantcontact_id, []))
        for b in beoordelingen
    ]


def _juistheid() -> Subquery:
    return Subquery(
        Score.objects.filter(beoordeling=OuterRef("pk"), criterium__code=JUISTHEID_CODE).values(
            "oordeel"
        )[:1]
    )


@dataclass
class Cijfer:
    beoordeeld: int = 0
    juist: int = 0
    gescoord: int = 0
    score_som: int = 0
    score_n: int = 0

    def tel(self, juistheid: int | None, score: int | None) -> None:
        self.beoordeeld += 1
        if juistheid is not None:
            self.gescoord += 1
            self.juist += int(juistheid == Oordeel.VOLDOET)
        if score is not None:
            self.score_som += score
            self.score_n += 1

    @property
    def juistheid(self) -> float | None:
        """Share of reviews whose answer was fully correct and complete, in percent."""
        return round(100 * self.juist / self.gescoord, 1) if self.gescoord else None

    @property
    def gemiddelde_score(self) -> float | None:
        return round(self.score_som / self.score_n, 1) if self.score_n else None


def medewerker_cijfer(*, user: User) -> Cijfer:
    cijfer = Cijfer()
    for juistheid, score in (
        Beoordeling.objects.filter(medewerker=user, status=BeoordelingStatus.KLAAR)
        .annotate(juistheid=_juistheid())
        .values_list("juistheid", "score")
    ):
        cijfer.tel(juistheid, score)
    return cijfer


@dataclass
class TeamMaand:
    team: Team
    maand: dt.date
    cijfer: Cijfer
    gehaald: bool | None


@dataclass
class KwaliteitDashboard:
    norm: object  # insights.Norm
    regels: list[TeamMaand]
    maanden: list[dt.date]


def juistheid_per_team_maand(
    *,
    vanaf: dt.date,
    tot: dt.date | None = None,
    team: Team | None = None,
    kanaalsoort: str | None = None,
    product_id: int | None = None,
) -> tuple[list[TeamMaand], Cijfer]:
    """Per team and month (months from `vanaf` up to `tot`) the finished reviews of the team's
    agents: the juistheid against the norm "juistheid" (insights.Norm) and the mean score. An
    agent in two teams counts in both; the total (second) counts each review once. Optionally
    one team (then only its agents' reviews), channel kind or product."""
    norm = norm_map()["juistheid"]
    leden = Membership.objects.select_related("team").filter(team__is_actief=True)
    if team is not None:
        leden = leden.filter(team=team)
    teams_van: dict[int, list[Team]] = defaultdict(list)
    for lid in leden:
        teams_van[lid.user_id].append(lid.team)
    beoordelingen = Beoordeling.objects.filter(
        status=BeoordelingStatus.KLAAR, maand__gte=vanaf.replace(day=1)
    )
    if tot is not None:
        beoordelingen = beoordelingen.filter(maand__lte=tot)
    if kanaalsoort:
        beoordelingen = beoordelingen.filter(klantcontact__kanaal__soort=kanaalsoort)
    if product_id is not None:
        beoordelingen = beoordelingen.filter(
            Exists(Vraag.objects.filter(klantcontact=OuterRef("klantcontact"), product=product_id))
        )
    cijfers: dict[tuple[int, dt.date], Cijfer] = defaultdict(Cijfer)
    totaal = Cijfer()
    team_by_pk: dict[int, Team] = {}
    for medewerker_id, maand, juistheid, score in beoordelingen.annotate(
        juistheid=_juistheid()
    ).values_list("medewerker_id", "maand", "juistheid", "score"):
        if team is None or medewerker_id in teams_van:
            totaal.tel(juistheid, score)
        for t in teams_van.get(medewerker_id, []):
            team_by_pk[t.pk] = t
            cijfers[(t.pk, maand)].tel(juistheid, score)
    regels = [
        TeamMaand(team_by_pk[team_pk], maand, c, norm.gehaald(c.juistheid))
        for (team_pk, maand), c in sorted(
            cijfers.items(), key=lambda kv: (team_by_pk[kv[0][0]].name, kv[0][1])
        )
    ]
    return regels, totaal


def kwaliteit_dashboard(*, user: User, vanaf: dt.date) -> KwaliteitDashboard:
    """Per team and month (from `vanaf`) the juistheid against its norm and the mean score."""
    _require_reviewer(user)
    regels, _ = juistheid_per_team_maand(vanaf=vanaf)
    return KwaliteitDashboard(
        norm=norm_map()["juistheid"], regels=regels, maanden=sorted({r.maand for r in regels})
    )


def oefenscenario_list() -> QuerySet[Oefenscenario]:
    """The training scenarios made from reviews (for training.scenarios), newest first."""
    return Oefenscenario.objects.select_related("beoordeling").order_by("-aangemaakt_op", "-pk")


def beoordeling_get_for_training(*, pk: int, user: User) -> Beoordeling:
    """A finished review for the training page of its topic: the agent's own, or one the
    user may review (raises Beoordeling.DoesNotExist otherwise)."""
    beoordelingen = Beoordeling.objects.filter(status=BeoordelingStatus.KLAAR)
    if may_review(user):
        # A reviewer: the reviews of agents in their own teams, and their own reviews.
        return beoordelingen.filter(
            Q(medewerker=user) | Q(reviewer=user) | Q(medewerker_id__in=_collegas(user))
        ).get(pk=pk)
    return beoordelingen.filter(medewerker=user).get(pk=pk)


def beoordeling_onderwerp(*, beoordeling: Beoordeling) -> tuple[list[str], list[str]]:
    """The topic of a reviewed contact: (article slugs, product UPL names) of its answers."""
    artikelen: list[str] = []
    producten: list[str] = []
    for slug, upl, namen in Vraag.objects.filter(
        klantcontact_id=beoordeling.klantcontact_id
    ).values_list(
        "kennisartikel_versie__artikel__slug",
        "product__upl_naam",
        "kennisartikel_versie__product_upl_namen",
    ):
        if slug and slug not in artikelen:
            artikelen.append(slug)
        for naam in [upl, *(namen or [])]:
            if naam and naam not in producten:
                producten.append(naam)
    return artikelen, producten
