"""Writes for the knowledge base: create, edit and publish articles; load the bundled content."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nh3
from django.db import transaction
from django.utils import timezone

from loket.accounts.models import Team
from loket.catalogue.models import Organisatie, Product
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.knowledge.constants import ARTIKEL_OVERGANGEN, CATEGORIE_VERWIJZING, ArtikelStatus
from loket.knowledge.events import ArtikelGepubliceerd
from loket.knowledge.models import ArtikelVersie, Kennisartikel, Synoniem, ZoekKeuze
from loket.knowledge.search import engine as search_engine
from loket.knowledge.search import leren

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# Content files that hold search synonyms, not articles.
NOT_ARTICLES = {"upl-synoniemen.json", "synoniemen.json"}
ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "h3",
    "h4",
    "a",
    "br",
    "table",
    "tr",
    "td",
    "th",
}
CONTENT_FIELDS = (
    "vraag",
    "samenvatting",
    "antwoord",
    "telefoonscript",
    "email",
    "kort",
    "synoniemen",
    "trefwoorden",
    "voorbeeldvragen",
)
LIST_FIELDS = ("synoniemen", "trefwoorden", "voorbeeldvragen")


URL_SCHEMES = nh3.ALLOWED_URL_SCHEMES | {"loket"}


def sanitise_html(html: str) -> str:
    """Only a small set of tags survives; scripts, styles and event handlers are removed.
    Links may use the `loket:` scheme (`loket:formulier`, `loket:mijn`, ...): the portal
    resolves them to its own pages for the article's products when it renders the answer."""
    return nh3.clean(
        html or "", tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES
    ).strip()


def _clean_content(fields: dict) -> dict:
    clean = {}
    for name in CONTENT_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name in LIST_FIELDS:
            if isinstance(value, str):
                value = [part for part in value.split(",")]
            value = [str(item).strip() for item in value or [] if str(item).strip()]
        elif name == "antwoord":
            value = sanitise_html(value)
        else:
            value = nh3.clean(str(value or ""), tags=set()).strip()
        clean[name] = value
    if "vraag" in clean and not clean["vraag"]:
        raise DomainError("Vul de vraag in.", field="vraag")
    if "vraag" in clean and len(clean["vraag"]) > 255:
        raise DomainError("De vraag is te lang (hoogstens 255 tekens).", field="vraag")
    if "antwoord" in clean and not clean["antwoord"]:
        raise DomainError("Vul het antwoord in.", field="antwoord")
    if len(clean.get("kort", "")) > 160:
        raise DomainError("De korte tekst is te lang (hoogstens 160 tekens).", field="kort")
    if len(clean.get("samenvatting", "")) > 500:
        raise DomainError(
            "Het korte antwoord is te lang (hoogstens 500 tekens).", field="samenvatting"
        )
    return clean


def is_verwijsartikel(*, categorie: str, producten: Iterable[Product]) -> bool:
    """A referral: filed under "Andere overheden", or only about other bodies' products."""
    producten = list(producten)
    if (categorie or "").strip() == CATEGORIE_VERWIJZING:
        return True
    return bool(producten) and not any(product.is_gemeente for product in producten)


def _check_verwijzing(
    *, categorie: str, producten: Iterable[Product], organisatie: Organisatie | None
) -> None:
    """A referral article must name the organisation that handles it, and it must be in use."""
    if organisatie is None:
        if is_verwijsartikel(categorie=categorie, producten=producten):
            raise DomainError(
                "Een verwijsartikel moet de organisatie noemen die het regelt.",
                field="organisatie",
            )
        return
    if not organisatie.is_actief:
        raise DomainError(
            f"De organisatie '{organisatie}' is niet actief; kies een andere organisatie.",
            field="organisatie",
        )


