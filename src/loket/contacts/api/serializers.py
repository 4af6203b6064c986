"""Klantcontacten and interne taken after the VNG Klantinteracties API (camelCase).

Input serializers parse and look up what the request names (kanaal, partij, product, team);
the rules of the domain stay in `loket.contacts.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from loket.accounts.models import Team
from loket.catalogue.models import Organisatie, Product
from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import Contactreden, Contactverzoek, Klantcontact, Vraag
from loket.core.models import Kanaal
from loket.parties.models import Partij

ACTOR_TEAM = "organisatorische_eenheid"
ACTOR_MEDEWERKER = "medewerker"
ASSIGNMENT_EVENTS = {
    GebeurtenisSoort.AANGEMAAKT,
    GebeurtenisSoort.TOEGEWEZEN,
    GebeurtenisSoort.DOORGESTUURD,
}

# Limits on what a client may send (issue 14, finding 8): generous for real use, far below abuse.
MAX_TEKST = 10_000
MAX_VRAGEN = 50
MAX_DUUR = dt.timedelta(hours=24)


# --- klantcontacten: filters ---------------------------------------------------------------


class KlantcontactFilterSerializer(serializers.Serializer):
    partij = serializers.UUIDField(required=False, help_text="UUID van de betrokken partij.")
    kanaal = serializers.CharField(
        required=False, help_text="Code van het kanaal, bijv. 'telefoon'."
    )
    plaatsgevondenOpVanaf = serializers.DateTimeField(
        required=False, help_text="Contacten op of na dit tijdstip (ISO 8601 met tijdzone)."
    )
    plaatsgevondenOpTot = serializers.DateTimeField(
        required=False, help_text="Contacten vóór dit tijdstip (ISO 8601 met tijdzone)."
    )

    def validate_partij(self, value):
        partij = Partij.objects.filter(uuid=value).first()
        if partij is None:
            raise serializers.ValidationError("Er is geen partij met dit UUID.")
        return partij

    def validate_kanaal(self, value: str) -> str:
        if not Kanaal.objects.filter(code=value).exists():
            raise serializers.ValidationError(f"Onbekend kanaal '{value}'.")
        return value

    def validate(self, attrs):
        vanaf, tot = attrs.get("plaatsgevondenOpVanaf"), attrs.get("plaatsgevondenOpTot")
        if vanaf and tot and tot <= vanaf:
            raise serializers.ValidationError(
                {"plaatsgevondenOpTot": ["Het einde van de periode ligt niet na het begin."]}
            )
        return attrs


# --- klantcontacten: output ----------------------------------------------------------------


class BetrokkeneSerializer(serializers.Serializer):
    partij = serializers.UUIDField(help_text="UUID van de partij.")
    rol = serializers.CharField(help_text="Altijd 'klant' in Loket.")


class ProductRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    uplNaam = serializers.CharField(source="upl_naam")
    uri = serializers.URLField(source="upl_uri")


class OnderwerpobjectSerializer(serializers.Serializer):
    """One question of the contact: what it was about and how it was handled."""

    vraagtekst = serializers.CharField()
    product = ProductRefSerializer(allow_null=True)
    contactreden = serializers.CharField(source="contactreden.code", help_text="Code.")
    afhandeling = serializers.ChoiceField(choices=Afhandeling.choices)
    antwoord = serializers.CharField()
    doorverwezenNaar = serializers.CharField(
        source="doorverwezen_naar.slug",
        allow_null=True,
        read_only=True,
        help_text="Code van de organisatie waarnaar is doorverwezen.",
    )


class KlantcontactSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    referentienummer = serializers.CharField()
    kanaal = serializers.CharField(source="kanaal.code", help_text="Code van het kanaal.")
    onderwerp = serializers.CharField()
    inhoud = serializers.CharField()
    plaatsgevondenOp = serializers.DateTimeField(source="plaatsgevonden_op")
    indicatieContactGelukt = serializers.BooleanField(source="indicatie_contact_gelukt")
    taal = serializers.CharField()
    vertrouwelijk = serializers.BooleanField()
    vertrouwelijkTeam = serializers.CharField(
        source="vertrouwelijk_team.slug",
        allow_null=True,
        help_text="Code (slug) van het team dat een vertrouwelijk contact mag inzien.",
    )
    afgeschermd = serializers.BooleanField(
        help_text="Vertrouwelijk en u mag de inhoud niet inzien: onderwerp, inhoud en "
        "onderwerpobjecten zijn leeg (vraag het team met inzage).",
    )
    betrokkenen = serializers.SerializerMethodField()
    # A declared nested serializer, not a method making one per contact: its fields are built
    # once per response (a page of 50 spent 28 ms copying field definitions).
    onderwerpobjecten = OnderwerpobjectSerializer(source="vragen", many=True, read_only=True)
    internetaken = serializers.SerializerMethodField()
    duur = serializers.DurationField(allow_null=True)

    def to_representation(self, instance: Klantcontact) -> dict:
        """The declared fields, written out: DRF's generic walk over ~20 fields per contact and
        per vraag was most of a list page's CPU (issue 22). The fields above stay the schema;
        `generic_representation` is DRF's own output, and a test keeps the two equal."""
        fields = self.fields
        contact = instance
        duur = contact.duur
        return {
            "uuid": str(contact.uuid),
            "referentienummer": str(contact.referentienummer),
            "kanaal": str(contact.kanaal.code),
            "onderwerp": str(contact.onderwerp),
            "inhoud": str(contact.inhoud),
            "plaatsgevondenOp": fields["plaatsgevondenOp"].to_representation(
                contact.plaatsgevonden_op
            ),
            "indicatieContactGelukt": bool(contact.indicatie_contact_gelukt),
            "taal": str(contact.taal),
            "vertrouwelijk": bool(contact.vertrouwelijk),
            "vertrouwelijkTeam": (
                None if contact.vertrouwelijk_team is None else str(contact.vertrouwelijk_team.slug)
            ),
            "afgeschermd": bool(contact.afgeschermd),
            "betrokkenen": self.get_betrokkenen(contact),
            "onderwerpobjecten": [_onderwerpobject(vraag) for vraag in contact.vragen.all()],
            "internetaken": self.get_internetaken(contact),
            "duur": fields["duur"].to_representation(duur) if duur is not None else None,
        }

    def generic_representation(self, instance: Klantcontact) -> dict:
        return dict(super().to_representation(instance))

    @extend_schema_field(BetrokkeneSerializer(many=True))
    def get_betrokkenen(self, contact: Klantcontact) -> list[dict]:
        if contact.partij is None:
            return []
        return [{"partij": contact.partij.uuid, "rol": "klant"}]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_internetaken(self, contact: Klantcontact) -> list:
        """The UUIDs of the contactverzoeken (interne taken) this contact led to."""
        # .all(): the list's prefetch (ordered by pk) answers it without a query per contact.
        return [v.uuid for v in sorted(contact.contactverzoeken.all(), key=lambda v: v.pk)]


