"""E-forms and concepts: define a form, prefill it, validate steps, save and resume a concept,
attachments."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from loket.cases.models import Zaaktype
from loket.catalogue.models import Product
from loket.contacts.models import Contactreden
from loket.core.errors import DomainError
from loket.parties.constants import SoortDigitaalAdres
from loket.selfservice import automations
from loket.selfservice.fields import (
    check_definition,
    check_file,
    is_visible,
    validate_value,
)
from loket.selfservice.models import (
    Bijlage,
    Concept,
    Formulier,
)
from loket.selfservice.services import trechter

if TYPE_CHECKING:
    from loket.parties.models import Partij

CONCEPT_BEWAARTERMIJN = dt.timedelta(days=30)


class StapFout(DomainError):
    """A step refused by its field rules or checks (the funnel counts it: `trechter`)."""


# --- forms ------------------------------------------------------------------------------------


@transaction.atomic
def formulier_create(
    *,
    slug: str,
    titel: str,
    product: Product,
    stappen: list[dict[str, Any]],
    inleiding: str = "",
    automatisering: str = "",
    zaaktype: Zaaktype | None = None,
    contactreden: Contactreden | None = None,
    inloggen_verplicht: bool = False,
) -> Formulier:
    """A form for a product. Without automation the product needs a zaaktype (the back office)."""
    if not (titel or "").strip():
        raise DomainError("Geef de titel van het formulier op.", field="titel")
    if Formulier.objects.filter(slug=slug).exists():
        raise DomainError(f"De code '{slug}' is al in gebruik.", field="slug")
    check_definition(stappen)
    if automatisering and automatisering not in automations.AUTOMATISERINGEN:
        raise DomainError(f"Onbekende automatisering '{automatisering}'.", field="automatisering")
    if zaaktype is None and not automatisering and zaaktype_voor(product) is None:
        raise DomainError(
            f"Het product '{product}' heeft geen zaaktype; kies het zaaktype waarin de "
            "backoffice de inzendingen behandelt.",
            field="zaaktype",
        )
    return Formulier.objects.create(
        slug=slug,
        titel=titel.strip(),
        inleiding=inleiding,
        product=product,
        stappen=stappen,
        automatisering=automatisering,
        zaaktype=zaaktype,
        contactreden=contactreden,
        inloggen_verplicht=inloggen_verplicht,
    )


def zaaktype_voor(product: Product) -> Zaaktype | None:
    return Zaaktype.objects.filter(product=product).order_by("pk").first()


def keuzes_voor(veld: Mapping[str, Any], partij: Partij | None) -> list[tuple[str, str]] | None:
    """The options of a choice field: its own keuzes, or computed (e.g. the household)."""
    bron = veld.get("bron")
    if bron:
        return automations.KEUZEBRONNEN[bron](partij)
    if veld.get("keuzes"):
        return [(str(v), str(label)) for v, label in veld["keuzes"]]
    return None


def _prefill_value(bron: str, partij: Partij | None) -> Any:
    if partij is None:
        return None
    if bron in ("partij.email", "partij.telefoon"):
        soort = SoortDigitaalAdres.EMAIL if bron == "partij.email" else SoortDigitaalAdres.TELEFOON
        return (
            partij.digitale_adressen.filter(soort=soort)
            .order_by("-is_standaard_adres", "-verified_at", "pk")
            .values_list("adres", flat=True)
            .first()
        )
    if bron.startswith("brp."):
        persoon = automations.persoon_van(partij)
        if persoon is None:
            return None
        attr = bron[4:]
        if attr == "naam":
            return persoon.volledige_naam
        if attr == "bsn":
            return persoon.bsn
        if attr == "adres":
            return str(persoon.adres) if persoon.adres else None
        if attr in ("postcode", "huisnummer") and persoon.adres:
            return getattr(persoon.adres, attr)
    return None


def prefill(formulier: Formulier, partij: Partij | None) -> dict[str, Any]:
    """Values known from the registries and the logged-in party, per field with a `prefill`."""
    values: dict[str, Any] = {}
    for stap in formulier.stappen:
        for veld in stap.get("velden", []):
            if veld.get("prefill"):
                value = _prefill_value(veld["prefill"], partij)
                if value not in (None, ""):
                    values[veld["naam"]] = value
    return values


# --- concepts (save and resume) ---------------------------------------------------------------


def _check_access(formulier: Formulier, partij: Partij | None) -> None:
    if not formulier.is_actief:
        raise DomainError("Dit formulier is niet meer in gebruik.", field="formulier")
    if formulier.inloggen_verplicht and partij is None:
        raise DomainError(
            "Log eerst in met DigiD om dit formulier in te vullen.",
            field="formulier",
            code="login_required",
        )


@transaction.atomic
def concept_start(*, formulier: Formulier, partij: Partij | None = None) -> Concept:
    """The open concept of this party for this form, or a new one filled with known data."""
    _check_access(formulier, partij)
    now = timezone.now()
    if partij is not None:
        bestaand = (
            Concept.objects.filter(
                formulier=formulier, partij=partij, inzending__isnull=True, verloopt_op__gt=now
            )
            .order_by("-updated_at")
            .first()
        )
        if bestaand is not None:
            return bestaand
    concept = Concept.objects.create(
        formulier=formulier,
        partij=partij,
        token=secrets.token_urlsafe(24),
        sleutel=f"formulier:{secrets.token_urlsafe(24)}",
        gegevens=prefill(formulier, partij),
        verloopt_op=now + CONCEPT_BEWAARTERMIJN,
    )
    trechter.trechter_count_start(formulier=formulier)
    return concept


def concept_check_access(*, concept: Concept, partij: Partij | None) -> None:
    """A concept of a party is only for that party; an anonymous one for whoever has the link."""
    if concept.partij_id is not None and (partij is None or partij.pk != concept.partij_id):
        raise DomainError(
            "Dit formulier hoort bij een andere inwoner. Log in als die inwoner om verder te gaan.",
            field="concept",
            code="forbidden",
        )
    if concept.is_verlopen:
        raise DomainError(
            "Dit concept is verlopen (concepten worden 30 dagen bewaard). Begin opnieuw.",
            field="concept",
            code="expired",
        )


def _step_fields(formulier: Formulier, stap: int) -> list[dict[str, Any]]:
    try:
        return list(formulier.stappen[stap].get("velden", []))
    except IndexError:
        raise DomainError("Deze stap bestaat niet.", field="stap") from None


def stap_validate(
    *,
    formulier: Formulier,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    bijlagen: Iterable[Bijlage] = (),
) -> dict[str, Any]:
    """Clean one step's values; all field errors at once, then the step's checks."""
    with automations.registry_cache():
        return _stap_valideren(
            formulier=formulier, stap=stap, gegevens=gegevens, partij=partij, bijlagen=bijlagen
        )


def _stap_valideren(
    *,
    formulier: Formulier,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    bijlagen: Iterable[Bijlage],
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    have_files = {b.veld for b in bijlagen}
    merged = dict(gegevens)
    for veld in _step_fields(formulier, stap):
        naam = veld["naam"]
        if not is_visible(veld, merged):
            continue
        if veld.get("type") == "bestand":
            if veld.get("verplicht", True) and naam not in have_files:
                errors[naam] = [f"{veld.get('label', naam)}: voeg een bestand toe."]
            continue
        try:
            value = validate_value(veld, gegevens.get(naam), choices=keuzes_voor(veld, partij))
        except DomainError as exc:
            errors.setdefault(naam, []).append(exc.message)
            continue
        cleaned[naam] = value
        merged[naam] = value
    if not errors:
        for naam in formulier.stappen[stap].get("controles", []):
            try:
                automations.CONTROLES[naam]({**gegevens, **cleaned}, partij)
            except DomainError as exc:
                errors.update(exc.errors or {exc.field or "algemeen": [exc.message]})
    if errors:
        first_field, first = next(iter(errors.items()))
        raise StapFout(first[0], field=first_field, errors=errors)
    return cleaned


def formulier_validate(
    *,
    formulier: Formulier,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    bijlagen: Iterable[Bijlage] = (),
) -> dict[str, Any]:
    """Clean every step; only visible fields are kept."""
    cleaned: dict[str, Any] = {}
    with automations.registry_cache():
        for stap in range(len(formulier.stappen)):
            cleaned.update(
                stap_validate(
                    formulier=formulier,
                    stap=stap,
                    gegevens={**gegevens, **cleaned},
                    partij=partij,
                    bijlagen=bijlagen,
                )
            )
    return cleaned


def concept_save(
    *,
    concept: Concept,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    valideren: bool = True,
) -> Concept:
    """Store a step's input. With `valideren` the step must be valid and the concept moves on;
    without (the "save and continue later" button) the input is kept as typed.

    The funnel counts a refused step after the save's transaction rolled back (so the count
    stays), and a step finished for the first time with the time since the concept's last
    change."""
    try:
        return _concept_save(
            concept=concept, stap=stap, gegevens=gegevens, partij=partij, valideren=valideren
        )
    except StapFout as exc:
        trechter.trechter_count_refusal(formulier=concept.formulier, stap=stap, errors=exc.errors)
        raise


@transaction.atomic
def _concept_save(
    *,
    concept: Concept,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    valideren: bool,
) -> Concept:
    concept_check_access(concept=concept, partij=partij)
    if concept.inzending_id:
        raise DomainError("Dit formulier is al verstuurd.", field="concept", code="submitted")
    fields = _step_fields(concept.formulier, stap)
    names = {v["naam"] for v in fields if v.get("type") != "bestand"}
    raw = {k: v for k, v in gegevens.items() if k in names}
    # Unticked checkboxes and empty multi-choices are absent from a POST.
    for veld in fields:
        if veld["naam"] in names and veld.get("type") in ("meerkeuze", "selectievakje"):
            raw.setdefault(veld["naam"], [] if veld.get("type") == "meerkeuze" else False)
    merged = {**concept.gegevens, **raw}
    if valideren:
        cleaned = stap_validate(
            formulier=concept.formulier,
            stap=stap,
            gegevens=merged,
            partij=partij,
            bijlagen=list(concept.bijlagen.all()),
        )
        merged.update(cleaned)
        vorige = concept.stap
        concept.stap = max(concept.stap, min(stap + 1, len(concept.formulier.stappen)))
        if concept.stap > vorige:
            seconden = (timezone.now() - concept.updated_at).total_seconds()
            trechter.trechter_count_step(
                formulier=concept.formulier,
                stap=stap,
                seconden=max(seconden, 0.0),
                volgende=concept.stap,
            )
    concept.gegevens = merged
    concept.verloopt_op = timezone.now() + CONCEPT_BEWAARTERMIJN
    concept.save(update_fields=["gegevens", "stap", "verloopt_op", "updated_at"])
    return concept


@transaction.atomic
def bijlage_add(
    *, concept: Concept, veld: str, upload: UploadedFile, partij: Partij | None
) -> Bijlage:
    """Attach a file to a concept after checking its type (extension and content) and size."""
    concept_check_access(concept=concept, partij=partij)
    definitie = next(
        (
            v
            for stap in concept.formulier.stappen
            for v in stap.get("velden", [])
            if v["naam"] == veld and v.get("type") == "bestand"
        ),
        None,
    )
    if definitie is None:
        raise DomainError("Dit formulier vraagt hier geen bijlage.", field=veld)
    head = upload.read(16)
    upload.seek(0)
    size = upload.size or 0  # Django's upload handlers always set it (0: refused as empty)
    content_type = check_file(definitie, name=upload.name or "", size=size, head=head)
    concept.bijlagen.filter(veld=veld).delete()
    return Bijlage.objects.create(
        concept=concept,
        veld=veld,
        bestand=upload,
        naam=(upload.name or "bijlage")[:200],
        content_type=content_type,
        grootte=size,
    )


@transaction.atomic
def concepten_purge_expired() -> int:
    """Delete expired concepts that were never submitted (with their attachments' files)."""
    verlopen = Concept.objects.filter(inzending__isnull=True, verloopt_op__lte=timezone.now())
    for bijlage in Bijlage.objects.filter(concept__in=verlopen):
        bijlage.bestand.delete(save=False)
    deleted, _ = verlopen.delete()
    return deleted
