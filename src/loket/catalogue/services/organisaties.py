"""Organisaties: the other government bodies a citizen is referred to."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Field

from loket.catalogue.models import (
    ORGANISATIE_ONBEREIKBAAR,
    Organisatie,
    Product,
)
from loket.catalogue.services.upl import (
    MAX_ERRORS,
    ORGANISATIES_PATH,
    PRODUCT_ORGANISATIES_PATH,
    ImportResult,
    _is_url,
)
from loket.core.errors import DomainError

# --- Organisaties: the other government bodies a citizen is referred to --------------------------

ORGANISATIE_FIELDS = (
    "naam",
    "regelt",
    "website",
    "telefoon",
    "openingstijden",
    "doorverbinden",
    "is_demo",
)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def organisatie_check(*, website: str, telefoon: str, is_actief: bool = True) -> None:
    """An active (published) organisation must be reachable: a website or a phone number."""
    if is_actief and not (website or "").strip() and not (telefoon or "").strip():
        raise DomainError(ORGANISATIE_ONBEREIKBAAR, field="website")


def _organisatie_values(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Checked and cleaned fields of an organisation; the first broken rule is raised."""
    naam = " ".join(str(fields.get("naam") or "").split())
    if not naam:
        raise DomainError("Vul de naam van de organisatie in.", field="naam")
    if len(naam) > (Organisatie._meta.get_field("naam").max_length or 200):
        raise DomainError("De naam is te lang (hoogstens 200 tekens).", field="naam")
    website = str(fields.get("website") or "").strip()
    if website and (
        not _is_url(website)
        or len(website) > (Organisatie._meta.get_field("website").max_length or 300)
    ):
        raise DomainError(f"De website '{website}' is geen geldige URL.", field="website")
    values: dict[str, Any] = {"naam": naam, "website": website}
    for name in ("regelt", "telefoon", "openingstijden"):
        value = (
            " ".join(str(fields.get(name) or "").split())
            if name != "regelt"
            else str(fields.get(name) or "").strip()
        )
        model_field = Organisatie._meta.get_field(name)
        max_length = model_field.max_length if isinstance(model_field, Field) else None
        if max_length and len(value) > max_length:
            raise DomainError(
                f"Het veld {name} is te lang (hoogstens {max_length} tekens).", field=name
            )
        values[name] = value
    for name in ("doorverbinden", "is_demo"):
        value = fields.get(name, False)
        if not isinstance(value, bool):
            raise DomainError(f"Het veld {name} moet true of false zijn.", field=name)
        values[name] = value
    organisatie_check(
        website=values["website"],
        telefoon=values["telefoon"],
        is_actief=fields.get("is_actief", True),
    )
    return values


@transaction.atomic
def organisatie_create(*, slug: str, is_actief: bool = True, **fields: Any) -> Organisatie:
    if not SLUG_RE.match(slug or ""):
        raise DomainError("De code bestaat uit kleine letters, cijfers en streepjes.", field="slug")
    if Organisatie.objects.filter(slug=slug).exists():
        raise DomainError(f"Er bestaat al een organisatie met de code '{slug}'.", field="slug")
    values = _organisatie_values({**fields, "is_actief": is_actief})
    return Organisatie.objects.create(slug=slug, is_actief=is_actief, **values)


@transaction.atomic
def organisatie_update(*, organisatie: Organisatie, **fields: Any) -> Organisatie:
    """Change an organisation; switching it on (is_actief) needs a way to reach it."""
    current = {name: getattr(organisatie, name) for name in (*ORGANISATIE_FIELDS, "is_actief")}
    values = _organisatie_values({**current, **fields})
    for name, value in values.items():
        setattr(organisatie, name, value)
    organisatie.is_actief = fields.get("is_actief", organisatie.is_actief)
    organisatie.save()
    return organisatie


def _read_json(path: Path, *, expected: type) -> Any:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DomainError(f"Het bestand '{path}' bestaat niet.", field="bestand") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError(
            f"{Path(path).name}: geen geldige JSON ({exc}).", field="bestand"
        ) from None
    if not isinstance(data, expected):
        soort = "een lijst" if expected is list else "een object"
        raise DomainError(f"{Path(path).name}: het bestand moet {soort} zijn.", field="bestand")
    return data