@transaction.atomic
def artikel_create(
    *,
    slug: str,
    vraag: str,
    antwoord: str,
    producten: Iterable[Product] = (),
    categorie: str = "",
    eigenaar=None,
    review_datum=None,
    organisatie: Organisatie | None = None,
    **content,
) -> Kennisartikel:
    if Kennisartikel.objects.filter(slug=slug).exists():
        raise DomainError(f"Er bestaat al een artikel met de code '{slug}'.", field="slug")
    clean = _clean_content({"vraag": vraag, "antwoord": antwoord, **content})
    producten = list(producten)
    _check_verwijzing(categorie=categorie, producten=producten, organisatie=organisatie)
    artikel = Kennisartikel.objects.create(
        slug=slug,
        categorie=categorie,
        eigenaar=eigenaar,
        review_datum=review_datum,
        organisatie=organisatie,
        **clean,
    )
    artikel.producten.set(producten)
    return artikel


@transaction.atomic
def artikel_update(
    *, artikel: Kennisartikel, revisie: int, producten=None, **fields
) -> Kennisartikel:
    """Edit the working copy. `revisie` is the revision the editor started from: if someone else
    saved in between, the edit is refused instead of silently overwriting theirs."""
    locked = Kennisartikel.objects.select_for_update().get(pk=artikel.pk)
    if locked.revisie != revisie:
        raise DomainError(
            "Iemand anders heeft dit artikel intussen gewijzigd. Laad het opnieuw; uw tekst is "
            "niet opgeslagen, kopieer hem zo nodig eerst.",
            field="revisie",
            code="conflict",
        )
    for name, value in _clean_content(fields).items():
        setattr(locked, name, value)
    for name in ("categorie", "eigenaar", "review_datum", "organisatie"):
        if name in fields:
            setattr(locked, name, fields[name])
    producten = list(producten) if producten is not None else None
    _check_verwijzing(
        categorie=locked.categorie,
        producten=producten if producten is not None else locked.producten.all(),
        organisatie=locked.organisatie,
    )
    if locked.status == ArtikelStatus.TER_BEOORDELING:
        # What was offered for review changed: the reviewer must see the new text, so it is a
        # concept again and is offered anew.
        locked.status = ArtikelStatus.CONCEPT
        locked.ingediend_door = None
        locked.ingediend_op = None
    locked.revisie += 1
    locked.save()
    if producten is not None:
        locked.producten.set(producten)
    return locked


def _check_transition(locked: Kennisartikel, actie: str) -> str:
    """The status the article moves to by `actie`, or a Dutch error naming where it stands."""
    allowed, target = ARTIKEL_OVERGANGEN[actie]
    if locked.status not in allowed:
        messages = {
            "aanbieden": "Dit artikel is al ter beoordeling aangeboden.",
            "publiceren": (
                f"Dit artikel heeft status '{locked.get_status_display()}'. Bied het eerst ter "
                "beoordeling aan; een tweede redacteur keurt het goed en publiceert."
            ),
            "terugsturen": (
                f"Dit artikel heeft status '{locked.get_status_display()}' en is niet ter "
                "beoordeling aangeboden."
            ),
        }
        raise DomainError(messages[actie], field="status", code="invalid_transition")
    return target


def _lock_at(artikel: Kennisartikel, revisie: int, message: str) -> Kennisartikel:
    locked = Kennisartikel.objects.select_for_update().get(pk=artikel.pk)
    if locked.revisie != revisie:
        raise DomainError(message, field="revisie", code="conflict")
    return locked


@transaction.atomic
def artikel_submit_for_review(*, artikel: Kennisartikel, revisie: int, user) -> Kennisartikel:
    """Offer the saved working copy for review: status ter beoordeling. A second redacteur
    publishes it (four eyes); the one who offered it cannot approve it."""
    locked = _lock_at(
        artikel,
        revisie,
        "Dit artikel is intussen door iemand anders gewijzigd. Bekijk de nieuwste versie "
        "voordat u het ter beoordeling aanbiedt.",
    )
    locked.status = _check_transition(locked, "aanbieden")
    _check_verwijzing(
        categorie=locked.categorie,
        producten=locked.producten.all(),
        organisatie=locked.organisatie,
    )
    locked.ingediend_door = user
    locked.ingediend_op = timezone.now()
    locked.revisie += 1
    locked.save(update_fields=["status", "ingediend_door", "ingediend_op", "revisie", "updated_at"])
    return locked