def _onderwerpobject(vraag) -> dict:
    product = vraag.product
    verwezen = vraag.doorverwezen_naar
    return {
        "vraagtekst": str(vraag.vraagtekst),
        "product": None
        if product is None
        else {"uuid": str(product.uuid), "uplNaam": product.upl_naam, "uri": product.upl_uri},
        "contactreden": str(vraag.contactreden.code),
        "afhandeling": str(vraag.afhandeling),
        "antwoord": str(vraag.antwoord),
        "doorverwezenNaar": None if verwezen is None else str(verwezen.slug),
    }


# --- klantcontacten: input -----------------------------------------------------------------


class ActorSerializer(serializers.Serializer):
    soortActor = serializers.ChoiceField(
        choices=[(ACTOR_TEAM, "Organisatorische eenheid (team)"), (ACTOR_MEDEWERKER, "Medewerker")]
    )
    identificatie = serializers.CharField(
        help_text="De code (slug) van het team of de gebruikersnaam van de medewerker."
    )
    naam = serializers.CharField(read_only=True)


def _team(slug: str) -> Team:
    team = Team.objects.filter(slug=slug).first()
    if team is None:
        raise serializers.ValidationError(f"Er is geen team met de code '{slug}'.")
    return team


def _medewerker(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise serializers.ValidationError(f"Er is geen medewerker '{username}'.")
    return user


def _actoren(actoren: list[dict]) -> dict:
    soorten = [actor["soortActor"] for actor in actoren]
    if len(soorten) != len(set(soorten)):
        raise serializers.ValidationError("Geef hoogstens één team en één medewerker op.")
    resolved: dict[str, Any] = {"team": None, "medewerker": None}
    for actor in actoren:
        if actor["soortActor"] == ACTOR_TEAM:
            resolved["team"] = _team(actor["identificatie"])
        else:
            resolved["medewerker"] = _medewerker(actor["identificatie"])
    return resolved


class VerzoekInVraagSerializer(serializers.Serializer):
    """The contactverzoek of a question handled as 'contactverzoek', made in the same call (and
    transaction) as the klantcontact."""

    toegewezenAanActoren = ActorSerializer(
        many=True, help_text="Het team (organisatorische_eenheid) en/of de medewerker."
    )
    gevraagdeHandeling = serializers.CharField(allow_blank=True, max_length=500, default="")
    terugbelnummer = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )
    email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_TEKST
    )

    def validate_toegewezenAanActoren(self, actoren: list[dict]) -> dict:
        return _actoren(actoren)