def _refuse(errors: list[str]) -> None:
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(f"… en nog {len(errors) - MAX_ERRORS} fouten.")
        raise DomainError("\n".join(shown), field="bestand", errors={"bestand": shown})


@transaction.atomic
def organisatie_load(*, path: str | Path = ORGANISATIES_PATH) -> ImportResult:
    """Create or update the organisations of organisaties.json, matched on their slug.

    Every entry is checked first; one broken entry refuses the file as a whole (naming the
    entry), so the list is either loaded completely or left as it was. Running the same file
    again changes nothing; organisations not in the file and `is_actief` are left alone."""
    path = Path(path)
    items = _read_json(path, expected=list)
    errors: list[str] = []
    specs: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(f"{path.name}, organisatie {index}: geen object.")
            continue
        slug = str(item.get("slug") or "")
        where = (
            f"{path.name}, organisatie {index} ('{slug}')"
            if slug
            else (f"{path.name}, organisatie {index}")
        )
        if not SLUG_RE.match(slug) or len(slug) > (
            Organisatie._meta.get_field("slug").max_length or 60
        ):
            errors.append(f"{where}: de code (slug) ontbreekt of is ongeldig.")
            continue
        if slug in specs:
            errors.append(f"{where}: de code komt twee keer voor.")
            continue
        try:
            specs[slug] = _organisatie_values(item)
        except DomainError as exc:
            errors.append(f"{where}: {exc.message}")
    _refuse(errors)
    if not specs:
        raise DomainError(f"{path.name}: het bestand bevat geen organisaties.", field="bestand")
    existing = {o.slug: o for o in Organisatie.objects.select_for_update()}
    created = updated = unchanged = 0
    for slug, values in specs.items():
        organisatie = existing.get(slug)
        if organisatie is None:
            Organisatie.objects.create(slug=slug, **values)
            created += 1
            continue
        changed = [name for name, value in values.items() if getattr(organisatie, name) != value]
        if not changed:
            unchanged += 1
            continue
        for name in changed:
            setattr(organisatie, name, values[name])
        organisatie.save(update_fields=[*changed, "updated_at"])
        updated += 1
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


@transaction.atomic
def product_organisaties_load(*, path: str | Path = PRODUCT_ORGANISATIES_PATH) -> ImportResult:
    """Link products to the organisation that handles them ({"<UPL-naam>": "<slug>"}).

    An unknown product or organisation refuses the file as a whole, naming the entry. `created`
    counts newly linked products, `updated` re-linked ones. Products not in the file keep theirs."""
    path = Path(path)
    mapping = _read_json(path, expected=dict)
    products = {p.upl_naam: p for p in Product.objects.select_for_update()}
    organisaties = {o.slug: o for o in Organisatie.objects.all()}
    errors: list[str] = []
    for naam, slug in mapping.items():
        if naam not in products:
            errors.append(f"{path.name}, '{naam}': onbekend product (geen UPL-naam).")
        elif not isinstance(slug, str) or slug not in organisaties:
            errors.append(f"{path.name}, '{naam}': onbekende organisatie '{slug}'.")
    _refuse(errors)
    created = updated = unchanged = 0
    for naam, slug in mapping.items():
        product, organisatie = products[naam], organisaties[slug]
        if product.organisatie_id == organisatie.pk:
            unchanged += 1
            continue
        if product.organisatie_id is None:
            created += 1
        else:
            updated += 1
        product.organisatie = organisatie
        product.save(update_fields=["organisatie", "updated_at"])
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


def organisaties_bundled_load() -> tuple[ImportResult | None, ImportResult | None]:
    """Load the bundled organisations and product links when their files exist (demo, tests)."""
    organisaties = koppelingen = None
    if ORGANISATIES_PATH.exists():
        organisaties = organisatie_load(path=ORGANISATIES_PATH)
        if PRODUCT_ORGANISATIES_PATH.exists():
            koppelingen = product_organisaties_load(path=PRODUCT_ORGANISATIES_PATH)
    return organisaties, koppelingen
