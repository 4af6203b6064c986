"""ZGW-style zaken and statussen: thin views over loket.cases (services and selectors)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from loket.accounts.permissions import HANDLE_CASES
from loket.api.common import (
    DOEL_HEADER,
    DOEL_PARAMETER,
    Pagination,
    audit_page,
    doel_from_request,
    is_token,
)
from loket.cases.api.serializers import (
    BSN_FILTER,
    StatusCreateSerializer,
    StatusFilterSerializer,
    StatusSerializer,
    ZaakCreateSerializer,
    ZaakFilterSerializer,
    ZaakSerializer,
)
from loket.cases.models import Status, Zaak
from loket.cases.selectors import (
    access_zaak,
    status_list_for_api,
    zaak_get_for_api,
    zaak_list_for_api,
)
from loket.cases.services import zaak_create, zaak_set_status
from loket.core.errors import DomainError

ERRORS = {
    401: OpenApiResponse(description="Geen of een onbekend token."),
    403: OpenApiResponse(description="Het token heeft de benodigde scope niet."),
}
FIELDS = {
    "statustype": "statustype",
    "datum": "datumStatusGezet",
    "startdatum": "startdatum",
    "omschrijving": "omschrijving",
    "zaaktype": "zaaktype",
    "resultaattype": "resultaat",
}


def _errors(exc: DomainError):
    errors: dict[str, list[str]] = {}
    for field, messages in exc.as_dict().items():
        errors.setdefault(FIELDS.get(field, field), []).extend(messages)
    return exceptions.ValidationError(errors)


def _user(request):
    return None if is_token(request) else request.user


class ZaakBaseView(GenericAPIView):
    scope = "zaken"
    session_permissions = {
        "lezen": [HANDLE_CASES],
        "schrijven": [HANDLE_CASES],
    }
    serializer_class = ZaakSerializer
    filter_backends: list = []
    queryset = Zaak.objects.none()


BSN_PARAMETER = OpenApiParameter(
    BSN_FILTER,
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=f"BSN van de initiator. Vereist de header {DOEL_HEADER}; het inzien wordt in het "
    "auditlog vastgelegd.",
)


class ZaakListView(ZaakBaseView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="zaak_list",
        summary="Zaken opvragen",
        description="Zaken, nieuwste eerst, te filteren op zaaktype, zaaknummer, open/afgesloten, "
        "startdatum en (met doel) het BSN van de initiator. De initiator wordt alleen als UUID "
        "van de partij getoond.",
        tags=["zaken"],
        parameters=[ZaakFilterSerializer, BSN_PARAMETER, DOEL_PARAMETER],
        responses={
            200: ZaakSerializer(many=True),
            400: OpenApiResponse(description="Ongeldig filter."),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> Response:
        filters = ZaakFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        bsn = request.query_params.get(BSN_FILTER, "").strip()
        purpose = doel_from_request(request)
        try:
            zaken = zaak_list_for_api(
                user=request.user,
                zaaktype=data.get("zaaktype"),
                identificatie=data.get("identificatie"),
                status=data.get("status"),
                startdatum_vanaf=data.get("startdatum__gte"),
                startdatum_tot=data.get("startdatum__lte"),
                initiator_bsn=bsn or None,
                purpose=purpose,
            )
        except DomainError as exc:
            raise _errors(exc) from None
        page = self.paginate_queryset(zaken)
        audit_page(request, page, person=lambda z: z.initiator, purpose=purpose, gegevens="zaken")
        return self.get_paginated_response(
            ZaakSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="zaak_create",
        summary="Een zaak aanmaken",
        description="Start een zaak van het zaaktype: streefdatum en fatale datum in werkdagen "
        "volgens de normen van het zaaktype, en de eerste status.",
        tags=["zaken"],
        request=ZaakCreateSerializer,
        responses={
            201: ZaakSerializer,
            400: OpenApiResponse(description="Ongeldige invoer."),
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ZaakCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            zaak = zaak_create(
                zaaktype=data["zaaktype"],
                initiator=data.get("initiator"),
                omschrijving=data.get("omschrijving", ""),
                startdatum=data.get("startdatum"),
                bron=data.get("bron", ""),
                user=_user(request),
            )
        except DomainError as exc:
            raise _errors(exc) from None
        zaak = Zaak.objects.select_related("zaaktype", "status__statustype", "resultaat").get(
            pk=zaak.pk
        )
        return Response(
            ZaakSerializer(zaak, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class ZaakDetailView(ZaakBaseView):
    @extend_schema(
        operation_id="zaak_retrieve",
        summary="Een zaak opvragen",
        description="De zaak met dit UUID. Met een doel in de header wordt het inzien van de zaak "
        "van een persoon in het auditlog vastgelegd.",
        tags=["zaken"],
        parameters=[
            DOEL_PARAMETER,
            OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH),
        ],
        responses={
            200: ZaakSerializer,
            404: OpenApiResponse(description="Onbekende zaak."),
            **ERRORS,
        },
    )
    def get(self, request: Request, uuid: str) -> Response:
        purpose = doel_from_request(request)
        try:
            zaak = zaak_get_for_api(uuid=uuid, user=request.user, purpose=purpose)
        except Zaak.DoesNotExist:
            raise exceptions.NotFound("Er is geen zaak met dit UUID.") from None
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        return Response(ZaakSerializer(zaak, context={"request": request}).data)


class StatusListView(ZaakBaseView):
    serializer_class = StatusSerializer
    queryset = Status.objects.none()
    # A page, like every other list of the API (and the ZGW Zaken API's statussen).
    pagination_class = Pagination

    @extend_schema(
        operation_id="status_list",
        summary="De statussen van een zaak",
        description="De statushistorie van de zaak, oudste eerst (alleen toevoegen, nooit wijzigen).",
        tags=["zaken"],
        parameters=[StatusFilterSerializer, DOEL_PARAMETER],
        responses={200: StatusSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        purpose = doel_from_request(request)
        filters = StatusFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        try:
            rows = status_list_for_api(
                zaak_uuid=filters.validated_data["zaak"], user=request.user, purpose=purpose
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(StatusSerializer(page, many=True).data)

    @extend_schema(
        operation_id="status_create",
        summary="Een status zetten",
        description="Zet een nieuwe status (volgnummer van het statustype). De toegestane "
        "overgangen van het zaaktype worden gecontroleerd; een status met 'informeren' stuurt de "
        "initiator een bericht. De eindstatus sluit de zaak.",
        tags=["zaken"],
        request=StatusCreateSerializer,
        responses={
            201: StatusSerializer,
            400: OpenApiResponse(description="Ongeldige overgang of invoer."),
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = StatusCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            access_zaak(user=request.user, zaak=data["zaak"])
            status_obj = zaak_set_status(
                zaak=data["zaak"],
                statustype=data["statustype"],
                user=_user(request),
                toelichting=data.get("statustoelichting", ""),
                datum=data.get("datumStatusGezet"),
            )
        except DomainError as exc:
            raise _errors(exc) from None
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        return Response(StatusSerializer(status_obj).data, status=status.HTTP_201_CREATED)