class VragenListSerializer(serializers.ListSerializer):
    """Too many questions are refused before any is looked up, with the message at `vragen`."""

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) > MAX_VRAGEN:
            raise serializers.ValidationError(
                [f"Leg hoogstens {MAX_VRAGEN} vragen vast in één klantcontact."]
            )
        return super().to_internal_value(data)


class VraagInputSerializer(serializers.Serializer):
    vraagtekst = serializers.CharField(max_length=2000, help_text="De vraag van de klant.")
    contactreden = serializers.CharField(help_text="Code van de contactreden.")
    afhandeling = serializers.ChoiceField(choices=Afhandeling.choices)
    product = serializers.UUIDField(
        required=False, allow_null=True, help_text="UUID van het product (of geef uplNaam)."
    )
    uplNaam = serializers.CharField(
        required=False, allow_blank=True, help_text="UPL-naam van het product (of geef product)."
    )
    antwoord = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_TEKST
    )
    doorverwezenNaar = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisatie.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code van de organisatie waarnaar u verwijst; verplicht bij afhandeling "
        "'doorverwezen'.",
    )

    contactverzoek = VerzoekInVraagSerializer(
        required=False,
        help_text="Bij afhandeling 'contactverzoek': wie terugbelt en wat er gevraagd is; het "
        "contactverzoek wordt in dezelfde aanroep uitgezet.",
    )

    class Meta:
        list_serializer_class = VragenListSerializer

    def validate_contactreden(self, value: str) -> Contactreden:
        reden = Contactreden.objects.select_related("hoofdreden").filter(code=value).first()
        if reden is None:
            raise serializers.ValidationError(f"Onbekende contactreden '{value}'.")
        return reden

    def validate(self, attrs):
        uuid, upl_naam = attrs.pop("product", None), (attrs.pop("uplNaam", "") or "").strip()
        product = None
        if uuid is not None:
            product = Product.objects.filter(uuid=uuid).first()
            if product is None:
                raise serializers.ValidationError({"product": ["Er is geen product met dit UUID."]})
        if upl_naam:
            by_name = Product.objects.filter(upl_naam__iexact=upl_naam).first()
            if by_name is None:
                raise serializers.ValidationError(
                    {"uplNaam": [f"Er is geen product met de UPL-naam '{upl_naam}'."]}
                )
            if product is not None and by_name.pk != product.pk:
                raise serializers.ValidationError(
                    {"uplNaam": ["De UPL-naam hoort niet bij het opgegeven product."]}
                )
            product = by_name
        attrs["product"] = product
        return attrs


