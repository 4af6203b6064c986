"""The UPL import: the national list of uniform product names with their flags."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from loket.catalogue.models import (
    Product,
    product_slug,
)
from loket.core.errors import DomainError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
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
        if len(naam) > (Product._meta.get_field("upl_naam").max_length or 255):
            error(line, f"de kolom {NAME_COLUMN} is langer dan 255 tekens.")
        uri = cells[URI_COLUMN]
        if not uri:
            error(line, f"de kolom {URI_COLUMN} is leeg.")
        elif not _is_url(uri) or len(uri) > (Product._meta.get_field("upl_uri").max_length or 300):
            error(line, f"de kolom {URI_COLUMN} bevat geen geldige URL.")
        for column in FLAG_COLUMNS:
            if cells[column] not in ("", "X"):
                error(line, f"de kolom {column} bevat '{cells[column]}'; verwacht is 'X' of leeg.")
        sdg = cells[SDG_COLUMN]
        if sdg and (
            not SDG_RE.match(sdg)
            or len(sdg) > (Product._meta.get_field("sdg_code").max_length or 40)
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
            to_create.append(Product(**values, slug=product_slug(values["upl_naam"])))
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