@transaction.atomic
def artikel_send_back(*, artikel: Kennisartikel, revisie: int, user) -> Kennisartikel:
    """The reviewer does not approve: the article is a concept again (nothing is published)."""
    locked = _lock_at(
        artikel,
        revisie,
        "Dit artikel is intussen door iemand anders gewijzigd. Bekijk de nieuwste versie.",
    )
    locked.status = _check_transition(locked, "terugsturen")
    if locked.gepubliceerde_versie_id:
        locked.status = ArtikelStatus.GEPUBLICEERD  # the published version stays in use
    locked.ingediend_door = None
    locked.ingediend_op = None
    locked.revisie += 1
    locked.save(update_fields=["status", "ingediend_door", "ingediend_op", "revisie", "updated_at"])
    return locked


@transaction.atomic
def artikel_publish(*, artikel: Kennisartikel, revisie: int, user=None) -> ArtikelVersie:
    """Freeze the working copy as a new immutable version. Two redacteuren publishing the same
    revision at once: the first wins, the second gets a conflict message.

    A medewerker (`user`) approves: the article must be ter beoordeling and offered by someone
    else (four eyes). Without a user (the bundled content loader, a system process) the working
    copy is published directly."""
    locked = Kennisartikel.objects.select_for_update().get(pk=artikel.pk)
    if locked.revisie != revisie:
        raise DomainError(
            "Dit artikel is intussen door iemand anders gewijzigd of gepubliceerd. Bekijk de "
            "nieuwste versie voordat u publiceert.",
            field="revisie",
            code="conflict",
        )
    if getattr(user, "pk", None):
        _check_transition(locked, "publiceren")
        if locked.ingediend_door_id == user.pk:
            raise DomainError(
                "U heeft deze versie zelf ter beoordeling aangeboden en kunt haar niet zelf "
                "goedkeuren. Een tweede redacteur beoordeelt en publiceert.",
                field="status",
                code="vier_ogen",
            )
    ingediend_door = locked.ingediend_door
    producten = list(locked.producten.all())
    _check_verwijzing(
        categorie=locked.categorie, producten=producten, organisatie=locked.organisatie
    )
    last = locked.versies.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    versie = ArtikelVersie.objects.create(
        artikel=locked,
        nummer=last + 1,
        organisatie=locked.organisatie,
        product_upl_namen=sorted(product.upl_naam for product in producten),
        gepubliceerd_op=timezone.now(),
        gepubliceerd_door=user if getattr(user, "pk", None) else None,
        ingediend_door=ingediend_door,
        **{name: getattr(locked, name) for name in CONTENT_FIELDS},
    )
    locked.gepubliceerde_versie = versie
    locked.status = ArtikelStatus.GEPUBLICEERD
    locked.ingediend_door = None
    locked.ingediend_op = None
    locked.revisie += 1
    locked.save(
        update_fields=[
            "gepubliceerde_versie",
            "status",
            "ingediend_door",
            "ingediend_op",
            "revisie",
            "updated_at",
        ]
    )
    transaction.on_commit(_index_changed)
    publish(ArtikelGepubliceerd(versie=versie, user=user))
    return versie


def _index_changed() -> None:
    # Through the module, so a test (or a deployment hook) can replace the engine's invalidate.
    search_engine.invalidate()


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    synonyms: int = 0


