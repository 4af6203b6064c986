"""Dienstverleningsformules, product enrichment (texts, channels) and life events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from loket.catalogue.models import (
    Complexiteit,
    Dienstverleningsformule,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Product,
)
from loket.catalogue.services.organisaties import SLUG_RE, _read_json, _refuse
from loket.catalogue.services.upl import DATA_DIR, ImportResult
from loket.core.errors import DomainError

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
    "doel_procent",
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
    doel = values.get("doel_procent")
    if doel is not None and not 1 <= int(doel) <= 100:
        raise DomainError("Het doel ligt tussen 1 en 100 procent.", field="doel_procent")
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
            "doel_procent",
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
def catalogus_enrich(
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
