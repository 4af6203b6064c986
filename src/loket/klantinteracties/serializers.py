"""Input of the Klantinteracties API's writes: parse and look up what a request names (kanaal,
partij, product, actor, klantcontact); the rules stay in the services. Messages are Dutch and the
error names the field as the client sent it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from loket.catalogue.models import Product
from loket.contacts.models import Klantcontact
from loket.klantinteracties.representations import PRODUCT_IDENTIFICATOR
from loket.klantinteracties.selectors import actor_resolve, kanaal_find
from loket.klantinteracties.services import KlantcontactInput
from loket.klantinteracties.uuids import parse_uuid, uuid_from_url
from loket.parties.models import Partij

MAX_INHOUD = 1000
STATUS = [("te_verwerken", "Te verwerken"), ("verwerkt", "Verwerkt")]


class RefField(serializers.Field):
    """A reference `{uuid}` or `{url}` (or both, naming the same resource) → its UUID."""

    default_error_messages = {
        "invalid": "Geef een object met de uuid of de url van de resource.",
        "mismatch": "De uuid en de url noemen verschillende resources.",
    }

    def to_internal_value(self, data: Any):
        if not isinstance(data, dict):
            self.fail("invalid")
        by_uuid = parse_uuid(data["uuid"]) if data.get("uuid") else None
        by_url = uuid_from_url(str(data["url"])) if data.get("url") else None
        if by_uuid is None and by_url is None:
            self.fail("invalid")
        if by_uuid is not None and by_url is not None and by_uuid != by_url:
            self.fail("mismatch")
        return by_uuid or by_url

    def to_representation(self, value: Any) -> Any:  # pragma: no cover - input only
        return value


class KlantcontactInputSerializer(serializers.Serializer):
    """The writable fields of the spec's Klantcontact; read-only fields are ignored."""

    kanaal = serializers.CharField(max_length=50)
    onderwerp = serializers.CharField(max_length=200, allow_blank=True)
    inhoud = serializers.CharField(max_length=MAX_INHOUD, allow_blank=True, required=False)
    reactie = serializers.CharField(max_length=4000, allow_blank=True, required=False)
    indicatieContactGelukt = serializers.BooleanField(allow_null=True, required=False)
    verdereActieOndernomen = serializers.BooleanField(required=False, default=False)
    taal = serializers.CharField(max_length=3)
    vertrouwelijk = serializers.BooleanField()
    plaatsgevondenOp = serializers.DateTimeField(required=False)

    def validate_kanaal(self, value: str):
        kanaal = kanaal_find(value)
        if kanaal is None:
            raise serializers.ValidationError(f"Onbekend kanaal '{value}'.")
        return kanaal


def klantcontact_input(data: dict) -> KlantcontactInput:
    """The validated data of KlantcontactInputSerializer as the service's input."""
    return KlantcontactInput(
        kanaal=data["kanaal"],
        onderwerp=data.get("onderwerp", ""),
        inhoud=data.get("inhoud", ""),
        reactie=data.get("reactie", ""),
        taal=data["taal"],
        vertrouwelijk=data["vertrouwelijk"],
        indicatie_contact_gelukt=data.get("indicatieContactGelukt"),
        verdere_actie_ondernomen=data.get("verdereActieOndernomen", False),
        plaatsgevonden_op=data.get("plaatsgevondenOp"),
    )


class BetrokkeneInputSerializer(serializers.Serializer):
    """A betrokkene in /maak-klantcontact: Loket records the partij it was (rol klant)."""

    wasPartij = RefField(allow_null=True, required=False)
    rol = serializers.ChoiceField(choices=["klant", "vertegenwoordiger"], default="klant")
    initiator = serializers.BooleanField(required=False, default=True)

    def validate_wasPartij(self, value):
        if value is None:
            return None
        partij = Partij.objects.filter(uuid=value).first()
        if partij is None:
            raise serializers.ValidationError("Er is geen partij met dit UUID.")
        return partij

    def validate(self, attrs):
        if attrs.get("wasPartij") is None:
            raise serializers.ValidationError(
                {
                    "wasPartij": [
                        "Loket legt een betrokkene vast als de partij die hij was: geef "
                        "wasPartij (een betrokkene zonder partij wordt niet ondersteund)."
                    ]
                }
            )
        if attrs.get("rol") != "klant":
            raise serializers.ValidationError(
                {"rol": ["Loket legt alleen de klant als betrokkene vast (rol 'klant')."]}
            )
        return attrs


class BetrokkeneCreateSerializer(BetrokkeneInputSerializer):
    """POST /betrokkenen: the partij a klantcontact had, linked to that klantcontact."""

    hadKlantcontact = RefField()

    def validate_hadKlantcontact(self, value):
        return _klantcontact(value)


