"""POST /api/v1/telefonie/gebeurtenissen — the telephony platform reports call events."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from loket.core.errors import DomainError
from loket.insights.api.serializers import GebeurtenisInSerializer, GebeurtenisOutSerializer
from loket.insights.services import telefonie_gebeurtenis_process

FIELDS = {"gesprek_id": "gesprekId"}


class GebeurtenisView(GenericAPIView):
    scope = "telefonie"
    session_permissions: dict = {}  # tokens of the telephony platform only
    serializer_class = GebeurtenisInSerializer

    @extend_schema(
        operation_id="telefonie_gebeurtenis_create",
        summary="Een gebeurtenis van een telefoongesprek melden",
        description="Aangeboden (in de wachtrij), beantwoord, opgehangen in de wachtrij (verlaten) "
        "of beëindigd, met tijdstip, gesprek-ID en wachtrij. Een gebeurtenis die al eerder kwam "
        "(zelfde gesprek en soort) wordt herkend: 200 met dubbel=true, en telt niet dubbel mee.",
        tags=["telefonie"],
        request=GebeurtenisInSerializer,
        responses={
            201: GebeurtenisOutSerializer,
            200: OpenApiResponse(GebeurtenisOutSerializer, description="Al eerder ontvangen."),
            400: OpenApiResponse(description="Ongeldige gebeurtenis; het veld staat in de fout."),
            401: OpenApiResponse(description="Geen of een onbekend token."),
            403: OpenApiResponse(description="Het token heeft niet de scope telefonie:schrijven."),
        },
    )
    def post(self, request: Request) -> Response:
        data_in = GebeurtenisInSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        try:
            result = telefonie_gebeurtenis_process(
                gesprek_id=data["gesprekId"],
                soort=data["soort"],
                tijdstip=data["tijdstip"],
                wachtrij=data.get("wachtrij", ""),
                beller=data.get("beller", ""),
                gebeld=data.get("gebeld", ""),
                toestel=data.get("toestel", ""),
            )
        except DomainError as exc:
            raise exceptions.ValidationError(
                {FIELDS.get(k, k): v for k, v in exc.as_dict().items()}
            ) from None
        return Response(
            GebeurtenisOutSerializer(result).data,
            status=status.HTTP_200_OK if result.dubbel else status.HTTP_201_CREATED,
        )
