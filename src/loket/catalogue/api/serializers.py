from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from loket.catalogue.models import Dienstverleningsformule, Kanaalvoorkeur, Product
from loket.catalogue.selectors import DOELGROEPEN, OVERHEIDSLAGEN

SOORTEN = {
    "aanvraag": "is_aanvraag",
    "melding": "is_melding",
    "subsidie": "is_subsidie",
    "verplichting": "is_verplichting",
}


class ProductFilterSerializer(serializers.Serializer):
    """Query parameters of the product list."""

    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Zoekwoorden in de naam."
    )
    doelgroep = serializers.ChoiceField(
        choices=list(DOELGROEPEN), required=False, help_text="Voor burgers of voor bedrijven."
    )
    overheidslaag = serializers.ChoiceField(
        choices=list(OVERHEIDSLAGEN),
        required=False,
        help_text="De overheidslaag die het product levert; standaard de gemeente.",
    )


class GrondslagSerializer(serializers.Serializer):
    # A field called 'label' (the API's name) shadows Field.label in the stubs; DRF allows it.
    label = serializers.CharField(help_text="Naam van de wettelijke grondslag.")  # type: ignore[assignment]
    uri = serializers.CharField(help_text="URI van de grondslag (standaarden.overheid.nl).")
    link = serializers.CharField(help_text="Link naar de wettekst (kan leeg zijn).")


class OrganisatieRefSerializer(serializers.Serializer):
    """The organisation that handles a product or answer: where the citizen is referred to."""

    code = serializers.CharField(source="slug")
    naam = serializers.CharField()
    website = serializers.CharField(help_text="Kan leeg zijn als er een telefoonnummer is.")
    telefoon = serializers.CharField(help_text="Kan leeg zijn als er een website is.")
    openingstijden = serializers.CharField()
    doorverbinden = serializers.BooleanField(help_text="Het KCC kan warm doorverbinden.")


class DienstverleningsformuleSerializer(serializers.ModelSerializer):
    """The product's service formula and its measurable guarantees."""

    class Meta:
        model = Dienstverleningsformule
        fields = [
            "code",
            "naam",
            "belofte",
            "altijd_beschikbaar",
            "zonder_medewerker",
            "bij_eerste_contact",
            "max_afhandeltijd_minuten",
            "max_afhandeltijd_werkdagen",
            "eerste_reactie_werkdagen",
            "max_wachttijd_balie_minuten",
        ]
        read_only_fields = fields


def _flags(product: Product, mapping: dict[str, str]) -> list[str]:
    return [name for name, field in mapping.items() if getattr(product, field)]


class ProductSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="producten:detail", lookup_field="uuid", read_only=True
    )
    naam = serializers.CharField(read_only=True, help_text="Naam voor inwoners.")
    overheidslagen = serializers.SerializerMethodField()
    doelgroepen = serializers.SerializerMethodField()
    soorten = serializers.SerializerMethodField()
    sdg_codes = serializers.SerializerMethodField()
    grondslagen = GrondslagSerializer(many=True, read_only=True)
    organisatie = OrganisatieRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="De organisatie die het product regelt als dat niet de gemeente is.",
    )
    dienstverleningsformule = DienstverleningsformuleSerializer(read_only=True, allow_null=True)
    kanalen = serializers.SerializerMethodField(
        help_text="Waarlangs de inwoner het product kan regelen (Click-Call-Face)."
    )
    levensgebeurtenissen = serializers.SerializerMethodField(
        help_text="Codes van de levensgebeurtenissen waarbij het product hoort."
    )
    webpagina = serializers.SerializerMethodField(
        help_text="Het pad van de productpagina in het portaal voor inwoners."
    )

    class Meta:
        model = Product
        fields = [
            "url",
            "uuid",
            "naam",
            "upl_naam",
            "upl_uri",
            "titel",
            "samenvatting",
            "overheidslagen",
            "doelgroepen",
            "soorten",
            "sdg_codes",
            "grondslagen",
            "organisatie",
            "voorwaarden",
            "kosten",
            "benodigdheden",
            "wettelijke_termijn_werkdagen",
            "servicenorm_werkdagen",
            "complexiteit",
            "snelheid",
            "kanalen",
            "voorkeurskanaal",
            "kanaaladvies",
            "dienstverleningsformule",
            "levensgebeurtenissen",
            "webpagina",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(list(OVERHEIDSLAGEN))))
    def get_overheidslagen(self, product: Product) -> list[str]:
        return _flags(product, OVERHEIDSLAGEN)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(list(DOELGROEPEN))))
    def get_doelgroepen(self, product: Product) -> list[str]:
        return _flags(product, DOELGROEPEN)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(list(SOORTEN))))
    def get_soorten(self, product: Product) -> list[str]:
        return _flags(product, SOORTEN)

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(Kanaalvoorkeur.values))
    )
    def get_kanalen(self, product: Product) -> list[str]:
        return product.kanalen

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_levensgebeurtenissen(self, product: Product) -> list[str]:
        return [gebeurtenis.slug for gebeurtenis in product.levensgebeurtenissen.all()]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_webpagina(self, product: Product) -> str | None:
        return product.get_absolute_url() if product.slug else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_sdg_codes(self, product: Product) -> list[str]:
        return [code for code in product.sdg_code.split(";") if code]
