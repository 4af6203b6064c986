"""Reads for the knowledge pages of staff and redactie (the search itself is in selectors.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

import nh3
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, When
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import (
    ArtikelFeedback,
    ArtikelVersie,
    FeedbackStatus,
    Kennisartikel,
    Leesbevestiging,
    Nieuwsbericht,
    Synoniem,
    Werkinstructie,
    ZoekLog,
)
from loket.knowledge.services import sanitise_html

KANALEN = (
    ("web", "Web", "antwoord"),
    ("telefoon", "Telefoon", "telefoonscript"),
    ("email", "E-mail", "email"),
    ("kort", "Kort (sms)", "kort"),
)


def veilige_html(text: str) -> SafeString:
    """Stored content as safe HTML: the allowed tags survive, plain text keeps its line breaks.
    Sanitised again at display time, so content written around the services is harmless too."""
    clean = sanitise_html(text or "")
    if "<" in clean:
        return mark_safe(clean)  # nh3-sanitised
    return mark_safe(linebreaksbr(mark_safe(clean)))  # nh3-sanitised


@dataclass(frozen=True)
class KanaalWeergave:
    kanaal: str
    label: str
    html: SafeString
    tekens: int
    terugval: bool  # empty variant: the channel shows the web answer instead


def kanaal_weergaven(inhoud) -> list[KanaalWeergave]:
    """How each channel renders this content (a version, the working copy or unsaved input);
    an empty variant falls back to the web answer, as the search results do."""
    get = inhoud.get if isinstance(inhoud, dict) else lambda name: getattr(inhoud, name)
    weergaven = []
    for kanaal, label, veld in KANALEN:
        tekst = get(veld) or ""
        terugval = not tekst
        if terugval:
            tekst = get("antwoord") or ""
        plain = nh3.clean(tekst, tags=set())
        weergaven.append(KanaalWeergave(kanaal, label, veilige_html(tekst), len(plain), terugval))
    return weergaven


# --- Staff: news, werkinstructies, articles ----------------------------------------------------


def _voor_mijn_teams(qs: QuerySet, user) -> QuerySet:
    """Items without teams are for everyone; others for members of one of their teams."""
    return qs.filter(Q(teams__isnull=True) | Q(teams__in=user.teams.all())).distinct()


def nieuws_voor_medewerker(*, user, limit: int = 20) -> list[Nieuwsbericht]:
    """Visible news for the user's teams; "belangrijk" unread items first, then newest first."""
    now = timezone.now()
    qs = (
        _voor_mijn_teams(Nieuwsbericht.objects.all(), user)
        .filter(gepubliceerd_op__lte=now)
        .filter(Q(verloopt_op__isnull=True) | Q(verloopt_op__gt=now))
        .annotate(
            is_gelezen=Exists(
                Leesbevestiging.objects.filter(bericht=OuterRef("pk"), medewerker=user)
            )
        )
        .prefetch_related("teams")
        .order_by("-gepubliceerd_op")
    )
    berichten = list(qs[:limit])
    for bericht in berichten:
        bericht.html = veilige_html(bericht.inhoud)
    berichten.sort(key=lambda b: not (b.is_belangrijk and not b.is_gelezen))
    return berichten


def nieuws_get_voor_medewerker(*, user, pk) -> Nieuwsbericht:
    return _voor_mijn_teams(Nieuwsbericht.objects.all(), user).get(pk=pk)


def werkinstructies_voor_medewerker(*, user) -> QuerySet[Werkinstructie]:
    """Active werkinstructies for the user's teams; use `veilige_html(w.inhoud)` to show one."""
    return (
        _voor_mijn_teams(Werkinstructie.objects.filter(is_actief=True), user)
        .prefetch_related("teams", "artikelen")
        .order_by("titel")
    )


def artikel_gepubliceerd_get(*, slug: str) -> Kennisartikel:
    """The article with its published version; DoesNotExist when it is not published."""
    return (
        Kennisartikel.objects.select_related("gepubliceerde_versie", "eigenaar")
        .prefetch_related("producten")
        .get(slug=slug, gepubliceerde_versie__isnull=False)
    )


def werkinstructies_bij_artikel(*, artikel: Kennisartikel, user) -> QuerySet[Werkinstructie]:
    return werkinstructies_voor_medewerker(user=user).filter(
        Q(artikelen=artikel) | Q(producten__in=artikel.producten.all())
    )


# --- Redactie ----------------------------------------------------------------------------------