def kennis_load(*, directory: Path = CONTENT_DIR, user=None) -> LoadResult:
    """Load the bundled articles (content/*.json) and publish them. Idempotent: an article whose
    content did not change is left alone; a changed one gets a new version. A file with an
    error is refused as a whole, naming the file, the article and the field."""
    articles = []
    for path in sorted(directory.glob("*.json")):
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DomainError(f"{path.name}: geen geldige JSON ({exc}).", field="bestand") from exc
        if path.name in NOT_ARTICLES:
            continue
        for index, item in enumerate(items, start=1):
            for required in ("slug", "vraag", "antwoord"):
                if not item.get(required):
                    raise DomainError(
                        f"{path.name}, artikel {index}: het veld '{required}' ontbreekt.",
                        field=required,
                    )
            articles.append((path.name, item))
    products = {p.upl_naam: p for p in Product.objects.all()}
    teams = {}

    teams = {t.slug: t for t in Team.objects.all()}
    organisaties = {o.slug: o for o in Organisatie.objects.all()}
    created = updated = unchanged = 0
    with transaction.atomic():
        for filename, item in articles:
            missing = [name for name in item.get("producten", []) if name not in products]
            if missing:
                raise DomainError(
                    f"{filename}, artikel '{item['slug']}': onbekend product {', '.join(missing)}.",
                    field="producten",
                )
            organisatie_slug = item.get("organisatie") or ""
            if organisatie_slug and organisatie_slug not in organisaties:
                raise DomainError(
                    f"{filename}, artikel '{item['slug']}': onbekende organisatie "
                    f"'{organisatie_slug}' (laad eerst de organisaties: loket organisaties_laden).",
                    field="organisatie",
                )
            organisatie = organisaties.get(organisatie_slug)
            try:
                outcome = _load_article(item, products, teams, organisatie, user)
            except DomainError as exc:
                raise DomainError(
                    f"{filename}, artikel '{item['slug']}': {exc.message}",
                    field=exc.field,
                    code=exc.code,
                ) from exc
            if outcome == "created":
                created += 1
            elif outcome == "updated":
                updated += 1
            else:
                unchanged += 1
        synonyms = _load_synonyms(directory / "synoniemen.json")
    return LoadResult(created=created, updated=updated, unchanged=unchanged, synonyms=synonyms)


def _load_article(item: dict, products: dict, teams: dict, organisatie, user) -> str:
    """Create, update or leave one bundled article; returns what happened."""
    linked = [products[name] for name in item.get("producten", [])]
    content = {name: item.get(name, [] if name in LIST_FIELDS else "") for name in CONTENT_FIELDS}
    existing = Kennisartikel.objects.filter(slug=item["slug"]).first()
    if existing is None:
        artikel = artikel_create(
            review_datum=timezone.localdate() + dt.timedelta(days=365),
            slug=item["slug"],
            producten=linked,
            categorie=item.get("categorie", ""),
            eigenaar=teams.get(item.get("team", "")),
            organisatie=organisatie,
            **content,
        )
        artikel_publish(artikel=artikel, revisie=artikel.revisie, user=user)
        return "created"
    clean = _clean_content(content)
    if existing.status == ArtikelStatus.GEARCHIVEERD:
        return "unchanged"  # a redacteur archived it: loading again does not bring it back
    same = (
        all(getattr(existing, k) == v for k, v in clean.items())
        and existing.categorie == item.get("categorie", "")
        and existing.organisatie_id == (organisatie.pk if organisatie else None)
        and sorted(existing.producten.values_list("upl_naam", flat=True))
        == sorted(item.get("producten", []))
    )
    if same and existing.gepubliceerde_versie_id:
        return "unchanged"
    artikel = artikel_update(
        artikel=existing,
        revisie=existing.revisie,
        producten=linked,
        categorie=item.get("categorie", ""),
        organisatie=organisatie,
        **content,
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie, user=user)
    return "updated"


def _load_synonyms(path: Path) -> int:
    """Add the bundled citizens' words that are not in the list yet (a redacteur's edits stay)."""

    if not path.exists():
        return 0
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError(f"{path.name}: geen geldige JSON ({exc}).", field="bestand") from exc
    existing = set(Synoniem.objects.values_list("term", flat=True))
    new = []
    for index, item in enumerate(items, start=1):
        term = " ".join(str(item.get("term", "")).lower().split())
        meaning = str(item.get("betekenis", "")).strip()
        if not term or not meaning:
            raise DomainError(
                f"{path.name}, regel {index}: term of betekenis ontbreekt.", field="synoniemen"
            )
        if term not in existing:
            existing.add(term)
            new.append(Synoniem(term=term, betekenis=meaning))
    Synoniem.objects.bulk_create(new)
    if new:
        transaction.on_commit(_index_changed)
    return len(new)


