"""POST /api/v1/notificaties/callback/: the callback where other components (an Open
Notificaties service, an Open Zaak) deliver notifications to Loket."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from loket.notificaties.services import ID_HEADER, notificatie_receive

_MESSAGE = inline_serializer(
    "NotificatieBericht",
    {
        "kanaal": serializers.CharField(),
        "hoofdObject": serializers.URLField(),
        "resource": serializers.CharField(),
        "resourceUrl": serializers.URLField(),
        "actie": serializers.CharField(),
        "aanmaakdatum": serializers.DateTimeField(),
        "kenmerken": serializers.DictField(child=serializers.CharField(), required=False),
    },
)


class NotificatieCallbackView(APIView):
    scope = "notificaties"
    session_permissions: dict = {}  # for other components only: no medewerker session
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="notificatie_ontvangen",
        summary="Notificatie ontvangen (Notificaties API 1.0)",
        description="Een ander component meldt een wijziging. Hetzelfde bericht nogmaals "
        f"(dezelfde {ID_HEADER}-header, of anders dezelfde inhoud) wordt één keer vastgelegd.",
        tags=["notificaties"],
        request=_MESSAGE,
        responses={
            204: OpenApiResponse(description="Ontvangen."),
            400: OpenApiResponse(description="Ongeldig bericht; het veld staat in de fout."),
        },
    )
    def post(self, request: Request) -> Response:
        # A DomainError becomes a 400 naming the field (loket.api.exceptions).
        notificatie_receive(
            data=request.data,
            afzender=str(request.user),
            bericht_id=request.headers.get(ID_HEADER, "")[:100],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