def artikel_redactie_list(
    *, status: str = "", categorie: str = "", verlopen: bool = False, q: str = ""
) -> QuerySet[Kennisartikel]:
    qs = Kennisartikel.objects.select_related("gepubliceerde_versie", "eigenaar").annotate(
        open_feedback=Count("feedback", filter=Q(feedback__status=FeedbackStatus.OPEN))
    )
    if status:
        qs = qs.filter(status=status)
    if categorie:
        qs = qs.filter(categorie=categorie)
    if verlopen:
        qs = qs.filter(review_datum__lt=timezone.localdate())
    if q:
        qs = qs.filter(Q(vraag__icontains=q) | Q(slug__icontains=q))
    return qs.order_by("vraag")


def artikel_redactie_tellingen() -> dict[str, int]:
    totals = dict(Kennisartikel.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "totaal": sum(totals.values()),
        **{status: totals.get(status, 0) for status in ArtikelStatus.values},
        "verlopen": Kennisartikel.objects.filter(review_datum__lt=timezone.localdate()).count(),
        "feedback": ArtikelFeedback.objects.filter(status=FeedbackStatus.OPEN).count(),
    }


def artikel_categorieen() -> list[str]:
    return list(
        Kennisartikel.objects.exclude(categorie="")
        .order_by("categorie")
        .values_list("categorie", flat=True)
        .distinct()
    )


def artikel_redactie_get(*, slug: str) -> Kennisartikel:
    return (
        Kennisartikel.objects.select_related("gepubliceerde_versie", "eigenaar", "ingediend_door")
        .prefetch_related("producten")
        .get(slug=slug)
    )


def feedback_queue(*, status: str = "") -> list[ArtikelFeedback]:
    """Open feedback first (then in behandeling, verwerkt, afgewezen), newest first within."""
    order = {s: i for i, s in enumerate(FeedbackStatus.values)}
    qs = ArtikelFeedback.objects.select_related("artikel", "versie", "melder", "afgehandeld_door")
    if status:
        qs = qs.filter(status=status)
    items = list(qs.order_by("-created_at"))
    items.sort(key=lambda f: order.get(f.status, 99))
    return items


@dataclass(frozen=True)
class ZoekvraagTelling:
    q: str
    aantal: int
    zonder_resultaat: int
    laatst: object
    kanalen: str


def zoeklog_overzicht(*, dagen: int = 30, limit: int = 200) -> list[ZoekvraagTelling]:
    """Queries without a good answer in the last `dagen` days, grouped (case-insensitively)."""
    since = timezone.now() - timedelta(days=dagen)
    groups: dict[str, dict] = {}
    for q, kanaal, aantal, gezocht_op in (
        ZoekLog.objects.filter(gezocht_op__gte=since)
        .order_by("-gezocht_op")
        .values_list("q", "kanaal", "aantal_resultaten", "gezocht_op")
        .iterator()
    ):
        key = " ".join(q.lower().split())
        group = groups.setdefault(
            key, {"aantal": 0, "zonder": 0, "laatst": gezocht_op, "kanalen": set()}
        )
        group["aantal"] += 1
        group["zonder"] += aantal == 0
        group["kanalen"].add(kanaal)
    tellingen = [
        ZoekvraagTelling(
            key, g["aantal"], g["zonder"], g["laatst"], ", ".join(sorted(g["kanalen"]))
        )
        for key, g in groups.items()
    ]
    tellingen.sort(key=lambda t: (-t.aantal, t.q))
    return tellingen[:limit]


def synoniem_list() -> QuerySet[Synoniem]:
    return Synoniem.objects.order_by("-is_actief", "term")


def nieuws_redactie_list(limit: int = 50) -> QuerySet[Nieuwsbericht]:
    return (
        Nieuwsbericht.objects.prefetch_related("teams")
        .annotate(aantal_gelezen=Count("gelezen"))
        .order_by("-gepubliceerd_op")[:limit]
    )


def werkinstructie_redactie_list() -> QuerySet[Werkinstructie]:
    return Werkinstructie.objects.prefetch_related("teams").order_by("-is_actief", "titel")


# --- Redactie: choosing products by typing -----------------------------------------------------


def product_suggesties(
    *, q: str, uitgezonderd: Iterable[int] = (), limit: int = 10
) -> list[Product]:
    """Active products whose UPL name or citizen title contains `q` (names that start with it
    first), leaving out those already chosen. Under two characters: nothing."""
    q = " ".join((q or "").split())
    if len(q) < 2:
        return []
    qs = (
        Product.objects.filter(is_actief=True)
        .filter(Q(upl_naam__icontains=q) | Q(titel__icontains=q))
        .exclude(pk__in=[pk for pk in uitgezonderd if pk])
        .annotate(
            begint=Case(
                When(upl_naam__istartswith=q, then=0), default=1, output_field=IntegerField()
            )
        )
        .order_by("begint", "upl_naam")
    )
    return list(qs[:limit])