# --- Redactie: archiving, preview, werkinstructies, news, feedback and synonyms -----------------

from loket.knowledge.models import (  # noqa: E402  (appended section; the top stays untouched)
    ArtikelFeedback,
    FeedbackStatus,
    Leesbevestiging,
    Nieuwsbericht,
    Werkinstructie,
)


@transaction.atomic
def artikel_archive(*, artikel: Kennisartikel, revisie: int, user=None) -> Kennisartikel:
    """Take an article out of use: status gearchiveerd and no published version, so the search
    no longer finds it. Its versions stay (contacts refer to them); publishing again revives it."""
    locked = Kennisartikel.objects.select_for_update().get(pk=artikel.pk)
    if locked.revisie != revisie:
        raise DomainError(
            "Dit artikel is intussen door iemand anders gewijzigd. Bekijk de nieuwste versie "
            "voordat u het archiveert.",
            field="revisie",
            code="conflict",
        )
    if locked.status == ArtikelStatus.GEARCHIVEERD:
        raise DomainError("Dit artikel is al gearchiveerd.", code="invalid_transition")
    locked.status = ArtikelStatus.GEARCHIVEERD
    locked.gepubliceerde_versie = None
    locked.ingediend_door = None
    locked.ingediend_op = None
    locked.revisie += 1
    locked.save(
        update_fields=[
            "status",
            "gepubliceerde_versie",
            "ingediend_door",
            "ingediend_op",
            "revisie",
            "updated_at",
        ]
    )
    transaction.on_commit(_index_changed)
    return locked


def artikel_preview(**fields) -> dict:
    """The content as it would be saved (sanitised and checked), without saving anything."""
    return _clean_content(fields)


def _clean_inhoud(inhoud: str) -> str:
    clean = sanitise_html(inhoud)
    if not clean:
        raise DomainError("Vul de inhoud in.", field="inhoud")
    return clean


def _clean_titel(titel: str) -> str:
    titel = nh3.clean(titel or "", tags=set()).strip()
    if not titel:
        raise DomainError("Vul de titel in.", field="titel")
    if len(titel) > 200:
        raise DomainError("De titel is te lang (hoogstens 200 tekens).", field="titel")
    return titel


@transaction.atomic
def werkinstructie_create(
    *,
    titel: str,
    inhoud: str,
    teams: Iterable = (),
    producten: Iterable[Product] = (),
    artikelen: Iterable[Kennisartikel] = (),
    is_actief: bool = True,
) -> Werkinstructie:
    instructie = Werkinstructie.objects.create(
        titel=_clean_titel(titel), inhoud=_clean_inhoud(inhoud), is_actief=is_actief
    )
    instructie.teams.set(teams)
    instructie.producten.set(producten)
    instructie.artikelen.set(artikelen)
    return instructie


@transaction.atomic
def werkinstructie_update(
    *,
    werkinstructie: Werkinstructie,
    titel: str,
    inhoud: str,
    teams: Iterable = (),
    producten: Iterable[Product] = (),
    artikelen: Iterable[Kennisartikel] = (),
    is_actief: bool = True,
) -> Werkinstructie:
    werkinstructie.titel = _clean_titel(titel)
    werkinstructie.inhoud = _clean_inhoud(inhoud)
    werkinstructie.is_actief = is_actief
    werkinstructie.save()
    werkinstructie.teams.set(teams)
    werkinstructie.producten.set(producten)
    werkinstructie.artikelen.set(artikelen)
    return werkinstructie


@transaction.atomic
def nieuws_create(
    *,
    titel: str,
    inhoud: str,
    auteur=None,
    is_belangrijk: bool = False,
    teams: Iterable = (),
    verloopt_op=None,
    gepubliceerd_op=None,
) -> Nieuwsbericht:
    """Staff news. No teams means everyone; a "belangrijk" item stays on top until read."""
    gepubliceerd_op = gepubliceerd_op or timezone.now()
    if verloopt_op is not None and verloopt_op <= gepubliceerd_op:
        raise DomainError(
            "'Zichtbaar tot' moet na het moment van publiceren liggen.", field="verloopt_op"
        )
    bericht = Nieuwsbericht.objects.create(
        titel=_clean_titel(titel),
        inhoud=_clean_inhoud(inhoud),
        is_belangrijk=is_belangrijk,
        gepubliceerd_op=gepubliceerd_op,
        verloopt_op=verloopt_op,
        auteur=auteur if getattr(auteur, "pk", None) else None,
    )
    bericht.teams.set(teams)
    return bericht


