"""GET /api/v1/partijen/ and /api/v1/partijen/{uuid}/ — thin: parse, call a selector, render."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from loket.accounts.permissions import VIEW_PERSON_DATA
from loket.api.common import DOEL_PARAMETER, Pagination, doel_from_request
from loket.parties.api.serializers import PartijFilterSerializer, PartijSerializer
from loket.parties.models import Partij
from loket.parties.selectors import partij_get, partij_list


class PartijBaseView(GenericAPIView):
    scope = "partijen"
    session_permissions = {"lezen": [VIEW_PERSON_DATA]}
    serializer_class = PartijSerializer
    filter_backends: list = []
    # Reads go through the audited selectors, never through this queryset (schema only).
    queryset = Partij.objects.none()


class PartijListView(PartijBaseView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="partij_list",
        summary="Partijen opvragen",
        description="Alle partijen, of die met een bepaald BSN of KVK-nummer. Elke getoonde "
        "partij wordt met het doel vastgelegd in het auditlog.",
        tags=["partijen"],
        parameters=[
            DOEL_PARAMETER,
            OpenApiParameter("bsn", OpenApiTypes.STR, description="Burgerservicenummer."),
            OpenApiParameter("kvkNummer", OpenApiTypes.STR, description="KVK-nummer."),
        ],
        responses={200: PartijSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        doel = doel_from_request(request)
        filters = PartijFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        partijen = partij_list(
            user=request.user,
            purpose=doel,
            bsn=filters.validated_data.get("bsn") or None,
            kvk_nummer=filters.validated_data.get("kvkNummer") or None,
        )
        # AuditedPartijList pages like a queryset (count, slicing) and audits the rows handed out.
        page = self.paginate_queryset(partijen)  # type: ignore[arg-type]
        return self.get_paginated_response(PartijSerializer(page, many=True).data)


class PartijDetailView(PartijBaseView):
    lookup_field = "uuid"

    @extend_schema(
        operation_id="partij_retrieve",
        summary="Een partij opvragen",
        description="De partij met dit UUID. Het inzien wordt met het doel vastgelegd in het auditlog.",
        tags=["partijen"],
        parameters=[
            DOEL_PARAMETER,
            OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH),
        ],
        responses={200: PartijSerializer, 404: OpenApiResponse(description="Onbekende partij.")},
    )
    def get(self, request: Request, uuid: str) -> Response:
        doel = doel_from_request(request)
        try:
            partij = partij_get(uuid=uuid, user=request.user, purpose=doel)
        except Partij.DoesNotExist:
            raise exceptions.NotFound("Er is geen partij met dit UUID.") from None
        return Response(PartijSerializer(partij).data)