class KlantcontactCreateSerializer(serializers.Serializer):
    kanaal = serializers.CharField(help_text="Code van het kanaal, bijv. 'telefoon'.")
    partij = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="UUID van de klant; leeg bij een anoniem contact.",
    )
    onderwerp = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    inhoud = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_TEKST
    )
    plaatsgevondenOp = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Standaard: nu."
    )
    duur = serializers.DurationField(
        required=False, allow_null=True, help_text="Duur van het contact, bijv. 'PT5M'."
    )
    vragen = VraagInputSerializer(  # type: ignore[call-arg]  # ListSerializer takes max_length; the stubs miss it
        many=True, max_length=MAX_VRAGEN, help_text=f"Eén tot {MAX_VRAGEN} vragen."
    )
    idempotencyKey = serializers.CharField(
        required=False,
        allow_blank=False,
        max_length=100,
        help_text="Kenmerk van de inzending (of de header Idempotency-Key); een herhaalde "
        "inzending wordt één keer vastgelegd.",
    )
    vertrouwelijk = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Vertrouwelijk (sociaal domein, huiselijk geweld, schulden): alleen het team "
        "in vertrouwelijkTeam leest de inhoud.",
    )
    vertrouwelijkTeam = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Team.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code (slug) van het team dat het vertrouwelijke contact mag inzien; "
        "verplicht bij vertrouwelijk.",
    )

    def validate(self, attrs):
        team = attrs.get("vertrouwelijkTeam")
        if attrs.get("vertrouwelijk") and team is None:
            raise serializers.ValidationError(
                {"vertrouwelijkTeam": ["Kies het team dat dit vertrouwelijke contact mag inzien."]}
            )
        if team is not None and not attrs.get("vertrouwelijk"):
            raise serializers.ValidationError(
                {"vertrouwelijkTeam": ["Een team met inzage geldt alleen bij vertrouwelijk: true."]}
            )
        return attrs

    def validate_kanaal(self, value: str) -> Kanaal:
        kanaal = Kanaal.objects.filter(code=value).first()
        if kanaal is None:
            raise serializers.ValidationError(f"Onbekend kanaal '{value}'.")
        return kanaal

    def validate_duur(self, value):
        if value is not None and not dt.timedelta(0) <= value <= MAX_DUUR:
            raise serializers.ValidationError(
                "De duur van een contact ligt tussen 0 en 24 uur, bijvoorbeeld PT5M."
            )
        return value

    def validate_vragen(self, vragen: list[dict]) -> list[dict]:
        if not vragen:
            raise serializers.ValidationError("Leg ten minste één vraag vast.")
        return vragen

    def validate_partij(self, value):
        if value is None:
            return None
        partij = Partij.objects.filter(uuid=value).first()
        if partij is None:
            raise serializers.ValidationError("Er is geen partij met dit UUID.")
        return partij


# --- interne taken (contactverzoeken) ------------------------------------------------------


class KlantcontactRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    referentienummer = serializers.CharField()


class GebeurtenisSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=GebeurtenisSoort.choices)
    op = serializers.DateTimeField()
    door = serializers.SerializerMethodField(help_text="Gebruikersnaam; leeg voor het systeem.")
    detail = serializers.JSONField()

    def get_door(self, gebeurtenis) -> str | None:
        return gebeurtenis.door.get_username() if gebeurtenis.door_id else None


class InterneTaakSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    nummer = serializers.IntegerField(source="pk")
    aanleidinggevendKlantcontact = KlantcontactRefSerializer(source="klantcontact")
    gevraagdeHandeling = serializers.CharField(source="gevraagde_handeling")
    toegewezenAanActoren = serializers.SerializerMethodField()
    toelichting = serializers.CharField()
    status = serializers.ChoiceField(choices=ContactverzoekStatus.choices)
    toegewezenOp = serializers.SerializerMethodField()
    afgehandeldOp = serializers.DateTimeField(source="afgehandeld_op", allow_null=True)
    deadline = serializers.DateTimeField(help_text="Loket-uitbreiding: uiterste behandeldatum.")
    resultaat = serializers.CharField()
    gebeurtenissen = serializers.SerializerMethodField(
        help_text="Loket-uitbreiding: de historie van de taak, oudste eerst."
    )

    @extend_schema_field(ActorSerializer(many=True))
    def get_toegewezenAanActoren(self, verzoek: Contactverzoek) -> list[dict]:
        actoren = []
        if verzoek.team is not None:
            actoren.append(
                {
                    "soortActor": ACTOR_TEAM,
                    "identificatie": verzoek.team.slug,
                    "naam": verzoek.team.name,
                }
            )
        if verzoek.medewerker is not None:
            actoren.append(
                {
                    "soortActor": ACTOR_MEDEWERKER,
                    "identificatie": verzoek.medewerker.get_username(),
                    "naam": str(verzoek.medewerker),
                }
            )
        return actoren

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_toegewezenOp(self, verzoek: Contactverzoek):
        moments = [g.op for g in verzoek.gebeurtenissen.all() if g.soort in ASSIGNMENT_EVENTS]
        return serializers.DateTimeField().to_representation(max(moments)) if moments else None

    @extend_schema_field(GebeurtenisSerializer(many=True))
    def get_gebeurtenissen(self, verzoek: Contactverzoek) -> list[dict]:
        return list(GebeurtenisSerializer(verzoek.gebeurtenissen.all(), many=True).data)


class InterneTaakFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ContactverzoekStatus.choices, required=False)
    team = serializers.CharField(required=False, help_text="Code (slug) van het team.")


class InterneTaakCreateSerializer(serializers.Serializer):
    aanleidinggevendKlantcontact = serializers.UUIDField(help_text="UUID van het klantcontact.")
    vraag = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Volgnummer (vanaf 1) van de vraag in het klantcontact; standaard de eerste "
        "vraag met afhandeling 'contactverzoek'.",
    )
    gevraagdeHandeling = serializers.CharField(allow_blank=True, max_length=500)
    toegewezenAanActoren = ActorSerializer(many=True)
    terugbelnummer = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )
    email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_TEKST
    )

    def validate_toegewezenAanActoren(self, actoren: list[dict]) -> dict:
        return _actoren(actoren)

    def validate(self, attrs):
        contact = Klantcontact.objects.filter(uuid=attrs["aanleidinggevendKlantcontact"]).first()
        if contact is None:
            raise serializers.ValidationError(
                {"aanleidinggevendKlantcontact": ["Er is geen klantcontact met dit UUID."]}
            )
        vragen = list(Vraag.objects.filter(klantcontact=contact).order_by("pk"))
        nummer = attrs.get("vraag")
        if nummer is not None:
            if nummer > len(vragen):
                raise serializers.ValidationError(
                    {"vraag": [f"Het klantcontact heeft {len(vragen)} vraag/vragen."]}
                )
            vraag = vragen[nummer - 1]
        else:
            vraag = next((v for v in vragen if v.afhandeling == Afhandeling.CONTACTVERZOEK), None)
            if vraag is None:
                raise serializers.ValidationError(
                    {
                        "aanleidinggevendKlantcontact": [
                            "Dit klantcontact heeft geen vraag met afhandeling 'contactverzoek'."
                        ]
                    }
                )
        attrs["vraag"] = vraag
        return attrs


class InterneTaakActie:
    TOEWIJZEN = "toewijzen"
    DOORSTUREN = "doorsturen"
    TERUGBELPOGING = "terugbelpoging"
    AFSLUITEN = "afsluiten"
    HEROPENEN = "heropenen"

    choices = [
        (TOEWIJZEN, "Aan mij toewijzen"),
        (DOORSTUREN, "Doorsturen naar een team of medewerker"),
        (TERUGBELPOGING, "Terugbelpoging vastleggen"),
        (AFSLUITEN, "Afsluiten met een resultaat"),
        (HEROPENEN, "Heropenen (teamleider)"),
    ]


class InterneTaakActieSerializer(serializers.Serializer):
    """One action on the task; the fields it needs depend on `actie`."""

    actie = serializers.ChoiceField(choices=InterneTaakActie.choices)
    team = serializers.CharField(required=False, help_text="doorsturen: code van het team.")
    medewerker = serializers.CharField(
        required=False, help_text="doorsturen: gebruikersnaam van de medewerker."
    )
    bereikt = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="terugbelpoging: klant bereikt?"
    )
    kanaal = serializers.CharField(
        required=False, help_text="terugbelpoging (verplicht) of afsluiten: code van het kanaal."
    )
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_TEKST,
        help_text="terugbelpoging: wat besproken is.",
    )
    resultaat = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_TEKST,
        help_text="afsluiten: het resultaat.",
    )
    reden = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_TEKST,
        help_text="heropenen: de reden.",
    )

    def validate_team(self, value: str) -> Team:
        return _team(value)

    def validate_medewerker(self, value: str):
        return _medewerker(value)

    def validate(self, attrs):
        actie = attrs["actie"]
        if actie == InterneTaakActie.DOORSTUREN and not (
            attrs.get("team") or attrs.get("medewerker")
        ):
            raise serializers.ValidationError(
                {"team": ["Kies een team of een medewerker om naar door te sturen."]}
            )
        if actie == InterneTaakActie.TERUGBELPOGING:
            if attrs.get("bereikt") is None:
                raise serializers.ValidationError({"bereikt": ["Geef aan of de klant is bereikt."]})
            if not attrs.get("kanaal"):
                raise serializers.ValidationError(
                    {"kanaal": ["Geef het kanaal van de terugbelpoging op."]}
                )
        return attrs