def nieuws_mark_read(*, bericht: Nieuwsbericht, user) -> Leesbevestiging:
    """Record that `user` read the message. Idempotent: a second click keeps the first time."""
    bevestiging, _created = Leesbevestiging.objects.get_or_create(bericht=bericht, medewerker=user)
    return bevestiging


@transaction.atomic
def feedback_create(*, artikel: Kennisartikel, soort: str, opmerking: str, user) -> ArtikelFeedback:
    """A KCM flags an answer; the feedback records the version that was read."""
    if soort not in ArtikelFeedback.Soort.values:
        raise DomainError("Kies wat er mis is met het antwoord.", field="soort")
    opmerking = (opmerking or "").strip()
    if not opmerking:
        raise DomainError("Schrijf kort wat er mis is of ontbreekt.", field="opmerking")
    if len(opmerking) > 2000:
        raise DomainError("De opmerking is te lang (hoogstens 2000 tekens).", field="opmerking")
    return ArtikelFeedback.objects.create(
        artikel=artikel,
        versie_id=artikel.gepubliceerde_versie_id,
        soort=soort,
        opmerking=opmerking,
        melder=user,
    )


# Allowed status transitions of feedback, in one place.
FEEDBACK_TRANSITIONS = {
    FeedbackStatus.OPEN: {
        FeedbackStatus.IN_BEHANDELING,
        FeedbackStatus.VERWERKT,
        FeedbackStatus.AFGEWEZEN,
    },
    FeedbackStatus.IN_BEHANDELING: {
        FeedbackStatus.OPEN,
        FeedbackStatus.VERWERKT,
        FeedbackStatus.AFGEWEZEN,
    },
    FeedbackStatus.VERWERKT: {FeedbackStatus.IN_BEHANDELING},
    FeedbackStatus.AFGEWEZEN: {FeedbackStatus.IN_BEHANDELING},
}


@transaction.atomic
def feedback_handle(
    *, feedback: ArtikelFeedback, status: str, reactie: str = "", user
) -> ArtikelFeedback:
    locked = ArtikelFeedback.objects.select_for_update().get(pk=feedback.pk)
    reactie = (reactie or "").strip()
    if status == locked.status:
        if reactie == locked.reactie:
            raise DomainError("Er is niets gewijzigd.", field="status")
    elif status not in FEEDBACK_TRANSITIONS.get(locked.status, set()):
        raise DomainError(
            f"Feedback met status '{locked.get_status_display()}' kan niet naar "
            f"'{FeedbackStatus(status).label if status in FeedbackStatus.values else status}'.",
            field="status",
            code="invalid_transition",
        )
    if status == FeedbackStatus.AFGEWEZEN and not reactie:
        raise DomainError("Leg in de reactie uit waarom de feedback is afgewezen.", field="reactie")
    locked.status = status
    locked.reactie = reactie
    locked.afgehandeld_door = user
    locked.save()
    return locked


def _normalise_term(term: str) -> str:
    return " ".join((term or "").lower().split())


