"""/api/v1/berichten/: the outbox for other systems — queue a message, read its delivery status."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from loket.accounts.permissions import MANAGE_PROACTIVE_RULES
from loket.api.common import DOEL_HEADER, Pagination, doel_from_request
from loket.core.access import idempotency_client_of
from loket.core.errors import DomainError
from loket.messaging.api.serializers import (
    BerichtFilterSerializer,
    BerichtInputSerializer,
    BerichtSerializer,
)
from loket.messaging.models import Bericht
from loket.messaging.selectors import bericht_get, bericht_list, berichten_audit_read
from loket.messaging.services import bericht_queue
from loket.parties.models import Partij

DOEL_PARAMETER = OpenApiParameter(
    name=DOEL_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description="Het doel waarvoor de berichten worden ingezien; vastgelegd in het auditlog.",
)


class BerichtPagination(Pagination):
    max_page_size = 200


class BerichtBaseView(GenericAPIView):
    scope = "berichten"
    session_permissions = {
        "lezen": [MANAGE_PROACTIVE_RULES],
        "schrijven": [MANAGE_PROACTIVE_RULES],
    }
    serializer_class = BerichtSerializer
    filter_backends: list = []
    queryset = Bericht.objects.none()  # reads go through the audited selectors


class BerichtListView(BerichtBaseView):
    pagination_class = BerichtPagination

    @extend_schema(
        operation_id="bericht_list",
        summary="Berichten en hun bezorgstatus",
        description="Berichten uit de outbox, nieuwste eerst, met status (wachtrij, verzenden, "
        "verzonden, mislukt), pogingen en de laatste fout. Het inzien wordt vastgelegd.",
        tags=["berichten"],
        parameters=[DOEL_PARAMETER, BerichtFilterSerializer],
        responses={200: BerichtSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        doel = doel_from_request(request)
        filters = BerichtFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        berichten = bericht_list(**filters.validated_data)
        page = self.paginate_queryset(berichten)
        berichten_audit_read(user=request.user, berichten=page or [], purpose=doel)
        return self.get_paginated_response(BerichtSerializer(page, many=True).data)

    @extend_schema(
        operation_id="bericht_create",
        summary="Een bericht in de outbox zetten",
        description="Zet een bericht in de wachtrij; de worker verstuurt het. Idempotent op "
        "`sleutel`, per client (token of medewerker): dezelfde client met dezelfde sleutel krijgt "
        "het eerste bericht terug (200) en er wordt niets opnieuw verstuurd; een andere client "
        "met dezelfde sleutel maakt een nieuw bericht. De sleutel wordt opgeslagen als "
        "`api:<client>:<sleutel>`.",
        tags=["berichten"],
        request=BerichtInputSerializer,
        responses={
            201: BerichtSerializer,
            200: OpenApiResponse(BerichtSerializer, description="Bestond al (zelfde sleutel)."),
            400: OpenApiResponse(description="Ongeldige invoer, per veld een Nederlandse melding."),
        },
    )
    def post(self, request: Request) -> Response:
        data = BerichtInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        partij = None
        if values.get("partij"):
            partij = Partij.objects.filter(uuid=values["partij"]).first()
            if partij is None:
                raise exceptions.ValidationError({"partij": ["Er is geen partij met dit UUID."]})
        try:
            with transaction.atomic():
                bericht, created = bericht_queue(
                    # Scoped to the client: another client's (or Loket's own) key is never
                    # matched, so a guessed key cannot read someone's message.
                    sleutel=f"api:{idempotency_client_of(request.user)}:{values['sleutel']}",
                    onderwerp=values["onderwerp"],
                    tekst=values["tekst"],
                    soort=values["soort"],
                    partij=partij,
                    kanaal=values.get("kanaal") or None,
                    adres=values.get("adres", ""),
                    aanleiding_type="api",
                )
        except DomainError as exc:
            raise exceptions.ValidationError(exc.as_dict()) from None
        return Response(
            BerichtSerializer(bericht).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class BerichtDetailView(BerichtBaseView):
    @extend_schema(
        operation_id="bericht_retrieve",
        summary="Eén bericht en zijn bezorgstatus",
        tags=["berichten"],
        parameters=[DOEL_PARAMETER, OpenApiParameter("uuid", OpenApiTypes.UUID, "path")],
        responses={200: BerichtSerializer, 404: OpenApiResponse(description="Onbekend bericht.")},
    )
    def get(self, request: Request, uuid: str) -> Response:
        doel = doel_from_request(request)
        bericht = bericht_get(uuid=uuid, user=request.user, purpose=doel)
        if bericht is None:
            raise exceptions.NotFound("Er is geen bericht met dit UUID.")
        return Response(BerichtSerializer(bericht).data)
