"""Writes for the knowledge base: create, edit and publish articles; load the bundled content."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nh3
from django.db import transaction
from django.utils import timezone

from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import ArtikelVersie, Kennisartikel

CONTENT_DIR = Path(__file__).resolve().parent / "content"
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


def sanitise_html(html: str) -> str:
    """Only a small set of tags survives; scripts, styles and event handlers are removed."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes={"a": {"href"}}).strip()


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
    **content,
) -> Kennisartikel:
    if Kennisartikel.objects.filter(slug=slug).exists():
        raise DomainError(f"Er bestaat al een artikel met de code '{slug}'.", field="slug")
    clean = _clean_content({"vraag": vraag, "antwoord": antwoord, **content})
    artikel = Kennisartikel.objects.create(
        slug=slug, categorie=categorie, eigenaar=eigenaar, review_datum=review_datum, **clean
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
    for name in ("categorie", "eigenaar", "review_datum"):
        if name in fields:
            setattr(locked, name, fields[name])
    locked.revisie += 1
    locked.save()
    if producten is not None:
        locked.producten.set(producten)
    return locked


@transaction.atomic
def artikel_publish(*, artikel: Kennisartikel, revisie: int, user=None) -> ArtikelVersie:
    """Freeze the working copy as a new immutable version. Two redacteuren publishing the same
    revision at once: the first wins, the second gets a conflict message."""
    locked = Kennisartikel.objects.select_for_update().get(pk=artikel.pk)
    if locked.revisie != revisie:
        raise DomainError(
            "Dit artikel is intussen door iemand anders gewijzigd of gepubliceerd. Bekijk de "
            "nieuwste versie voordat u publiceert.",
            field="revisie",
            code="conflict",
        )
    last = locked.versies.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    versie = ArtikelVersie.objects.create(
        artikel=locked,
        nummer=last + 1,
        product_upl_namen=sorted(locked.producten.values_list("upl_naam", flat=True)),
        gepubliceerd_op=timezone.now(),
        gepubliceerd_door=user if getattr(user, "pk", None) else None,
        **{name: getattr(locked, name) for name in CONTENT_FIELDS},
    )
    locked.gepubliceerde_versie = versie
    locked.status = ArtikelStatus.GEPUBLICEERD
    locked.revisie += 1
    locked.save(update_fields=["gepubliceerde_versie", "status", "revisie", "updated_at"])
    transaction.on_commit(_index_changed)
    return versie


def _index_changed() -> None:
    from loket.knowledge.search.engine import invalidate

    invalidate()


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


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
        if path.name == "upl-synoniemen.json":
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
    from loket.accounts.models import Team

    teams = {t.slug: t for t in Team.objects.all()}
    created = updated = unchanged = 0
    with transaction.atomic():
        for filename, item in articles:
            missing = [name for name in item.get("producten", []) if name not in products]
            if missing:
                raise DomainError(
                    f"{filename}, artikel '{item['slug']}': onbekend product {', '.join(missing)}.",
                    field="producten",
                )
            linked = [products[name] for name in item.get("producten", [])]
            content = {
                name: item.get(name, [] if name in LIST_FIELDS else "") for name in CONTENT_FIELDS
            }
            existing = Kennisartikel.objects.filter(slug=item["slug"]).first()
            if existing is None:
                artikel = artikel_create(
                    slug=item["slug"],
                    producten=linked,
                    categorie=item.get("categorie", ""),
                    eigenaar=teams.get(item.get("team", "")),
                    **content,
                )
                artikel_publish(artikel=artikel, revisie=artikel.revisie, user=user)
                created += 1
                continue
            clean = _clean_content(content)
            same = all(getattr(existing, k) == v for k, v in clean.items()) and sorted(
                existing.producten.values_list("upl_naam", flat=True)
            ) == sorted(item.get("producten", []))
            if same and existing.gepubliceerde_versie_id:
                unchanged += 1
                continue
            artikel = artikel_update(
                artikel=existing,
                revisie=existing.revisie,
                producten=linked,
                categorie=item.get("categorie", ""),
                **content,
            )
            artikel_publish(artikel=artikel, revisie=artikel.revisie, user=user)
            updated += 1
    return LoadResult(created=created, updated=updated, unchanged=unchanged)
