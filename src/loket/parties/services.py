"""Writes on partijen (klanten). Every change of personal data is recorded in the audit log."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.core.audit import audit_record
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.models import AuditAction, Kanaal
from loket.core.types import Actor
from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.events import PartijAangemaakt, PartijGewijzigd
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.parties.selectors import ensure_may_view_person_data
from loket.parties.validators import (
    normalise_email,
    normalise_phone,
    validate_bsn,
    validate_kvk_nummer,
    validate_rsin,
    validate_vestigingsnummer,
)
from loket.registries.backends import PersoonData, get_brp

PURPOSE_CREATE_PERSOON = "Klant vastleggen"
PURPOSE_CREATE_ORGANISATIE = "Organisatie vastleggen"
PURPOSE_DIGITAAL_ADRES = "Contactgegevens van de klant bijhouden"
PURPOSE_VOORKEUR = "Kanaalvoorkeur van de klant bijhouden"


def _weergavenaam(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())[:255]


def _required(value: str, *, label: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(f"{label}: vul de {label.lower()} in.", field=field, code="required")
    return value


@transaction.atomic
def persoon_create(
    *,
    bsn: str,
    voornamen: str = "",
    voorvoegsel_geslachtsnaam: str = "",
    geslachtsnaam: str,
    geboortedatum: dt.date | None = None,
    user: Actor | None = None,
) -> Partij:
    """Register a natural person as a klant. A BSN can belong to one partij only."""
    return _persoon_create(
        bsn=validate_bsn(bsn),
        voornamen=voornamen,
        voorvoegsel_geslachtsnaam=voorvoegsel_geslachtsnaam,
        geslachtsnaam=geslachtsnaam,
        geboortedatum=geboortedatum,
        user=user,
        purpose=PURPOSE_CREATE_PERSOON,
        detail={"bron": "invoer"},
    )


def _persoon_create(
    *,
    bsn: str,
    voornamen: str,
    voorvoegsel_geslachtsnaam: str,
    geslachtsnaam: str,
    geboortedatum: dt.date | None,
    user: Actor | None,
    purpose: str,
    detail: dict,
) -> Partij:
    geslachtsnaam = _required(geslachtsnaam, label="Achternaam", field="geslachtsnaam")
    if Persoon.objects.filter(bsn=bsn).exists():
        raise DomainError(f"Er bestaat al een klant met BSN {bsn}.", field="bsn", code="duplicate")
    voornamen = (voornamen or "").strip()
    voorvoegsel = (voorvoegsel_geslachtsnaam or "").strip()
    partij = Partij.objects.create(
        soort=SoortPartij.PERSOON,
        weergavenaam=_weergavenaam(voornamen, voorvoegsel, geslachtsnaam),
    )
    try:
        with transaction.atomic():
            Persoon.objects.create(
                partij=partij,
                bsn=bsn,
                voornamen=voornamen,
                voorvoegsel_geslachtsnaam=voorvoegsel,
                geslachtsnaam=geslachtsnaam,
                geboortedatum=geboortedatum,
            )
    except IntegrityError:  # a concurrent request registered the same BSN first
        raise DomainError(
            f"Er bestaat al een klant met BSN {bsn}.", field="bsn", code="duplicate"
        ) from None
    audit_record(user=user, action=AuditAction.CREATE, obj=partij, purpose=purpose, detail=detail)
    publish(PartijAangemaakt(partij=partij, user=user))
    return partij


def _name_fields(data: PersoonData) -> dict[str, object]:
    return {
        "voornamen": data.voornamen,
        "voorvoegsel_geslachtsnaam": data.voorvoegsel,
        "geslachtsnaam": data.geslachtsnaam,
        "geboortedatum": data.geboortedatum,
    }


@transaction.atomic
def persoon_from_brp(*, bsn: str, user: Actor | None, purpose: str) -> Partij:
    """The partij for this BSN, created or refreshed from the BRP (the BRP is the source).

    The name and birth date on `Persoon` are a copy for display; they are updated when the BRP
    says otherwise. The read is audited with `purpose` (CREATE, UPDATE or READ).
    """
    ensure_may_view_person_data(user)
    bsn = validate_bsn(bsn)
    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze gegevens inziet.", field="doel")
    data = get_brp().persoon(bsn)
    if data is None:
        raise DomainError(f"BSN: {bsn} is niet bekend in de BRP.", field="bsn", code="unknown_bsn")
    fields = _name_fields(data)
    weergavenaam = _weergavenaam(data.voornamen, data.voorvoegsel, data.geslachtsnaam)
    persoon = Persoon.objects.select_related("partij").select_for_update().filter(bsn=bsn).first()
    if persoon is None:
        return _persoon_create(
            bsn=bsn,
            voornamen=data.voornamen,
            voorvoegsel_geslachtsnaam=data.voorvoegsel,
            geslachtsnaam=data.geslachtsnaam,
            geboortedatum=data.geboortedatum,
            user=user,
            purpose=purpose,
            detail={"bron": "brp"},
        )
    changed = [name for name, value in fields.items() if getattr(persoon, name) != value]
    partij = persoon.partij
    if changed:
        for name in changed:
            setattr(persoon, name, fields[name])
        persoon.save(update_fields=changed)
        if partij.weergavenaam != weergavenaam:
            partij.weergavenaam = weergavenaam
            partij.save(update_fields=["weergavenaam", "updated_at"])
        publish(PartijGewijzigd(partij=partij, user=user))
    audit_record(
        user=user,
        action=AuditAction.UPDATE if changed else AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"bron": "brp", "gewijzigd": changed} if changed else {"bron": "brp"},
    )
    return partij


@transaction.atomic
def organisatie_create(
    *,
    kvk_nummer: str,
    handelsnaam: str,
    vestigingsnummer: str = "",
    rsin: str = "",
    user: Actor | None = None,
) -> Partij:
    """Register an organisation as a klant. A KVK-nummer can belong to one partij only."""
    kvk_nummer = validate_kvk_nummer(kvk_nummer)
    handelsnaam = _required(handelsnaam, label="Handelsnaam", field="handelsnaam")
    vestigingsnummer = validate_vestigingsnummer(vestigingsnummer) if vestigingsnummer else ""
    rsin = validate_rsin(rsin) if rsin else ""
    message = f"Er bestaat al een klant met KVK-nummer {kvk_nummer}."
    if Organisatie.objects.filter(kvk_nummer=kvk_nummer).exists():
        raise DomainError(message, field="kvk_nummer", code="duplicate")
    partij = Partij.objects.create(
        soort=SoortPartij.ORGANISATIE, weergavenaam=_weergavenaam(handelsnaam)
    )
    try:
        with transaction.atomic():
            Organisatie.objects.create(
                partij=partij,
                kvk_nummer=kvk_nummer,
                vestigingsnummer=vestigingsnummer,
                rsin=rsin,
                handelsnaam=handelsnaam,
            )
    except IntegrityError:
        raise DomainError(message, field="kvk_nummer", code="duplicate") from None
    audit_record(
        user=user, action=AuditAction.CREATE, obj=partij, purpose=PURPOSE_CREATE_ORGANISATIE
    )
    publish(PartijAangemaakt(partij=partij, user=user))
    return partij


def _normalise_adres(*, soort: str, adres: str) -> str:
    if soort == SoortDigitaalAdres.EMAIL:
        return normalise_email(adres, field="adres")
    if soort == SoortDigitaalAdres.TELEFOON:
        return normalise_phone(adres, field="adres")
    return _required(adres, label="Adres", field="adres")


def _audit_adres(*, user: Actor | None, action: str, adres: DigitaalAdres, detail: dict) -> None:
    audit_record(
        user=user,
        action=action,
        obj=adres,
        object_label=f"{adres.get_soort_display()} van {adres.partij}",
        purpose=PURPOSE_DIGITAAL_ADRES,
        detail={"partij": str(adres.partij.uuid), "soort": adres.soort, **detail},
    )


def _clear_standaard(
    *, partij: Partij, soort: str, user: Actor | None, keep: DigitaalAdres | None = None
) -> None:
    """Clear the preferred flag of the other addresses of this soort (each audited as UPDATE)."""
    vorige = DigitaalAdres.objects.select_for_update().filter(
        partij=partij, soort=soort, is_standaard_adres=True
    )
    if keep is not None:
        vorige = vorige.exclude(pk=keep.pk)
    for oud in vorige:
        oud.is_standaard_adres = False
        oud.save(update_fields=["is_standaard_adres", "updated_at"])
        _audit_adres(
            user=user,
            action=AuditAction.UPDATE,
            adres=oud,
            detail={"gewijzigd": ["is_standaard_adres"], "is_standaard_adres": False},
        )


@transaction.atomic
def digitaal_adres_add(
    *,
    partij: Partij,
    soort: str,
    adres: str,
    omschrijving: str = "",
    is_standaard_adres: bool = False,
    verified: bool = False,
    user: Actor | None,
) -> DigitaalAdres:
    """Add an e-mail address, phone number or other digital address to a partij.

    E-mail and phone are validated and normalised (phone to E.164). There is at most one
    preferred address per soort: adding a new preferred one clears the old one.
    """
    if soort not in SoortDigitaalAdres.values:
        raise DomainError(f"Soort: '{soort}' is geen bekende soort digitaal adres.", field="soort")
    adres = _normalise_adres(soort=soort, adres=adres)
    if DigitaalAdres.objects.filter(partij=partij, soort=soort, adres__iexact=adres).exists():
        raise DomainError(
            f"Adres: {adres} is al vastgelegd bij deze klant.", field="adres", code="duplicate"
        )
    if is_standaard_adres:
        _clear_standaard(partij=partij, soort=soort, user=user)
    digitaal_adres = DigitaalAdres.objects.create(
        partij=partij,
        soort=soort,
        adres=adres,
        omschrijving=(omschrijving or "").strip()[:100],
        is_standaard_adres=is_standaard_adres,
        verified_at=timezone.now() if verified else None,
    )
    _audit_adres(user=user, action=AuditAction.CREATE, adres=digitaal_adres, detail={})
    publish(PartijGewijzigd(partij=partij, user=user))
    return digitaal_adres


@transaction.atomic
def digitaal_adres_set_standaard(*, adres: DigitaalAdres, user: Actor | None) -> DigitaalAdres:
    """Make this the preferred address of its soort; the previous preferred one is cleared."""
    if adres.is_standaard_adres:
        return adres
    _clear_standaard(partij=adres.partij, soort=adres.soort, user=user, keep=adres)
    adres.is_standaard_adres = True
    adres.save(update_fields=["is_standaard_adres", "updated_at"])
    _audit_adres(
        user=user,
        action=AuditAction.UPDATE,
        adres=adres,
        detail={"gewijzigd": ["is_standaard_adres"], "is_standaard_adres": True},
    )
    publish(PartijGewijzigd(partij=adres.partij, user=user))
    return adres


@transaction.atomic
def digitaal_adres_verify(*, adres: DigitaalAdres, user: Actor | None) -> DigitaalAdres:
    """Record that the klant has confirmed this address (idempotent: the first date is kept)."""
    if adres.verified_at is not None:
        return adres
    adres.verified_at = timezone.now()
    adres.save(update_fields=["verified_at", "updated_at"])
    _audit_adres(
        user=user, action=AuditAction.UPDATE, adres=adres, detail={"gewijzigd": ["verified_at"]}
    )
    publish(PartijGewijzigd(partij=adres.partij, user=user))
    return adres


@transaction.atomic
def partij_set_voorkeurskanaal(
    *, partij: Partij, kanaal: Kanaal | str | None, user: Actor | None
) -> Partij:
    """Set (or with None clear) the channel the klant prefers; `kanaal` may be a Kanaal or its code."""
    if isinstance(kanaal, str):
        code = kanaal
        kanaal = Kanaal.objects.filter(code=code).first()
        if kanaal is None:
            raise DomainError(
                f"Voorkeurskanaal: '{code}' is geen bekend kanaal.", field="voorkeurskanaal"
            )
    if kanaal is not None and not kanaal.is_actief:
        raise DomainError(
            f"Voorkeurskanaal: het kanaal {kanaal.naam} wordt niet meer gebruikt.",
            field="voorkeurskanaal",
        )
    oud = partij.voorkeurskanaal
    if (oud.pk if oud else None) == (kanaal.pk if kanaal else None):
        return partij
    partij.voorkeurskanaal = kanaal
    partij.save(update_fields=["voorkeurskanaal", "updated_at"])
    audit_record(
        user=user,
        action=AuditAction.UPDATE,
        obj=partij,
        purpose=PURPOSE_VOORKEUR,
        detail={
            "gewijzigd": ["voorkeurskanaal"],
            "oud": oud.code if oud else None,
            "nieuw": kanaal.code if kanaal else None,
        },
    )
    publish(PartijGewijzigd(partij=partij, user=user))
    return partij


PURPOSE_BEPERKING = "Beperking van de verwerking (AVG artikel 18)"


@transaction.atomic
def partij_restrict(*, partij: Partij, user: Actor | None, reden: str) -> Partij:
    """Restrict the processing of a person's data (AVG art. 18): kept, not used."""
    reden = (reden or "").strip()
    if not reden:
        raise DomainError("Reden: geef aan waarom de verwerking wordt beperkt.", field="reden")
    partij.verwerking_beperkt_sinds = timezone.now()
    partij.beperking_reden = reden[:255]
    partij.save(update_fields=["verwerking_beperkt_sinds", "beperking_reden", "updated_at"])
    audit_record(
        user=user,
        action=AuditAction.UPDATE,
        obj=partij,
        purpose=PURPOSE_BEPERKING,
        detail={"gewijzigd": ["verwerking_beperkt_sinds"], "reden": reden[:255]},
    )
    publish(PartijGewijzigd(partij=partij, user=user))
    return partij


@transaction.atomic
def partij_lift_restriction(*, partij: Partij, user: Actor | None) -> Partij:
    if partij.verwerking_beperkt_sinds is None:
        return partij
    partij.verwerking_beperkt_sinds = None
    partij.beperking_reden = ""
    partij.save(update_fields=["verwerking_beperkt_sinds", "beperking_reden", "updated_at"])
    audit_record(
        user=user,
        action=AuditAction.UPDATE,
        obj=partij,
        purpose=PURPOSE_BEPERKING,
        detail={"gewijzigd": ["verwerking_beperkt_sinds"], "opgeheven": True},
    )
    publish(PartijGewijzigd(partij=partij, user=user))
    return partij
