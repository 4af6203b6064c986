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
from django.db.models import Field, Q

from loket.catalogue.models import (
    ORGANISATIE_ONBEREIKBAAR,
    Complexiteit,
    Dienstverleningsformule,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Organisatie,
    Product,
    product_slug,
)
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


# --- Dienstverleningsformules, product enrichment and life events --------------------------------

ENRICHMENT_PATH = DATA_DIR / "zeventerpen-producten.json"
# Every product has a formula: municipal products the file does not enrich are handled by the
# back office (Vlot); products of other bodies are referrals, answered at first contact (Direct).
DEFAULT_FORMULE_GEMEENTE = "vlot"
DEFAULT_FORMULE_VERWIJZING = "direct"
FLITS = "flits"
FORMULE_FIELDS = (
    "naam",
    "belofte",
    "omschrijving",
    "altijd_beschikbaar",
    "zonder_medewerker",
    "bij_eerste_contact",
    "max_afhandeltijd_minuten",
    "max_afhandeltijd_werkdagen",
    "eerste_reactie_werkdagen",
    "max_wachttijd_balie_minuten",
    "volgorde",
)
ENRICHED_TEXT_FIELDS = ("titel", "samenvatting", "voorwaarden", "kosten", "benodigdheden")
ENRICHED_OTHER_FIELDS = (
    "wettelijke_termijn_werkdagen",
    "servicenorm_werkdagen",
    "complexiteit",
    "snelheid",
)
CHANNEL_FIELDS = ("kanaal_click", "kanaal_call", "kanaal_face", "voorkeurskanaal", "kanaaladvies")
KANAAL_NAMEN = {"click": "online", "call": "telefonisch", "face": "aan de balie"}


@dataclass(frozen=True)
class VerrijkResult:
    formules: ImportResult
    producten_verrijkt: int
    producten_ongewijzigd: int
    standaardformule: dict[str, int]
    levensgebeurtenissen: ImportResult
    koppelingen: int

    def as_counts(self) -> dict[str, int]:
        return {
            "formules": self.formules.total,
            "producten_verrijkt": self.producten_verrijkt,
            "standaardformule_vlot": self.standaardformule.get(DEFAULT_FORMULE_GEMEENTE, 0),
            "standaardformule_direct": self.standaardformule.get(DEFAULT_FORMULE_VERWIJZING, 0),
            "levensgebeurtenissen": self.levensgebeurtenissen.total,
        }


def product_kanalen_check(
    *,
    kanaal_click: bool,
    kanaal_call: bool,
    kanaal_face: bool,
    voorkeurskanaal: str,
    formule: Dienstverleningsformule | None,
) -> None:
    """The channel strategy of a product must be consistent: the preferred channel is offered,
    and a product on a fully automatic, always-open formula (Flits) can be arranged online."""
    offered = {"click": kanaal_click, "call": kanaal_call, "face": kanaal_face}
    if not any(offered.values()):
        raise DomainError(
            "Kies minstens één kanaal waarlangs de inwoner dit product kan regelen.",
            field="kanaal_click",
        )
    if voorkeurskanaal and voorkeurskanaal not in offered:
        raise DomainError(
            f"Onbekend voorkeurskanaal '{voorkeurskanaal}'; kies click, call of face.",
            field="voorkeurskanaal",
        )
    if voorkeurskanaal and not offered[voorkeurskanaal]:
        raise DomainError(
            f"Het voorkeurskanaal ({KANAAL_NAMEN[voorkeurskanaal]}) wordt niet aangeboden; "
            "zet dat kanaal aan of kies een ander voorkeurskanaal.",
            field="voorkeurskanaal",
        )
    if formule is not None and formule.zonder_medewerker:
        if not kanaal_click:
            raise DomainError(
                f"De formule {formule.naam} is volledig automatisch: het product moet online "
                "aan te vragen zijn.",
                field="kanaal_click",
            )
        if voorkeurskanaal and voorkeurskanaal != "click":
            raise DomainError(
                f"Bij de formule {formule.naam} is online (click) het voorkeurskanaal.",
                field="voorkeurskanaal",
            )


