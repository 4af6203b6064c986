"""Writes for the product catalogue: importing the Uniforme Productnamenlijst (UPL)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from loket.catalogue.models import ORGANISATIE_ONBEREIKBAAR, Organisatie, Product
from loket.core.errors import DomainError

DATA_DIR = Path(__file__).resolve().parent / "data"
UPL_DEFAULT_PATH = DATA_DIR / "upl-actueel.csv"
ORGANISATIES_PATH = DATA_DIR / "organisaties.json"
PRODUCT_ORGANISATIES_PATH = DATA_DIR / "product-organisaties.json"
UPL_PLACEHOLDER = "UPL-naam nog niet beschikbaar"

NAME_COLUMN = "UniformeProductnaam"
URI_COLUMN = "URI"
SDG_COLUMN = "SDG"
GRONDSLAG_COLUMNS = ("Grondslag", "Grondslaglabel", "Grondslaglink")
# X-columns: "X" or empty. The model field each one fills (None: read and checked, not stored).
FLAG_COLUMNS: dict[str, str | None] = {
    "Rijk": "is_rijk",
    "Provincie": "is_provincie",
    "Waterschap": "is_waterschap",
    "Gemeente": "is_gemeente",
    "Burger": "doelgroep_burger",
    "Bedrijf": "doelgroep_bedrijf",
    "Dienstenwet": None,
    "Autonomie": None,
    "Medebewind": None,
    "Aanvraag": "is_aanvraag",
    "Subsidie": "is_subsidie",
    "Melding": "is_melding",
    "Verplichting": "is_verplichting",
}
UPL_COLUMNS = (NAME_COLUMN, URI_COLUMN, *FLAG_COLUMNS, SDG_COLUMN, *GRONDSLAG_COLUMNS)
# Columns that describe the product (not its legal basis): equal on every row of one product.
PRODUCT_COLUMNS = (URI_COLUMN, *FLAG_COLUMNS, SDG_COLUMN)

SDG_RE = re.compile(r"^[A-Z]\d{1,2}(;[A-Z]\d{1,2})*$")
MAX_ERRORS = 20
_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _ProductSpec:
    line: int
    values: dict[str, Any]
    cells: dict[str, str]


def _is_url(value: str) -> bool:
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return True


def _read_file(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a UPL CSV file with the line each starts on (the header is line 1)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"Het bestand '{path}' bestaat niet.", field="bestand") from None
    except OSError as exc:
        raise DomainError(
            f"Het bestand '{path}' kan niet worden gelezen: {exc.strerror}.", field="bestand"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DomainError(
            f"Regel {line}: het bestand bevat tekens die geen geldige UTF-8 zijn.",
            field="bestand",
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        fieldnames = reader.fieldnames
        if not fieldnames:
            raise DomainError("Het bestand is leeg.", field="bestand")
        _check_header(fieldnames)
        start = reader.line_num + 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DomainError(
            f"Regel {reader.line_num}: het bestand is geen geldige CSV ({exc}).", field="bestand"
        ) from None
    return rows


def _check_header(fieldnames: Iterable[str]) -> None:
    present = {name.strip() for name in fieldnames if name}
    missing = [column for column in UPL_COLUMNS if column not in present]
    if len(missing) == 1:
        raise DomainError(
            f"Regel 1: de kolom {missing[0]} ontbreekt in de kopregel.", field="bestand"
        )
    if missing:
        raise DomainError(
            f"Regel 1: de kolommen {', '.join(missing)} ontbreken in de kopregel.",
            field="bestand",
        )


def _rows_from_input(
    rows_or_path: str | Path | Iterable[Mapping[str, Any]],
) -> list[tuple[int, dict[str, Any]]]:
    if isinstance(rows_or_path, (str, Path)):
        return _read_file(Path(rows_or_path))
    rows = [dict(row) for row in rows_or_path]
    if not rows:
        raise DomainError("Het bestand is leeg.", field="bestand")
    _check_header(rows[0].keys())
    # As in a file: the header is line 1, the first product line 2.
    return [(index + 2, row) for index, row in enumerate(rows)]


def _parse(rows: list[tuple[int, dict[str, Any]]]) -> list[_ProductSpec]:
    """Validate every row and group them per product. All errors are collected, then raised."""
    errors: list[str] = []
    products: dict[str, _ProductSpec] = {}
    uri_owner: dict[str, tuple[str, int]] = {}

    def error(line: int, reason: str) -> None:
        errors.append(f"Regel {line}: {reason}")

    for line, raw in rows:
        if None in raw:
            error(line, "de regel heeft meer kolommen dan de kopregel.")
            continue
        cells = {
            (key or "").strip(): (value.strip() if isinstance(value, str) else value)
            for key, value in raw.items()
        }
        if any(cells.get(column) is None for column in UPL_COLUMNS):
            error(line, "de regel heeft minder kolommen dan de kopregel.")
            continue
        naam = cells[NAME_COLUMN]
        if not naam:
            error(line, f"de kolom {NAME_COLUMN} is leeg.")
            continue
        if naam == UPL_PLACEHOLDER:
            continue
        row_errors = len(errors)
        if len(naam) > Product._meta.get_field("upl_naam").max_length:
            error(line, f"de kolom {NAME_COLUMN} is langer dan 255 tekens.")
        uri = cells[URI_COLUMN]
        if not uri:
            error(line, f"de kolom {URI_COLUMN} is leeg.")
        elif not _is_url(uri) or len(uri) > Product._meta.get_field("upl_uri").max_length:
            error(line, f"de kolom {URI_COLUMN} bevat geen geldige URL.")
        for column in FLAG_COLUMNS:
            if cells[column] not in ("", "X"):
                error(line, f"de kolom {column} bevat '{cells[column]}'; verwacht is 'X' of leeg.")
        sdg = cells[SDG_COLUMN]
        if sdg and (
            not SDG_RE.match(sdg) or len(sdg) > Product._meta.get_field("sdg_code").max_length
        ):
            error(line, f"de kolom {SDG_COLUMN} bevat geen geldige SDG-code ('{sdg}').")
        grondslag_uri, label, link = (cells[column] for column in GRONDSLAG_COLUMNS)
        if grondslag_uri and not _is_url(grondslag_uri):
            error(line, "de kolom Grondslag bevat geen geldige URL.")
        if link and not _is_url(link):
            error(line, "de kolom Grondslaglink bevat geen geldige URL.")
        if len(errors) > row_errors:
            continue

        spec = products.get(naam)
        if spec is None:
            owner = uri_owner.get(uri)
            if owner is not None:
                error(line, f"de URI {uri} hoort ook bij '{owner[0]}' (regel {owner[1]}).")
                continue
            uri_owner[uri] = (naam, line)
            values: dict[str, Any] = {
                "upl_naam": naam,
                "upl_uri": uri,
                "sdg_code": sdg,
                "grondslagen": [],
            }
            for column, field in FLAG_COLUMNS.items():
                if field:
                    values[field] = cells[column] == "X"
            spec = products[naam] = _ProductSpec(line=line, values=values, cells=cells)
        else:
            differing = [c for c in PRODUCT_COLUMNS if cells[c] != spec.cells[c]]
            if differing:
                error(
                    line,
                    f"de kolom {differing[0]} wijkt af van regel {spec.line} "
                    f"voor hetzelfde product '{naam}'.",
                )
                continue
        if grondslag_uri or label or link:
            grondslag = {"label": label, "uri": grondslag_uri, "link": link}
            if grondslag not in spec.values["grondslagen"]:
                spec.values["grondslagen"].append(grondslag)

    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(f"… en nog {len(errors) - MAX_ERRORS} fouten.")
        raise DomainError("\n".join(shown), field="bestand", errors={"bestand": shown})
    if not products:
        raise DomainError("Het bestand bevat geen producten.", field="bestand")
    return list(products.values())


IMPORTED_FIELDS = (
    "upl_naam",
    "upl_uri",
    *(field for field in FLAG_COLUMNS.values() if field),
    "sdg_code",
    "grondslagen",
)


@transaction.atomic
def upl_import(*, rows_or_path: str | Path | Iterable[Mapping[str, Any]]) -> ImportResult:
    """Create or update a product per UPL name; a malformed file is refused as a whole.

    Every row is checked before anything is written, and all writes happen in one transaction,
    so an import either succeeds completely or leaves the catalogue as it was. Products are
    matched on their URI, else on their name; municipal enrichment (titel, teksten, actief) and
    products no longer in the list are left alone. A second run of the same file changes nothing.
    """
    specs = _parse(_rows_from_input(rows_or_path))
    existing = list(Product.objects.select_for_update())
    by_uri = {product.upl_uri: product for product in existing}
    by_name = {product.upl_naam: product for product in existing}

    to_create: list[Product] = []
    to_update: list[Product] = []
    unchanged = 0
    for spec in specs:
        values = spec.values
        product = by_uri.get(values["upl_uri"]) or by_name.get(values["upl_naam"])
        if product is None:
            to_create.append(Product(**values))
            continue
        for field, taken_by in (("upl_naam", by_name), ("upl_uri", by_uri)):
            other = taken_by.get(values[field])
            if other is not None and other.pk != product.pk:
                raise DomainError(
                    f"Regel {spec.line}: '{values['upl_naam']}' botst met het bestaande product "
                    f"'{other.upl_naam}' (zelfde {'naam' if field == 'upl_naam' else 'URI'}).",
                    field="bestand",
                )
        changed = [field for field in IMPORTED_FIELDS if getattr(product, field) != values[field]]
        if not changed:
            unchanged += 1
            continue
        for field in changed:
            setattr(product, field, values[field])
        to_update.append(product)

    for product in to_update:
        product.save(update_fields=[*IMPORTED_FIELDS, "updated_at"])
    Product.objects.bulk_create(to_create, batch_size=500)
    return ImportResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)


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
    if len(naam) > Organisatie._meta.get_field("naam").max_length:
        raise DomainError("De naam is te lang (hoogstens 200 tekens).", field="naam")
    website = str(fields.get("website") or "").strip()
    if website and (
        not _is_url(website) or len(website) > Organisatie._meta.get_field("website").max_length
    ):
        raise DomainError(f"De website '{website}' is geen geldige URL.", field="website")
    values: dict[str, Any] = {"naam": naam, "website": website}
    for name in ("regelt", "telefoon", "openingstijden"):
        value = (
            " ".join(str(fields.get(name) or "").split())
            if name != "regelt"
            else str(fields.get(name) or "").strip()
        )
        max_length = Organisatie._meta.get_field(name).max_length
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
        if not SLUG_RE.match(slug) or len(slug) > Organisatie._meta.get_field("slug").max_length:
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
