"""Proactive rules: validate and store a rule, load the standard rules."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q

from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.proactive.models import (
    DocumentSoort,
    Gebeurtenis,
    Regel,
    RegelKanaal,
    Trigger,
)
from loket.proactive.standaardregels import STANDAARDREGELS

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from loket.cases.models import Zaaktype


# --- rules -----------------------------------------------------------------------------------


def _clean_regel(
    *,
    naam: str,
    trigger: str,
    producten: Sequence[Product | int | str],
    onderwerp: str,
    tekst: str,
    weken_vooraf: int,
    document_soort: str,
    gebeurtenis: str,
    zaaktype: Zaaktype | None,
    statusvolgnummer: int | None,
    leeftijd_min: int | None,
    leeftijd_max: int | None,
    kanaal: str,
    vertraging_dagen: int,
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}

    def fout(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    naam = (naam or "").strip()
    if not naam:
        fout("naam", "Geef de regel een naam.")
    if trigger not in Trigger.values:
        fout(
            "trigger",
            "Kies de aanleiding: een document dat verloopt, een levensgebeurtenis of "
            "de status van een zaak.",
        )
    try:
        weken = int(weken_vooraf or 0)
    except (TypeError, ValueError):
        weken = -1
    if weken < 0:
        fout("weken_vooraf", "Het aantal weken vooraf kan niet negatief zijn.")
    try:
        vertraging = int(vertraging_dagen or 0)
    except (TypeError, ValueError):
        vertraging = -1
    if vertraging < 0:
        fout("vertraging_dagen", "Het aantal dagen kan niet negatief zijn.")
    if trigger == Trigger.DOCUMENT and document_soort not in DocumentSoort.values:
        fout("document_soort", "Kies het document dat verloopt.")
    if trigger == Trigger.LEVENSGEBEURTENIS and gebeurtenis not in Gebeurtenis.values:
        fout("gebeurtenis", "Kies de levensgebeurtenis.")
    if trigger == Trigger.ZAAKSTATUS and zaaktype is None:
        fout("zaaktype", "Kies het zaaktype waarvan de status de aanleiding is.")
    if kanaal not in RegelKanaal.values:
        fout("kanaal", "Kies een kanaal.")
    if leeftijd_min is not None and leeftijd_max is not None and leeftijd_min > leeftijd_max:
        fout("leeftijd_max", "De hoogste leeftijd ligt onder de laagste.")
    # Products may be given as Product objects, pks or UPL names; an unknown one is refused.
    resolved: list[Product] = []
    for item in producten or []:
        if isinstance(item, Product):
            resolved.append(item)
            continue
        query = Q(upl_naam=str(item).strip())
        if str(item).isdigit():
            query |= Q(pk=int(item))
        product = Product.objects.filter(query).first()
        if product is None:
            fout("producten", f"Onbekend product '{item}': kies een product uit de catalogus.")
        else:
            resolved.append(product)
    if not producten:
        fout("producten", "Kies minstens één product om aan te bieden.")
    if not (onderwerp or "").strip():
        fout("onderwerp", "Geef het onderwerp van het bericht op.")
    if not (tekst or "").strip():
        fout("tekst", "Geef de tekst van het bericht op.")
    if errors:
        first_field = next(iter(errors))
        raise DomainError(errors[first_field][0], field=first_field, errors=errors)
    return {
        "naam": naam,
        "trigger": trigger,
        "weken_vooraf": weken,
        "vertraging_dagen": vertraging,
        "document_soort": document_soort if trigger == Trigger.DOCUMENT else "",
        "gebeurtenis": gebeurtenis if trigger == Trigger.LEVENSGEBEURTENIS else "",
        "zaaktype": zaaktype if trigger == Trigger.ZAAKSTATUS else None,
        "statusvolgnummer": statusvolgnummer if trigger == Trigger.ZAAKSTATUS else None,
        "leeftijd_min": leeftijd_min,
        "leeftijd_max": leeftijd_max,
        "kanaal": kanaal,
        "onderwerp": onderwerp.strip(),
        "tekst": tekst.strip(),
        "producten": resolved,
    }


@transaction.atomic
def regel_save(
    *,
    code: str,
    naam: str,
    trigger: str,
    producten: Sequence[Product | int | str],
    onderwerp: str,
    tekst: str,
    weken_vooraf: int = 0,
    document_soort: str = "",
    gebeurtenis: str = "",
    zaaktype: Zaaktype | None = None,
    statusvolgnummer: int | None = None,
    leeftijd_min: int | None = None,
    leeftijd_max: int | None = None,
    kanaal: str = RegelKanaal.VOORKEUR,
    vertraging_dagen: int = 0,
    kcc_tip: str = "",
    actief: bool = True,
    regel: Regel | None = None,
) -> Regel:
    """Create a rule, or change `regel`. Unknown products or a negative lead time are refused."""
    code = (code or "").strip()
    if not code:
        raise DomainError("Geef de regel een code.", field="code")
    values = _clean_regel(
        naam=naam,
        trigger=trigger,
        producten=producten,
        onderwerp=onderwerp,
        tekst=tekst,
        weken_vooraf=weken_vooraf,
        document_soort=document_soort,
        gebeurtenis=gebeurtenis,
        zaaktype=zaaktype,
        statusvolgnummer=statusvolgnummer,
        leeftijd_min=leeftijd_min,
        leeftijd_max=leeftijd_max,
        kanaal=kanaal,
        vertraging_dagen=vertraging_dagen,
    )
    clash = Regel.objects.filter(code=code)
    if regel is not None:
        clash = clash.exclude(pk=regel.pk)
    if clash.exists():
        raise DomainError(f"Er is al een regel met de code '{code}'.", field="code")
    products = values.pop("producten")
    if regel is None:
        regel = Regel(code=code)
    regel.code = code
    for name, value in values.items():
        setattr(regel, name, value)
    regel.kcc_tip = (kcc_tip or "").strip()
    regel.actief = bool(actief)
    regel.save()
    regel.producten.set(products)
    return regel


def standaardregels_load() -> list[Regel]:
    """Create the default rules that do not exist yet (by code); a rule whose products are not
    in the catalogue is skipped. Returns the rules created."""

    created = []
    for definitie in STANDAARDREGELS:
        if Regel.objects.filter(code=definitie["code"]).exists():
            continue
        if Product.objects.filter(upl_naam__in=definitie["producten"]).count() < len(
            set(definitie["producten"])
        ):
            logger.warning("standaardregel %s: product ontbreekt", definitie["code"])
            continue
        created.append(regel_save(**definitie))
    return created