def formule_check(*, values: Mapping[str, Any]) -> None:
    """A formula's guarantees must be measurable and consistent."""
    if not str(values.get("naam") or "").strip():
        raise DomainError("Vul de naam van de formule in.", field="naam")
    if not str(values.get("belofte") or "").strip():
        raise DomainError("Vul de belofte aan de inwoner in.", field="belofte")
    if values.get("zonder_medewerker") and not values.get("max_afhandeltijd_minuten"):
        raise DomainError(
            "Een volledig automatische formule belooft een maximale afhandeltijd in minuten.",
            field="max_afhandeltijd_minuten",
        )
    if values.get("max_afhandeltijd_minuten") and values.get("max_afhandeltijd_werkdagen"):
        raise DomainError(
            "Kies één maximale afhandeltijd: in minuten of in werkdagen.",
            field="max_afhandeltijd_werkdagen",
        )
    wachttijd = values.get("max_wachttijd_balie_minuten")
    if wachttijd is not None and not 1 <= int(wachttijd) <= 240:
        raise DomainError(
            "De wachttijd aan de balie ligt tussen 1 en 240 minuten.",
            field="max_wachttijd_balie_minuten",
        )


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(item).strip() for item in value if str(item).strip())
    return str(value or "").strip()


def _optional_int(value: Any, *, where: str, name: str, errors: list[str]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.append(f"{where}: {name} moet een heel getal van 0 of meer zijn.")
        return None
    return value


def _parse_formules(items: Any, errors: list[str]) -> dict[str, dict[str, Any]]:
    specs: dict[str, dict[str, Any]] = {}
    if not isinstance(items, list):
        errors.append("formules: verwacht een lijst.")
        return specs
    for index, item in enumerate(items, start=1):
        code = str(item.get("code") or "") if isinstance(item, dict) else ""
        where = f"formule {index} ('{code}')" if code else f"formule {index}"
        if not isinstance(item, dict) or not SLUG_RE.match(code):
            errors.append(f"{where}: de code ontbreekt of is ongeldig.")
            continue
        values = {name: item.get(name) for name in FORMULE_FIELDS if name in item}
        for name in (
            "max_afhandeltijd_minuten",
            "max_afhandeltijd_werkdagen",
            "eerste_reactie_werkdagen",
        ):
            values[name] = _optional_int(values.get(name), where=where, name=name, errors=errors)
        values.setdefault("max_wachttijd_balie_minuten", 15)
        values.setdefault("volgorde", index)
        values["omschrijving"] = _as_text(values.get("omschrijving"))
        for name in ("altijd_beschikbaar", "zonder_medewerker", "bij_eerste_contact"):
            values[name] = bool(values.get(name, False))
        try:
            formule_check(values=values)
        except DomainError as exc:
            errors.append(f"{where}: {exc.message}")
            continue
        specs[code] = values
    return specs


@transaction.atomic
def catalogus_verrijken(
    *, path: str | Path = ENRICHMENT_PATH, overschrijven: bool = False
) -> VerrijkResult:
    """Load the service formulas, enrich the products and load the life events from one file.

    The whole file is checked first; one broken entry refuses it (naming the entry), so the
    catalogue is enriched completely or left as it was. By default only what is still empty is
    filled in, so what a redacteur changed in beheer is kept; `overschrijven` makes the file win.
    Afterwards every product without a formula gets the default one (Vlot for the
    municipality's own products, Direct for referrals), so every product has a formula."""
    path = Path(path)
    data = _read_json(path, expected=dict)
    errors: list[str] = []
    formule_specs = _parse_formules(data.get("formules", []), errors)
    known_formules = {f.code: f for f in Dienstverleningsformule.objects.all()}
    formule_codes = set(known_formules) | set(formule_specs)
    products = {p.upl_naam: p for p in Product.objects.select_for_update()}

    product_specs: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(data.get("producten", []), start=1):
        naam = str(item.get("upl") or "") if isinstance(item, dict) else ""
        where = f"product {index} ('{naam}')"
        if naam not in products:
            errors.append(f"{where}: onbekend product (geen UPL-naam in de catalogus).")
            continue
        if naam in product_specs:
            errors.append(f"{where}: het product komt twee keer voor.")
            continue
        kanalen = item.get("kanalen") or []
        unknown = [k for k in kanalen if k not in KANAAL_NAMEN]
        if unknown:
            errors.append(f"{where}: onbekend kanaal '{unknown[0]}'; kies click, call of face.")
            continue
        formule_code = item.get("formule") or ""
        if formule_code not in formule_codes:
            errors.append(f"{where}: onbekende formule '{formule_code}'.")
            continue
        complexiteit = item.get("complexiteit") or ""
        if complexiteit and complexiteit not in Complexiteit.values:
            errors.append(
                f"{where}: onbekende complexiteit '{complexiteit}'; kies eenvoudig, standaard of "
                "complex."
            )
            continue
        spec: dict[str, Any] = {name: _as_text(item.get(name)) for name in ENRICHED_TEXT_FIELDS}
        spec["kosten"] = _as_text(item.get("kosten"))
        spec["complexiteit"] = complexiteit
        spec["snelheid"] = _as_text(item.get("snelheid"))
        for name in ("wettelijke_termijn_werkdagen", "servicenorm_werkdagen"):
            spec[name] = _optional_int(item.get(name), where=where, name=name, errors=errors)
        spec["kanaal_click"] = "click" in kanalen
        spec["kanaal_call"] = "call" in kanalen
        spec["kanaal_face"] = "face" in kanalen
        spec["voorkeurskanaal"] = item.get("voorkeurskanaal") or ""
        spec["kanaaladvies"] = _as_text(item.get("kanaaladvies"))
        for name, max_length in (("titel", 255), ("kanaaladvies", 255), ("snelheid", 100)):
            if len(spec[name]) > max_length:
                errors.append(f"{where}: {name} is langer dan {max_length} tekens.")
        formule_values = formule_specs.get(formule_code)
        formule: Dienstverleningsformule | None = (
            Dienstverleningsformule(code=formule_code, **formule_values)
            if formule_values
            else known_formules[formule_code]
        )
        try:
            product_kanalen_check(
                kanaal_click=spec["kanaal_click"],
                kanaal_call=spec["kanaal_call"],
                kanaal_face=spec["kanaal_face"],
                voorkeurskanaal=spec["voorkeurskanaal"],
                formule=formule,
            )
        except DomainError as exc:
            errors.append(f"{where}: {exc.message}")
            continue
        spec["formule"] = formule_code
        product_specs[naam] = spec

    event_specs: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(data.get("levensgebeurtenissen", []), start=1):
        slug = str(item.get("slug") or "") if isinstance(item, dict) else ""
        where = f"levensgebeurtenis {index} ('{slug}')"
        if not SLUG_RE.match(slug):
            errors.append(f"{where}: de code (slug) ontbreekt of is ongeldig.")
            continue
        if not str(item.get("naam") or "").strip():
            errors.append(f"{where}: de naam ontbreekt.")
            continue
        links: list[tuple[str, str]] = []
        for entry in item.get("producten", []):
            naam, toelichting = [*entry, ""][:2] if isinstance(entry, list) else (entry, "")
            if naam not in products:
                errors.append(f"{where}: onbekend product '{naam}'.")
            elif naam in {n for n, _ in links}:
                errors.append(f"{where}: het product '{naam}' staat er twee keer in.")
            else:
                links.append((naam, str(toelichting)))
        event_specs[slug] = {
            "naam": str(item["naam"]).strip(),
            "samenvatting": _as_text(item.get("samenvatting")),
            "links": links,
            "volgorde": index,
        }
    _refuse(errors)

    # Formulas.
    created = updated = unchanged = 0
    for code, values in formule_specs.items():
        formule = known_formules.get(code)
        if formule is None:
            known_formules[code] = Dienstverleningsformule.objects.create(code=code, **values)
            created += 1
            continue
        changed = [n for n, v in values.items() if getattr(formule, n) != v]
        if not changed or not overschrijven:
            unchanged += 1
            continue
        for name in changed:
            setattr(formule, name, values[name])
        formule.save(update_fields=[*changed, "updated_at"])
        updated += 1
    formules_result = ImportResult(created=created, updated=updated, unchanged=unchanged)

    # Products.
    verrijkt = ongewijzigd = 0
    for naam, spec in product_specs.items():
        product = products[naam]
        changed = []

        def put(
            name: str, value: Any, *, product: Product = product, changed: list[str] = changed
        ) -> None:
            if getattr(product, name) != value:
                setattr(product, name, value)
                changed.append(name)

        for name in (*ENRICHED_TEXT_FIELDS, *ENRICHED_OTHER_FIELDS):
            if overschrijven or getattr(product, name) in ("", None):
                put(name, spec[name])
        # The channel strategy is one block: filled when no preferred channel is set yet.
        if overschrijven or not product.voorkeurskanaal:
            for name in CHANNEL_FIELDS:
                put(name, spec[name])
        if overschrijven or product.dienstverleningsformule_id is None:
            formule = known_formules[spec["formule"]]
            if product.dienstverleningsformule_id != formule.pk:
                product.dienstverleningsformule = formule
                changed.append("dienstverleningsformule")
        if changed:
            product.save(update_fields=[*changed, "updated_at"])
            verrijkt += 1
        else:
            ongewijzigd += 1

    # Every product has a formula.
    standaard: dict[str, int] = {}
    for code, condition in (
        (DEFAULT_FORMULE_GEMEENTE, Q(is_gemeente=True)),
        (DEFAULT_FORMULE_VERWIJZING, Q(is_gemeente=False)),
    ):
        formule = known_formules.get(code)
        if formule is not None:
            standaard[code] = Product.objects.filter(
                condition, dienstverleningsformule__isnull=True
            ).update(dienstverleningsformule=formule)

    # Life events.
    created = updated = unchanged = koppelingen = 0
    existing_events = {e.slug: e for e in Levensgebeurtenis.objects.all()}
    for slug, spec in event_specs.items():
        event = existing_events.get(slug)
        if event is None:
            event = Levensgebeurtenis.objects.create(
                slug=slug,
                naam=spec["naam"],
                samenvatting=spec["samenvatting"],
                volgorde=spec["volgorde"],
            )
            created += 1
        elif overschrijven:
            event.naam, event.samenvatting = spec["naam"], spec["samenvatting"]
            event.volgorde = spec["volgorde"]
            event.save()
            event.levensgebeurtenisproduct_set.all().delete()
            updated += 1
        else:
            unchanged += 1
        present = set(
            event.levensgebeurtenisproduct_set.values_list("product__upl_naam", flat=True)
        )
        start = len(present)
        new_links = [
            LevensgebeurtenisProduct(
                levensgebeurtenis=event,
                product=products[naam],
                volgorde=start + position,
                toelichting=toelichting[:255],
            )
            for position, (naam, toelichting) in enumerate(spec["links"], start=1)
            if naam not in present
        ]
        LevensgebeurtenisProduct.objects.bulk_create(new_links)
        koppelingen += len(new_links)
    return VerrijkResult(
        formules=formules_result,
        producten_verrijkt=verrijkt,
        producten_ongewijzigd=ongewijzigd,
        standaardformule=standaard,
        levensgebeurtenissen=ImportResult(created=created, updated=updated, unchanged=unchanged),
        koppelingen=koppelingen,
    )