@transaction.atomic
def synoniem_create(*, term: str, betekenis: str) -> Synoniem:
    """A citizen's word → what it means. The term is stored lower-case and unique; adding a
    term that exists but was switched off switches it on again with the new meaning."""
    term = _normalise_term(term)
    betekenis = " ".join((betekenis or "").split())
    if not term:
        raise DomainError("Vul het woord van de inwoner in.", field="term")
    if len(term) > 100:
        raise DomainError("Het woord is te lang (hoogstens 100 tekens).", field="term")
    if not betekenis:
        raise DomainError("Vul in wat het woord betekent.", field="betekenis")
    if len(betekenis) > 200:
        raise DomainError("De betekenis is te lang (hoogstens 200 tekens).", field="betekenis")
    if _normalise_term(betekenis) == term:
        raise DomainError("Het woord en de betekenis zijn gelijk.", field="betekenis")
    existing = Synoniem.objects.select_for_update().filter(term=term).first()
    if existing is not None:
        if existing.is_actief:
            raise DomainError(
                f"Het synoniem '{term}' bestaat al (betekent '{existing.betekenis}').",
                field="term",
            )
        existing.betekenis = betekenis
        existing.is_actief = True
        existing.save()
        synoniem = existing
    else:
        synoniem = Synoniem.objects.create(term=term, betekenis=betekenis)
    transaction.on_commit(_index_changed)
    return synoniem


@transaction.atomic
def synoniem_deactivate(*, synoniem: Synoniem) -> Synoniem:
    if not synoniem.is_actief:
        raise DomainError(f"Het synoniem '{synoniem.term}' staat al uit.", field="term")
    synoniem.is_actief = False
    synoniem.save(update_fields=["is_actief", "updated_at"])
    transaction.on_commit(_index_changed)
    return synoniem


# --- learning from use (issue 23; search/leren.py) ----------------------------------------------

# One person's repeated judgement of the same pair within this time is stored once.
KEUZE_HERHAAL = dt.timedelta(hours=12)


def zoekkeuze_register(
    *, zoekvraag: str, artikel: Kennisartikel, bron: str, wie: str, geholpen: bool = True
) -> ZoekKeuze | None:
    """Record that `artikel` helped (or did not) for the question `zoekvraag`. Returns None when
    the question is not learned from (digits, too long, no content words; see leer_sleutel) or
    when the same person judged the same pair the same way within KEUZE_HERHAAL. `wie`
    identifies the person within the source (a user id, a session key); only its hash is kept."""
    if bron not in ZoekKeuze.Bron.values:
        raise DomainError(f"Onbekende bron '{bron}'.", field="bron")
    if not (wie or "").strip():
        raise DomainError("Onbekend wie de keuze maakte.", field="wie")
    zoekvraag = " ".join((zoekvraag or "").split())
    sleutel = leren.leer_sleutel(zoekvraag)
    if not sleutel:
        return None
    now = timezone.now()
    hashed = leren.wie_hash(bron, wie)
    with transaction.atomic():
        recent = ZoekKeuze.objects.filter(
            sleutel=sleutel, artikel=artikel, wie=hashed, gekozen_op__gte=now - KEUZE_HERHAAL
        ).order_by("-gekozen_op")
        latest = recent.first()
        if latest is not None and latest.geholpen == geholpen:
            return None
        # A pair the redactie rejected stays rejected.
        afgewezen = ZoekKeuze.objects.filter(
            sleutel=sleutel, artikel=artikel, afgewezen=True
        ).exists()
        return ZoekKeuze.objects.create(
            sleutel=sleutel,
            zoekvraag=zoekvraag[:200],
            artikel=artikel,
            bron=bron,
            geholpen=geholpen,
            wie=hashed,
            gekozen_op=now,
            afgewezen=afgewezen,
        )


@transaction.atomic
def zoekkeuze_reject(*, sleutel: str, artikel: Kennisartikel) -> int:
    """The redactie stops the search learning from this pair (a wrong habit, a prank): every
    judgement of it, now and later, is left out. Returns how many judgements were set aside."""
    if not sleutel:
        raise DomainError("Kies een zoekvraag.", field="sleutel")
    return ZoekKeuze.objects.filter(sleutel=sleutel, artikel=artikel, afgewezen=False).update(
        afgewezen=True
    )


def zoekkeuzes_purge(now: dt.datetime | None = None) -> int:
    """Delete judgements past the term the search uses them (leren.TERMIJN): nothing is kept
    longer than it serves. Returns the number deleted."""
    now = now or timezone.now()
    deleted, _ = ZoekKeuze.objects.filter(gekozen_op__lt=now - leren.TERMIJN).delete()
    return deleted