class OnderwerpobjectidentificatorSerializer(serializers.Serializer):
    objectId = serializers.CharField(max_length=200)
    codeObjecttype = serializers.CharField(max_length=200)
    codeRegister = serializers.CharField(max_length=200)
    codeSoortObjectId = serializers.CharField(max_length=200)


class OnderwerpobjectInputSerializer(serializers.Serializer):
    """An onderwerpobject in /maak-klantcontact: a product of Loket's catalogue by UPL-URI."""

    onderwerpobjectidentificator = OnderwerpobjectidentificatorSerializer()

    def validate_onderwerpobjectidentificator(self, value: dict):
        codes = {key: value[key] for key in PRODUCT_IDENTIFICATOR}
        if codes != PRODUCT_IDENTIFICATOR:
            raise serializers.ValidationError(
                "Loket kent als onderwerpobject alleen een product: codeObjecttype 'product', "
                "codeRegister 'upl', codeSoortObjectId 'uri'."
            )
        product = Product.objects.filter(upl_uri=value["objectId"]).first()
        if product is None:
            raise serializers.ValidationError(
                {"objectId": [f"Er is geen product met de UPL-URI '{value['objectId'][:200]}'."]}
            )
        return product


class MaakKlantcontactSerializer(serializers.Serializer):
    klantcontact = KlantcontactInputSerializer()
    betrokkene = BetrokkeneInputSerializer(required=False, allow_null=True)
    onderwerpobject = OnderwerpobjectInputSerializer(required=False, allow_null=True)


def _klantcontact(value):
    contact = Klantcontact.objects.select_related("partij").filter(uuid=value).first()
    if contact is None:
        raise serializers.ValidationError("Er is geen klantcontact met dit UUID.")
    return contact


def _actoren(refs: list) -> tuple:
    """At most one team and one medewerker, from actor references."""
    team = medewerker = None
    for ref in refs:
        resolved = actor_resolve(ref)
        if resolved is None:
            raise serializers.ValidationError(f"Er is geen actor met het UUID {ref}.")
        if resolved[0] is not None:
            if team is not None:
                raise serializers.ValidationError("Geef hoogstens één team en één medewerker op.")
            team = resolved[0]
        else:
            if medewerker is not None:
                raise serializers.ValidationError("Geef hoogstens één team en één medewerker op.")
            medewerker = resolved[1]
    return team, medewerker


class InterneTaakInputSerializer(serializers.Serializer):
    aanleidinggevendKlantcontact = RefField()
    gevraagdeHandeling = serializers.CharField(max_length=200)
    toegewezenAanActoren = serializers.ListField(child=RefField(), required=False)
    toegewezenAanActor = RefField(required=False)
    toelichting = serializers.CharField(max_length=1000, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=STATUS)

    def validate_aanleidinggevendKlantcontact(self, value):
        return _klantcontact(value)

    def validate_status(self, value: str) -> str:
        if value != "te_verwerken":
            raise serializers.ValidationError("Een nieuwe interne taak heeft status te_verwerken.")
        return value

    def validate(self, attrs):
        refs = list(attrs.get("toegewezenAanActoren") or [])
        if attrs.get("toegewezenAanActor") is not None:
            refs.append(attrs["toegewezenAanActor"])
        if not refs:
            raise serializers.ValidationError(
                {"toegewezenAanActoren": ["Wijs de taak toe aan een team en/of een medewerker."]}
            )
        try:
            attrs["actoren"] = _actoren(list(dict.fromkeys(refs)))
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"toegewezenAanActoren": exc.detail}) from None
        return attrs


class InterneTaakPatchSerializer(serializers.Serializer):
    """The fields a PATCH may change: the actoren (forward), the status (close, reopen) with the
    toelichting as the result or the reason."""

    toegewezenAanActoren = serializers.ListField(child=RefField(), required=False)
    toegewezenAanActor = RefField(required=False)
    toelichting = serializers.CharField(max_length=1000, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=STATUS, required=False)

    FIXED = ("aanleidinggevendKlantcontact", "gevraagdeHandeling", "afgehandeldOp")

    def validate(self, attrs):
        fixed = [name for name in self.FIXED if name in self.initial_data]
        if fixed:
            raise serializers.ValidationError(
                {name: ["Dit veld kan in Loket niet worden gewijzigd."] for name in fixed}
            )
        refs = list(attrs.get("toegewezenAanActoren") or [])
        if attrs.get("toegewezenAanActor") is not None:
            refs.append(attrs["toegewezenAanActor"])
        if refs:
            try:
                attrs["actoren"] = _actoren(list(dict.fromkeys(refs)))
            except serializers.ValidationError as exc:
                raise serializers.ValidationError({"toegewezenAanActoren": exc.detail}) from None
        return attrs
