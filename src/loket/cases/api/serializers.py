"""Zaken and statussen after the ZGW Zaken API (camelCase field names). Input serializers only
parse and look up; the rules stay in loket.cases.services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from loket.cases.models import Status, Zaak, Zaaktype
from loket.parties.models import Partij

BSN_FILTER = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"


class ZaakFilterSerializer(serializers.Serializer):
    zaaktype = serializers.CharField(required=False, help_text="Identificatie van het zaaktype.")
    identificatie = serializers.CharField(required=False, help_text="Het zaaknummer.")
    status = serializers.ChoiceField(
        choices=["open", "afgesloten"], required=False, help_text="Open of afgesloten zaken."
    )
    startdatum__gte = serializers.DateField(required=False, help_text="Gestart op of na.")
    startdatum__lte = serializers.DateField(required=False, help_text="Gestart op of vóór.")


class OpschortingSerializer(serializers.Serializer):
    indicatie = serializers.BooleanField()
    reden = serializers.CharField()
    sinds = serializers.DateField(allow_null=True)
    werkdagenTotaal = serializers.IntegerField(help_text="Werkdagen opgeschort (afgerond).")


class VerlengingSerializer(serializers.Serializer):
    reden = serializers.CharField()
    duur = serializers.CharField(help_text="ISO 8601-duur in werkdagen, bijv. 'P10D'.")
    werkdagen = serializers.IntegerField()


class ZaakSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField()
    identificatie = serializers.CharField()
    zaaktype = serializers.CharField(source="zaaktype.identificatie")
    omschrijving = serializers.CharField()
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)
    einddatumGepland = serializers.DateField(source="einddatum_gepland")
    uiterlijkeEinddatumAfdoening = serializers.DateField(source="uiterlijke_einddatum_afdoening")
    status = serializers.SerializerMethodField()
    statusOmschrijving = serializers.SerializerMethodField()
    resultaat = serializers.SerializerMethodField()
    opschorting = serializers.SerializerMethodField()
    verlenging = serializers.SerializerMethodField()
    initiator = serializers.UUIDField(source="initiator.uuid", allow_null=True, default=None)
    organisatorischeEenheid = serializers.CharField(
        source="team.slug", allow_null=True, default=None
    )
    bron = serializers.CharField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, zaak) -> str:
        request = self.context.get("request")
        path = f"/api/v1/zaken/{zaak.uuid}/"
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_status(self, zaak) -> int | None:
        return zaak.status_id

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_statusOmschrijving(self, zaak) -> str | None:
        return zaak.status.statustype.omschrijving if zaak.status_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_resultaat(self, zaak) -> str | None:
        return zaak.resultaat.omschrijving if zaak.resultaat_id else None

    @extend_schema_field(OpschortingSerializer)
    def get_opschorting(self, zaak) -> dict:
        return {
            "indicatie": zaak.opgeschort_sinds is not None,
            "reden": zaak.opschorting_reden if zaak.opgeschort_sinds else "",
            "sinds": zaak.opgeschort_sinds,
            "werkdagenTotaal": zaak.opgeschort_werkdagen,
        }

    @extend_schema_field(VerlengingSerializer(allow_null=True))
    def get_verlenging(self, zaak) -> dict | None:
        if not zaak.verlengd_werkdagen:
            return None
        return {
            "reden": zaak.verlenging_reden,
            "duur": f"P{zaak.verlengd_werkdagen}D",
            "werkdagen": zaak.verlengd_werkdagen,
        }


class ZaakCreateSerializer(serializers.Serializer):
    zaaktype = serializers.CharField(help_text="Identificatie van het zaaktype.")
    omschrijving = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    startdatum = serializers.DateField(required=False)
    initiator = serializers.UUIDField(required=False, help_text="UUID van de partij.")
    bron = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)

    def validate_zaaktype(self, value):
        zaaktype = Zaaktype.objects.filter(identificatie=value).first()
        if zaaktype is None:
            raise serializers.ValidationError(f"Onbekend zaaktype '{value}'.")
        return zaaktype

    def validate_initiator(self, value):
        partij = Partij.objects.filter(uuid=value).first()
        if partij is None:
            raise serializers.ValidationError("Er is geen partij met dit UUID.")
        return partij


class StatusSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    zaak = serializers.UUIDField(source="zaak.uuid")
    statustype = serializers.IntegerField(source="statustype.volgnummer")
    statustypeOmschrijving = serializers.CharField(source="statustype.omschrijving")
    datumStatusGezet = serializers.DateTimeField(source="datum_status_gezet")
    statustoelichting = serializers.CharField()


class StatusFilterSerializer(serializers.Serializer):
    zaak = serializers.UUIDField(help_text="UUID van de zaak.")


class StatusCreateSerializer(serializers.Serializer):
    zaak = serializers.UUIDField(help_text="UUID van de zaak.")
    statustype = serializers.IntegerField(help_text="Volgnummer van het statustype.")
    datumStatusGezet = serializers.DateTimeField(required=False)
    statustoelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1000
    )

    def validate(self, attrs):
        zaak = Zaak.objects.select_related("zaaktype").filter(uuid=attrs["zaak"]).first()
        if zaak is None:
            raise serializers.ValidationError({"zaak": ["Er is geen zaak met dit UUID."]})
        statustype = zaak.zaaktype.statustypen.filter(volgnummer=attrs["statustype"]).first()
        if statustype is None:
            raise serializers.ValidationError(
                {
                    "statustype": [
                        f"Het zaaktype '{zaak.zaaktype}' heeft geen status met volgnummer "
                        f"{attrs['statustype']}."
                    ]
                }
            )
        attrs["zaak"], attrs["statustype"] = zaak, statustype
        return attrs


__all__ = ["BSN_FILTER", "Status"]
