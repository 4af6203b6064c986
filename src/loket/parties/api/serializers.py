"""Output after the VNG Klantinteracties API (camelCase); input serializers validate filters only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from loket.core.errors import DomainError
from loket.parties.constants import SoortPartij
from loket.parties.models import Partij
from loket.parties.selectors import partij_digitale_adressen
from loket.parties.validators import validate_bsn, validate_kvk_nummer


class PartijFilterSerializer(serializers.Serializer):
    bsn = serializers.CharField(required=False, allow_blank=True, help_text="Burgerservicenummer.")
    kvkNummer = serializers.CharField(required=False, allow_blank=True, help_text="KVK-nummer.")

    def validate_bsn(self, value: str) -> str:
        return _domain(validate_bsn, value) if value else ""

    def validate_kvkNummer(self, value: str) -> str:
        return _domain(validate_kvk_nummer, value) if value else ""


def _domain(validator, value: str) -> str:
    try:
        return validator(value)
    except DomainError as exc:
        raise serializers.ValidationError(exc.message) from None


class PartijIdentificatorSerializer(serializers.Serializer):
    codeObjecttype = serializers.CharField(
        help_text="natuurlijk_persoon, niet_natuurlijk_persoon of vestiging."
    )
    codeSoortObjectId = serializers.CharField(
        help_text="bsn, kvk_nummer, vestigingsnummer of rsin."
    )
    objectId = serializers.CharField()
    codeRegister = serializers.CharField(help_text="brp of hr.")


class DigitaalAdresSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    soortDigitaalAdres = serializers.CharField(source="soort")
    adres = serializers.CharField()
    omschrijving = serializers.CharField()
    isStandaardAdres = serializers.BooleanField(source="is_standaard_adres")
    verificatieDatum = serializers.DateTimeField(source="verified_at", allow_null=True)


class ContactnaamSerializer(serializers.Serializer):
    voornaam = serializers.CharField()
    voorvoegselAchternaam = serializers.CharField()
    achternaam = serializers.CharField()


class PartijIdentificatieSerializer(serializers.Serializer):
    """Persoon: contactnaam and geboortedatum; organisatie: naam (as in Klantinteracties)."""

    contactnaam = ContactnaamSerializer(required=False, allow_null=True)
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    naam = serializers.CharField(required=False)


def partij_identificatoren(partij: Partij) -> list[dict[str, str]]:
    if partij.soort == SoortPartij.PERSOON:
        persoon = getattr(partij, "persoon", None)
        if persoon is None or not persoon.bsn:
            return []
        return [
            {
                "codeObjecttype": "natuurlijk_persoon",
                "codeSoortObjectId": "bsn",
                "objectId": persoon.bsn,
                "codeRegister": "brp",
            }
        ]
    organisatie = getattr(partij, "organisatie", None)
    if organisatie is None:
        return []
    rows = [
        ("niet_natuurlijk_persoon", "kvk_nummer", organisatie.kvk_nummer),
        ("vestiging", "vestigingsnummer", organisatie.vestigingsnummer),
        ("niet_natuurlijk_persoon", "rsin", organisatie.rsin),
    ]
    return [
        {
            "codeObjecttype": objecttype,
            "codeSoortObjectId": soort,
            "objectId": value,
            "codeRegister": "hr",
        }
        for objecttype, soort, value in rows
        if value
    ]


class PartijSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    soortPartij = serializers.ChoiceField(source="soort", choices=SoortPartij.choices)
    weergavenaam = serializers.CharField()
    voorkeurstaal = serializers.CharField()
    indicatieGeheimhouding = serializers.BooleanField(source="indicatie_geheimhouding")
    voorkeurskanaal = serializers.CharField(
        source="voorkeurskanaal.code",
        allow_null=True,
        default=None,
        help_text="Code van het voorkeurskanaal, bijvoorbeeld 'e-mail'.",
    )
    partijIdentificatie = serializers.SerializerMethodField()
    partijIdentificatoren = serializers.SerializerMethodField()
    digitaleAdressen = serializers.SerializerMethodField()

    @extend_schema_field(PartijIdentificatieSerializer)
    def get_partijIdentificatie(self, partij: Partij) -> dict:
        if partij.soort == SoortPartij.PERSOON and getattr(partij, "persoon", None):
            persoon = partij.persoon
            return {
                "contactnaam": {
                    "voornaam": persoon.voornamen,
                    "voorvoegselAchternaam": persoon.voorvoegsel_geslachtsnaam,
                    "achternaam": persoon.geslachtsnaam,
                },
                "geboortedatum": persoon.geboortedatum,
            }
        organisatie = getattr(partij, "organisatie", None)
        return {"naam": organisatie.handelsnaam if organisatie else partij.weergavenaam}

    @extend_schema_field(PartijIdentificatorSerializer(many=True))
    def get_partijIdentificatoren(self, partij: Partij) -> list[dict[str, str]]:
        return partij_identificatoren(partij)

    @extend_schema_field(DigitaalAdresSerializer(many=True))
    def get_digitaleAdressen(self, partij: Partij) -> list[dict]:
        return list(
            DigitaalAdresSerializer(partij_digitale_adressen(partij=partij), many=True).data
        )