def product_by_naam(*, naam: str) -> Product:
    """The one active product this name means (exact UPL name or title first, else the only one
    that contains it). Dutch DomainError on none or several, naming the field."""
    naam = " ".join((naam or "").split())
    active = Product.objects.filter(is_actief=True)
    exact = list(active.filter(Q(upl_naam__iexact=naam) | Q(titel__iexact=naam))[:2])
    if len(exact) == 1:
        return exact[0]
    matches = list(active.filter(Q(upl_naam__icontains=naam) | Q(titel__icontains=naam))[:6])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise DomainError(f"Geen product gevonden met de naam '{naam}'.", field="product_toevoegen")
    namen = ", ".join(p.upl_naam for p in matches[:5])
    raise DomainError(
        f"Meer producten passen bij '{naam}' ({namen}{', …' if len(matches) > 5 else ''}). "
        "Typ de volledige naam.",
        field="product_toevoegen",
    )


# --- Redactie: what changed between two versions (the review step) ------------------------------

DIFF_VELDEN = (
    ("vraag", "Vraag"),
    ("samenvatting", "Kort antwoord"),
    ("antwoord", "Antwoord (web)"),
    ("telefoonscript", "Telefoonscript"),
    ("email", "E-mailtekst"),
    ("kort", "Kort (sms)"),
    ("synoniemen", "Synoniemen"),
    ("trefwoorden", "Trefwoorden"),
    ("voorbeeldvragen", "Voorbeeldvragen"),
    ("producten", "Producten"),
)
_BLOCK_END = re.compile(r"</(p|li|h3|h4|tr|table|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_TOKENS = re.compile(r"\s*\S+")


@dataclass(frozen=True)
class DiffDeel:
    soort: str  # "gelijk", "ingevoegd" or "verwijderd"
    tekst: str


@dataclass(frozen=True)
class VeldVerschil:
    veld: str
    label: str
    delen: list[DiffDeel]
    ingevoegd: int  # words
    verwijderd: int


def _diff_tekst(veld: str, waarde) -> str:
    """The sanitised content as plain text: one line per block, entities decoded."""
    if isinstance(waarde, list | tuple):
        return "\n".join(str(item) for item in waarde)
    clean = sanitise_html(str(waarde or "")) if veld == "antwoord" else str(waarde or "")
    text = _BLOCK_END.sub("\n", clean)
    text = html.unescape(nh3.clean(text, tags=set()))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def tekst_verschil(oud: str, nieuw: str) -> list[DiffDeel]:
    """Word-level difference (difflib) between two texts: kept, inserted and deleted runs."""
    a, b = _TOKENS.findall(oud), _TOKENS.findall(nieuw)
    delen: list[DiffDeel] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            delen.append(DiffDeel("gelijk", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            delen.append(DiffDeel("verwijderd", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            delen.append(DiffDeel("ingevoegd", "".join(b[j1:j2])))
    return delen


def _inhoud(obj) -> dict[str, object]:
    if obj is None:
        return {}
    values: dict[str, object] = {veld: getattr(obj, veld) for veld, _ in DIFF_VELDEN[:-1]}
    if isinstance(obj, ArtikelVersie):
        values["producten"] = list(obj.product_upl_namen)
    else:
        values["producten"] = sorted(obj.producten.values_list("upl_naam", flat=True))
    return values


def artikel_verschil(*, oud: ArtikelVersie | None, nieuw) -> list[VeldVerschil]:
    """Per changed field, what `nieuw` (a version or the working copy) inserts and deletes
    compared with `oud` (a version; None: everything is new). Unchanged fields are left out."""
    a, b = _inhoud(oud), _inhoud(nieuw)
    verschillen = []
    for veld, label in DIFF_VELDEN:
        oud_tekst, nieuw_tekst = _diff_tekst(veld, a.get(veld)), _diff_tekst(veld, b.get(veld))
        if oud_tekst == nieuw_tekst:
            continue
        delen = tekst_verschil(oud_tekst, nieuw_tekst)
        verschillen.append(
            VeldVerschil(
                veld,
                label,
                delen,
                ingevoegd=sum(len(d.tekst.split()) for d in delen if d.soort == "ingevoegd"),
                verwijderd=sum(len(d.tekst.split()) for d in delen if d.soort == "verwijderd"),
            )
        )
    return verschillen


def artikel_versies(*, artikel: Kennisartikel, limit: int = 10) -> list[ArtikelVersie]:
    return list(
        artikel.versies.select_related("gepubliceerd_door", "ingediend_door").order_by("-nummer")[
            :limit
        ]
    )
