"""Reads of the training app: sessions, tests and the results per employee and per team."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Q, QuerySet
from django.db.models.functions import TruncMonth

from loket.accounts.models import Team, User
from loket.accounts.permissions import VIEW_TEAM_TRAINING
from loket.catalogue.models import Product
from loket.catalogue.selectors import product_list
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.knowledge.models import Kennisartikel
from loket.training.constants import MAX_PUNTEN, STERK, ZWAK, Criterium, SessieStatus
from loket.training.itemstatistiek import Antwoord, ItemCijfers, item_cijfers
from loket.training.models import Kennistoets, ToetsVraag, TrainingSessie


def sessie_get(*, uuid: UUID | str, medewerker: User) -> TrainingSessie:
    """A session of this employee (another employee's session does not exist for them)."""
    return TrainingSessie.objects.select_related("oefenklant").get(uuid=uuid, medewerker=medewerker)


def toets_get(*, uuid: UUID | str, medewerker: User) -> Kennistoets:
    return Kennistoets.objects.get(uuid=uuid, medewerker=medewerker)


def sessie_list(*, medewerker: User, limit: int | None = None) -> QuerySet[TrainingSessie]:
    qs = TrainingSessie.objects.filter(medewerker=medewerker).order_by("-gestart_op")
    return qs[:limit] if limit else qs


def toets_list(*, medewerker: User, limit: int | None = None) -> QuerySet[Kennistoets]:
    qs = Kennistoets.objects.filter(medewerker=medewerker).order_by("-gestart_op")
    return qs[:limit] if limit else qs


def aanbod_producten(*, q: str = "") -> QuerySet[Product]:
    """The products a trainee can offer or register (the same list as the real form)."""

    return product_list(q=q or None, verwijsbaar=True)


def kanaal_naam(*, code: str) -> str:

    return Kanaal.objects.filter(code=code).values_list("naam", flat=True).first() or code


def artikelen_by_slug(slugs: Iterable[str]) -> dict[str, Kennisartikel]:
    return {a.slug: a for a in Kennisartikel.objects.filter(slug__in=list(slugs))}


def product_namen(upl_namen: Iterable[str]) -> dict[str, str]:
    return {p.upl_naam: p.naam for p in Product.objects.filter(upl_naam__in=list(upl_namen))}


# --- results ----------------------------------------------------------------------------------


def oordeel(aandeel: float | None) -> str:
    """'sterk', 'aandacht' or 'training' for a share between 0 and 1."""
    if aandeel is None:
        return ""
    if aandeel >= STERK:
        return "sterk"
    if aandeel < ZWAK:
        return "training"
    return "aandacht"


@dataclass
class Onderdeel:
    """One criterion or topic: points (or answers) scored out of the maximum."""

    label: str
    behaald: float = 0
    maximum: float = 0

    @property
    def aandeel(self) -> float | None:
        return self.behaald / self.maximum if self.maximum else None

    @property
    def procent(self) -> int | None:
        aandeel = self.aandeel
        return None if aandeel is None else round(100 * aandeel)

    @property
    def oordeel(self) -> str:
        # Judged on the percentage shown, so a 79.6% shown as 80% reads 'sterk' like the legend.
        procent = self.procent
        return oordeel(None if procent is None else procent / 100)


@dataclass
class Periode:
    maand: object
    sessies: int = 0
    score_som: int = 0
    toetsen: int = 0
    toets_goed: int = 0
    toets_vragen: int = 0

    @property
    def gemiddelde_score(self) -> int | None:
        return round(self.score_som / self.sessies) if self.sessies else None

    @property
    def toets_procent(self) -> int | None:
        return round(100 * self.toets_goed / self.toets_vragen) if self.toets_vragen else None


@dataclass
class Resultaten:
    sessies: int = 0
    gemiddelde_score: int | None = None
    toetsen: int = 0
    toets_procent: int | None = None
    criteria: list[Onderdeel] = field(default_factory=list)
    onderwerpen: list[Onderdeel] = field(default_factory=list)
    perioden: list[Periode] = field(default_factory=list)

    @property
    def sterk(self) -> list[Onderdeel]:
        return [o for o in [*self.criteria, *self.onderwerpen] if o.oordeel == "sterk"]

    @property
    def training_helpt(self) -> list[Onderdeel]:
        return [o for o in [*self.criteria, *self.onderwerpen] if o.oordeel == "training"]


def resultaten(*, medewerkers: Iterable[User]) -> Resultaten:
    """Aggregated results of one or more employees: per criterion, per topic and per month."""
    sessies = TrainingSessie.objects.filter(
        medewerker__in=medewerkers, status=SessieStatus.AFGEROND
    ).annotate(maand=TruncMonth("afgerond_op"))
    uitkomst = Resultaten()
    criteria = {c: Onderdeel(label=str(Criterium(c).label)) for c in Criterium.values}
    perioden: dict = {}
    totaal = 0
    for maand, scores, feedback, score in sessies.values_list(
        "maand", "scores", "feedback", "totaal"
    ):
        uitkomst.sessies += 1
        totaal += score or 0
        # The maximum a session was scored against (weights may change between versions).
        maxima = {f.get("criterium"): f.get("max") for f in feedback or [] if isinstance(f, dict)}
        for criterium, punten in (scores or {}).items():
            if criterium in criteria:
                criteria[criterium].behaald += punten
                criteria[criterium].maximum += maxima.get(criterium) or MAX_PUNTEN[criterium]
        periode = perioden.setdefault(maand.date() if maand else None, Periode(maand=maand))
        periode.sessies += 1
        periode.score_som += score or 0
    if uitkomst.sessies:
        uitkomst.gemiddelde_score = round(totaal / uitkomst.sessies)
    uitkomst.criteria = list(criteria.values())

    toetsen = Kennistoets.objects.filter(
        medewerker__in=medewerkers, afgerond_op__isnull=False
    ).annotate(maand=TruncMonth("afgerond_op"))
    goed = vragen = 0
    for maand, aantal_goed, aantal in toetsen.values_list("maand", "aantal_goed", "aantal_vragen"):
        uitkomst.toetsen += 1
        goed += aantal_goed or 0
        vragen += aantal
        periode = perioden.setdefault(maand.date() if maand else None, Periode(maand=maand))
        periode.toetsen += 1
        periode.toets_goed += aantal_goed or 0
        periode.toets_vragen += aantal
    if vragen:
        uitkomst.toets_procent = round(100 * goed / vragen)
    onderwerpen: dict[str, Onderdeel] = defaultdict(lambda: Onderdeel(label=""))
    for onderwerp, is_goed in ToetsVraag.objects.filter(
        toets__in=toetsen.values("pk"), is_goed__isnull=False
    ).values_list("onderwerp", "is_goed"):
        item = onderwerpen[onderwerp]
        item.label = onderwerp
        item.behaald += 1 if is_goed else 0
        item.maximum += 1
    uitkomst.onderwerpen = sorted(onderwerpen.values(), key=lambda o: (o.aandeel or 0, o.label))
    uitkomst.perioden = sorted(perioden.values(), key=lambda p: (p.maand is None, p.maand))
    return uitkomst


def teams_voor(*, user: User) -> QuerySet[Team]:
    """The teams whose training results this user may see: their own teams and sub-teams."""
    if not user.has_perm(VIEW_TEAM_TRAINING):
        return Team.objects.none()
    if user.is_superuser:
        return Team.objects.order_by("name")
    eigen = list(user.teams.values_list("pk", flat=True))
    return Team.objects.filter(Q(pk__in=eigen) | Q(parent__in=eigen)).order_by("name")


def team_leden(*, team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True).order_by("first_name", "last_name")


def team_for(*, user: User, slug: str) -> Team:
    for team in teams_voor(user=user):
        if team.slug == slug:
            return team
    raise DomainError("U mag de trainingsresultaten van dit team niet inzien.", field="team")


def medewerker_voor(*, user: User, pk: int) -> User:
    """An employee whose results this user may see: themselves, or a member of their teams."""
    if user.pk == pk:
        return user
    teams = [t.pk for t in teams_voor(user=user)]
    medewerker = User.objects.filter(pk=pk, teams__pk__in=teams).distinct().first()
    if medewerker is None:
        raise DomainError(
            "U mag de trainingsresultaten van deze medewerker niet inzien.", field="medewerker"
        )
    return medewerker


def sessie_van_teamlid(*, user: User, uuid: UUID | str) -> TrainingSessie:
    """A finished session of an employee whose results this user may see (own or team)."""
    sessie = TrainingSessie.objects.select_related("medewerker").get(
        uuid=uuid, status=SessieStatus.AFGEROND
    )
    medewerker_voor(user=user, pk=sessie.medewerker_id)
    return sessie


@dataclass
class LidRegel:
    medewerker: User
    sessies: int
    gemiddelde_score: int | None
    toetsen: int
    toets_procent: int | None


def team_overzicht(*, team: Team) -> list[LidRegel]:
    regels = []
    for lid in team_leden(team=team):
        uitkomst = resultaten(medewerkers=[lid])
        regels.append(
            LidRegel(
                medewerker=lid,
                sessies=uitkomst.sessies,
                gemiddelde_score=uitkomst.gemiddelde_score,
                toetsen=uitkomst.toetsen,
                toets_procent=uitkomst.toets_procent,
            )
        )
    return regels


# --- kennistoets item statistics ----------------------------------------------------------------


@dataclass
class ItemRegel:
    """One kennistoets question as asked, with its figures (itemstatistiek.item_cijfers)."""

    vraag: str
    onderwerp: str
    soort: str
    juist_antwoord: str
    afleiders: str
    artikel_slug: str
    artikel_vraag: str
    cijfers: ItemCijfers

    @property
    def p_procent(self) -> int | None:
        return None if self.cijfers.p is None else round(100 * self.cijfers.p)


@dataclass
class ItemOverzicht:
    items: list[ItemRegel]  # with figures, the weakest first
    te_weinig: int  # items with fewer than MIN_ANTWOORDEN answers (not listed)
    antwoorden: int
    toetsen: int


def toets_items(*, medewerkers: Iterable[User]) -> ItemOverzicht:
    """The item statistics of the finished kennistoetsen of these employees."""
    rijen = ToetsVraag.objects.filter(
        toets__medewerker__in=medewerkers, toets__afgerond_op__isnull=False, is_goed__isnull=False
    ).values_list(
        "toets_id",
        "vraag",
        "versie_id",
        "opties",
        "is_goed",
        "onderwerp",
        "soort",
        "juist",
        "artikel__slug",
        "artikel__vraag",
    )
    antwoorden: list[Antwoord] = []
    info: dict[Hashable, dict] = {}
    for toets, vraag, versie, opties, goed, onderwerp, soort, juist, slug, titel in rijen:
        item = (vraag, versie, tuple(sorted(opties or [])))
        antwoorden.append(Antwoord(toets=toets, item=item, goed=bool(goed)))
        if item not in info:
            optie = juist.get("optie") if isinstance(juist, dict) else None
            if isinstance(optie, int) and opties and 0 <= optie < len(opties):
                juist_antwoord = str(opties[optie])
            else:
                juist_antwoord = str(juist.get("getal") or ", ".join(juist.get("woorden", [])))
            info[item] = {
                "vraag": vraag,
                "onderwerp": onderwerp,
                "soort": soort,
                "juist_antwoord": juist_antwoord,
                "afleiders": juist.get("afleiders", ""),
                "artikel_slug": slug or "",
                "artikel_vraag": titel or "",
            }
    cijfers = item_cijfers(antwoorden)
    regels = [ItemRegel(**info[item], cijfers=c) for item, c in cijfers.items()]
    met = [r for r in regels if r.cijfers.p is not None]
    met.sort(
        key=lambda r: (
            not any("fout" in s or "onderscheidt" in s for s in r.cijfers.signalen),
            r.cijfers.r_pb if r.cijfers.r_pb is not None else 2.0,
            r.vraag,
        )
    )
    return ItemOverzicht(
        items=met,
        te_weinig=len(regels) - len(met),
        antwoorden=len(antwoorden),
        toetsen=len({a.toets for a in antwoorden}),
    )
