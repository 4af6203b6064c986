from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from loket.accounts.permissions import VIEW_KNOWLEDGE
from loket.knowledge.api.serializers import ZoekFilterSerializer, ZoekresultaatSerializer
from loket.knowledge.links import resolve_article_links
from loket.knowledge.selectors import kennis_search


class KennisZoekenView(APIView):
    scope = "kennis"
    session_permissions = {"lezen": [VIEW_KNOWLEDGE]}

    @extend_schema(
        tags=["kennis"],
        operation_id="kennis_zoeken",
        summary="Zoek het antwoord in de kennisbank",
        description=(
            "Zoekt in de gepubliceerde kennisartikelen en alle producten, vanuit de woorden van de "
            "inwoner. Elk resultaat noemt de producten (UPL-naam en URI) en de artikelversie: "
            "hetzelfde antwoord als in het KCC en op de website."
        ),
        parameters=[ZoekFilterSerializer],
        responses={
            200: ZoekresultaatSerializer,
            400: OpenApiResponse(description="Ongeldige parameter."),
            401: OpenApiResponse(description="Geen of een onbekend token."),
            403: OpenApiResponse(description="Het token heeft de scope 'kennis:lezen' niet."),
        },
    )
    def get(self, request):
        params = ZoekFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        result = kennis_search(**params.validated_data)
        # Articles link by target (`loket:formulier`); a client outside Loket gets the address.
        basis = request.build_absolute_uri("/").rstrip("/")
        for antwoord in result.antwoorden:
            antwoord.tekst = resolve_article_links(
                antwoord.tekst, producten=antwoord.producten, basis=basis
            )
        return Response(ZoekresultaatSerializer(result).data)
