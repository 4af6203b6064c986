from rest_framework import serializers

from loket.catalogue.api.serializers import OrganisatieRefSerializer
from loket.knowledge.constants import KANAAL_VARIANTEN


class ZoekFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="De vraag in eigen woorden."
    )
    kanaal = serializers.ChoiceField(choices=list(KANAAL_VARIANTEN), default="web")
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)
    uitleg = serializers.BooleanField(
        default=False, help_text="Toon per resultaat waarom het zo hoog staat."
    )


class KennisProductSerializer(serializers.Serializer):
    uplNaam = serializers.CharField(source="upl_naam")
    uri = serializers.URLField(source="upl_uri")


class VersieRefSerializer(serializers.Serializer):
    artikel = serializers.UUIDField(source="artikel.uuid")
    nummer = serializers.IntegerField()
    gepubliceerdOp = serializers.DateTimeField(source="gepubliceerd_op")


class UitlegSerializer(serializers.Serializer):
    term = serializers.CharField()
    bijdrage = serializers.FloatField()


class AntwoordSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=["artikel", "product"])
    titel = serializers.CharField()
    tekst = serializers.CharField(help_text="De tekst voor het gevraagde kanaal.")
    score = serializers.FloatField()
    producten = KennisProductSerializer(many=True)
    versie = VersieRefSerializer(allow_null=True)
    uitleg = UitlegSerializer(many=True)
    organisatie = OrganisatieRefSerializer(
        allow_null=True,
        help_text="De organisatie die het regelt, als dat niet de gemeente is (verwijzing).",
    )
    regeltUBij = serializers.CharField(
        source="regelt_u_bij",
        allow_blank=True,
        help_text="'Regelt u bij <organisatie>' met website, telefoon en openingstijden; leeg "
        "als de gemeente het regelt.",
    )


class HulplijnSerializer(serializers.Serializer):
    naam = serializers.CharField()
    nummer = serializers.CharField(help_text="Het telefoonnummer, bijvoorbeeld '0800-2000'.")
    tekst = serializers.CharField(help_text="De zin die de inwoner te zien of te horen krijgt.")


class ZoekresultaatSerializer(serializers.Serializer):
    q = serializers.CharField()
    melding = serializers.CharField(allow_blank=True)
    ingekort = serializers.BooleanField()
    hulplijnen = HulplijnSerializer(
        many=True,
        help_text="Als de vraag wijst op gevaar (geweld, zelfdoding): de hulplijnen die vóór elk "
        "antwoord getoond moeten worden, de dringendste eerst (112). Meestal leeg.",
    )
    antwoorden = AntwoordSerializer(many=True)
