"""API input and output for the outbox (camelCase, like the rest of /api/v1)."""

from __future__ import annotations

from rest_framework import serializers

from loket.core.errors import DomainError
from loket.messaging.models import Bericht, BerichtKanaal, BerichtSoort, BerichtStatus
from loket.parties.validators import normalise_email, normalise_phone


class BerichtSerializer(serializers.ModelSerializer):
    partij = serializers.UUIDField(source="partij.uuid", allow_null=True, read_only=True)
    volgendePogingOp = serializers.DateTimeField(source="volgende_poging_op", allow_null=True)
    laatsteFout = serializers.CharField(source="laatste_fout")
    verzondenOp = serializers.DateTimeField(source="verzonden_op", allow_null=True)
    gelezenOp = serializers.DateTimeField(source="gelezen_op", allow_null=True)
    aangemaaktOp = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Bericht
        fields = [
            "uuid",
            "sleutel",
            "partij",
            "kanaal",
            "adres",
            "soort",
            "onderwerp",
            "tekst",
            "status",
            "pogingen",
            "volgendePogingOp",
            "laatsteFout",
            "verzondenOp",
            "gelezenOp",
            "aangemaaktOp",
        ]
        read_only_fields = fields


class BerichtFilterSerializer(serializers.Serializer):
    partij = serializers.UUIDField(required=False, help_text="UUID van de ontvanger.")
    status = serializers.ChoiceField(choices=BerichtStatus.choices, required=False)
    kanaal = serializers.ChoiceField(choices=BerichtKanaal.choices, required=False)
    soort = serializers.ChoiceField(choices=BerichtSoort.choices, required=False)


class BerichtInputSerializer(serializers.Serializer):
    sleutel = serializers.CharField(
        max_length=150,
        help_text="De aanleiding, uniek per bericht: een tweede aanvraag met dezelfde sleutel "
        "zet niets nieuws in de wachtrij.",
    )
    partij = serializers.UUIDField(required=False, allow_null=True, help_text="De ontvanger.")
    onderwerp = serializers.CharField(max_length=200)
    tekst = serializers.CharField(max_length=10_000)
    soort = serializers.ChoiceField(choices=BerichtSoort.choices, default=BerichtSoort.OVERIG)
    kanaal = serializers.ChoiceField(
        choices=BerichtKanaal.choices,
        required=False,
        allow_null=True,
        help_text="Leeg: het voorkeurskanaal en de toestemming van de ontvanger beslissen.",
    )
    adres = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        """An e-mail goes to a valid e-mail address, an sms to a valid (Dutch or international)
        phone number; the address is stored in its normal form."""

        adres = (attrs.get("adres") or "").strip()
        kanaal = attrs.get("kanaal")
        try:
            if adres and kanaal == BerichtKanaal.EMAIL:
                attrs["adres"] = normalise_email(adres, field="adres")
            elif adres and kanaal == BerichtKanaal.SMS:
                attrs["adres"] = normalise_phone(adres, field="adres")
        except DomainError as exc:
            raise serializers.ValidationError({"adres": [exc.message]}) from None
        return attrs
