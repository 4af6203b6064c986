"""Klantcontacten and interne taken (contactverzoeken) — thin: parse, call a service or selector,
render. The same services as the pages; the audited selectors for every read."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from loket.accounts.permissions import HANDLE_CASES, REGISTER_CONTACT, VIEW_PERSON_DATA
from loket.api.common import (
    DOEL_HEADER,
    DOEL_PARAMETER,
    Pagination,
    audit_page,
    doel_from_request,
    is_token,
    medewerker_of,
)
from loket.contacts.api.serializers import (
    InterneTaakActie,
    InterneTaakActieSerializer,
    InterneTaakCreateSerializer,
    InterneTaakFilterSerializer,
    InterneTaakSerializer,
    KlantcontactCreateSerializer,
    KlantcontactFilterSerializer,
    KlantcontactSerializer,
)
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.contacts.selectors import (
    PURPOSE_CONTACTVERZOEK,
    contactverzoek_get_for_api,
    contactverzoek_list_for_api,
    klantcontact_get,
    klantcontact_get_by_idempotency_key,
    klantcontact_list,
)
from loket.contacts.services import (
    VerzoekInput,
    VraagFout,
    VraagInput,
    contactverzoek_assign_to_me,
    contactverzoek_close,
    contactverzoek_create,
    contactverzoek_forward,
    contactverzoek_register_attempt,
    contactverzoek_reopen,
    klantcontact_register,
)
from loket.contacts.vertrouwelijk import (
    contactverzoek_redact,
    contactverzoeken_redact,
    klantcontacten_redact,
)
from loket.core.access import idempotency_client_of
from loket.core.errors import DomainError

IDEMPOTENCY_HEADER = "Idempotency-Key"

ERRORS = {
    401: OpenApiResponse(description="Geen of een onbekend token."),
    403: OpenApiResponse(description="Het token heeft de benodigde scope niet."),
}

# Service field names → the API's field names, so a 400 names the field the client sent.
KLANTCONTACT_FIELDS = {
    "kanaal": "kanaal",
    "plaatsgevonden_op": "plaatsgevondenOp",
    "idempotency_key": "idempotencyKey",
    "onderwerp": "onderwerp",
    "duur": "duur",
    "vragen": "vragen",
    "vraagtekst": "vragen",
    "contactreden": "vragen",
    "afhandeling": "vragen",
    "product": "vragen",
    "doorverwezen_naar": "vragen",
    "vertrouwelijk_team": "vertrouwelijkTeam",
}
INTERNE_TAAK_FIELDS = {
    "team": "toegewezenAanActoren",
    "medewerker": "toegewezenAanActoren",
    "gevraagde_handeling": "gevraagdeHandeling",
    "afhandeling": "vraag",
    "terugbelnummer": "terugbelnummer",
    "email": "email",
}


@contextmanager
def api_errors(field_map: dict[str, str] | None = None):
    """A service's DomainError becomes a 400 naming the API field; its PermissionDenied a 403
    that keeps the service's Dutch message."""
    field_map = field_map or {}
    try:
        yield
    except DomainError as exc:
        errors: dict[str, list[str]] = {}
        for field, messages in exc.as_dict().items():
            errors.setdefault(field_map.get(field, field), []).extend(messages)
        raise exceptions.ValidationError(errors) from None
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from None


# --- klantcontacten ------------------------------------------------------------------------


def _vraag_input(vraag: dict) -> VraagInput:
    verzoek = vraag.get("contactverzoek")
    return VraagInput(
        vraagtekst=vraag["vraagtekst"],
        contactreden=vraag["contactreden"],
        afhandeling=vraag["afhandeling"],
        product=vraag["product"],
        antwoord=vraag.get("antwoord", ""),
        doorverwezen_naar=vraag.get("doorverwezenNaar"),
        verzoek=VerzoekInput(
            team=verzoek["toegewezenAanActoren"]["team"],
            medewerker=verzoek["toegewezenAanActoren"]["medewerker"],
            gevraagde_handeling=verzoek["gevraagdeHandeling"],
            terugbelnummer=verzoek["terugbelnummer"],
            email=verzoek["email"],
            toelichting=verzoek["toelichting"],
        )
        if verzoek
        else None,
    )


class KlantcontactBaseView(GenericAPIView):
    scope = "klantcontacten"
    session_permissions = {
        "lezen": [VIEW_PERSON_DATA],
        "schrijven": [REGISTER_CONTACT],
    }
    serializer_class = KlantcontactSerializer
    filter_backends: list = []
    # Reads go through the audited selectors, never through this queryset (schema only).
    queryset = Klantcontact.objects.none()


class KlantcontactListView(KlantcontactBaseView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="klantcontact_list",
        summary="Klantcontacten opvragen",
        description="Klantcontacten, nieuwste eerst, eventueel van één partij, via één kanaal of "
        "in een periode. Het inzien wordt met het doel vastgelegd in het auditlog (bij een filter "
        "op partij tegen die partij).",
        tags=["klantcontacten"],
        parameters=[DOEL_PARAMETER, KlantcontactFilterSerializer],
        responses={
            200: KlantcontactSerializer(many=True),
            400: OpenApiResponse(description="Ongeldig filter of geen doel."),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> Response:
        doel = doel_from_request(request)
        filters = KlantcontactFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        with api_errors():
            contacten = klantcontact_list(
                user=request.user,
                purpose=doel,
                partij=data.get("partij"),
                kanaal=data.get("kanaal"),
                vanaf=data.get("plaatsgevondenOpVanaf"),
                tot=data.get("plaatsgevondenOpTot"),
            )
        page = self.paginate_queryset(contacten)
        if data.get("partij") is None:  # a filter on one partij was recorded by the selector
            audit_page(
                request, page, person=lambda c: c.partij, purpose=doel, gegevens="klantcontacten"
            )
        page = klantcontacten_redact(user=request.user, contacts=page or [], purpose=doel)
        return self.get_paginated_response(KlantcontactSerializer(page, many=True).data)

    @extend_schema(
        operation_id="klantcontact_create",
        summary="Een klantcontact vastleggen",
        description="Legt een klantcontact met zijn vragen vast, zoals de pagina's dat doen. Met "
        "een idempotentiesleutel (veld `idempotencyKey` of header `Idempotency-Key`) wordt een "
        "herhaalde inzending één keer vastgelegd: het antwoord is dan 200 met hetzelfde contact. "
        "Een token legt het contact vast zonder medewerker (geautomatiseerde actor).",
        tags=["klantcontacten"],
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Kenmerk van de inzending (1 tot 100 tekens).",
            )
        ],
        request=KlantcontactCreateSerializer,
        responses={
            201: KlantcontactSerializer,
            200: OpenApiResponse(KlantcontactSerializer, description="Al eerder vastgelegd."),
            400: OpenApiResponse(description="Ongeldige invoer; per veld een melding."),
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        key = self._idempotency_key(request)
        client = idempotency_client_of(request.user)
        if key:
            # Only this client's own earlier submission is answered; another client's key is
            # a new request.
            existing = klantcontact_get_by_idempotency_key(key=key, client=client)
            if existing is not None:
                return Response(KlantcontactSerializer(existing).data, status=status.HTTP_200_OK)
        serializer = KlantcontactCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with api_errors(KLANTCONTACT_FIELDS):
            try:
                vastgelegd = klantcontact_register(
                    kanaal=data["kanaal"],
                    partij=data.get("partij"),
                    medewerker=medewerker_of(request),
                    vragen=[_vraag_input(vraag) for vraag in data["vragen"]],
                    plaatsgevonden_op=data.get("plaatsgevondenOp"),
                    duur=data.get("duur"),
                    onderwerp=data.get("onderwerp", ""),
                    inhoud=data.get("inhoud", ""),
                    vertrouwelijk=data["vertrouwelijk"],
                    vertrouwelijk_team=data.get("vertrouwelijkTeam"),
                    idempotency_key=key or None,
                    idempotency_client=client,
                )
            except VraagFout as fout:
                # The verzoek of one question was refused: nothing was stored.
                raise exceptions.ValidationError(
                    {"vragen": [f"Vraag {fout.index + 1}: {fout.message}"]}
                ) from None
        return Response(
            KlantcontactSerializer(vastgelegd.klantcontact).data,
            status=status.HTTP_201_CREATED if vastgelegd.nieuw else status.HTTP_200_OK,
        )

    @staticmethod
    def _idempotency_key(request: Request) -> str:
        header = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        body = request.data.get("idempotencyKey") if hasattr(request.data, "get") else None
        body = body.strip() if isinstance(body, str) else ""
        if header and body and header != body:
            raise exceptions.ValidationError(
                {
                    "idempotencyKey": [
                        f"De header {IDEMPOTENCY_HEADER} en het veld idempotencyKey verschillen."
                    ]
                }
            )
        key = header or body
        if len(key) > 100:
            raise exceptions.ValidationError(
                {"idempotencyKey": ["De idempotentiesleutel moet 1 tot 100 tekens lang zijn."]}
            )
        return key


class KlantcontactDetailView(KlantcontactBaseView):
    @extend_schema(
        operation_id="klantcontact_retrieve",
        summary="Een klantcontact opvragen",
        description="Het klantcontact met dit UUID. Het inzien wordt met het doel vastgelegd in "
        "het auditlog.",
        tags=["klantcontacten"],
        parameters=[
            DOEL_PARAMETER,
            OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH),
        ],
        responses={
            200: KlantcontactSerializer,
            404: OpenApiResponse(description="Onbekend klantcontact."),
            **ERRORS,
        },
    )
    def get(self, request: Request, uuid: str) -> Response:
        doel = doel_from_request(request)
        with api_errors():
            try:
                contact = klantcontact_get(uuid=uuid, user=request.user, purpose=doel)
            except Klantcontact.DoesNotExist:
                raise exceptions.NotFound("Er is geen klantcontact met dit UUID.") from None
        return Response(KlantcontactSerializer(contact).data)


# --- interne taken (contactverzoeken) ------------------------------------------------------

KENMERK_PARAMETER = OpenApiParameter(
    "kenmerk",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="Het UUID of het nummer van de interne taak.",
)
OPTIONAL_DOEL_PARAMETER = OpenApiParameter(
    name=DOEL_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=f"Het doel van het inzien voor het auditlog; standaard '{PURPOSE_CONTACTVERZOEK}'.",
)
TOKEN_REFUSED = (
    "Een API-token kan de actie '{actie}' niet uitvoeren: die wordt vastgelegd op naam van een "
    "medewerker die contactverzoeken behandelt. Voer de actie uit in Loket of via een sessie "
    "van die medewerker."
)


class InterneTaakBaseView(GenericAPIView):
    scope = "contactverzoeken"
    session_permissions = {
        "lezen": [HANDLE_CASES],
        "schrijven": [HANDLE_CASES],
    }
    serializer_class = InterneTaakSerializer
    filter_backends: list = []
    queryset = Contactverzoek.objects.none()


class InterneTaakListView(InterneTaakBaseView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="internetaak_list",
        summary="Interne taken (contactverzoeken) opvragen",
        description="Contactverzoeken, vroegste deadline eerst. Een token met "
        "`contactverzoeken:lezen` ziet alle; een medewerker die van zijn teams en die aan hem.",
        tags=["interne-taken"],
        parameters=[InterneTaakFilterSerializer, DOEL_PARAMETER],
        responses={200: InterneTaakSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        doel = doel_from_request(request)
        filters = InterneTaakFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        with api_errors():
            verzoeken = contactverzoek_list_for_api(
                user=request.user,
                status=filters.validated_data.get("status"),
                team=filters.validated_data.get("team"),
            )
        page = self.paginate_queryset(verzoeken)
        audit_page(
            request, page, person=lambda v: v.partij, purpose=doel, gegevens="contactverzoeken"
        )
        page = contactverzoeken_redact(user=request.user, verzoeken=page or [], purpose=doel)
        return self.get_paginated_response(InterneTaakSerializer(page, many=True).data)

    @extend_schema(
        operation_id="internetaak_create",
        summary="Een contactverzoek uitzetten",
        description="Zet bij een vraag met afhandeling 'contactverzoek' een interne taak uit "
        "voor een team of medewerker; de deadline volgt uit de norm in werkuren.",
        tags=["interne-taken"],
        request=InterneTaakCreateSerializer,
        responses={
            201: InterneTaakSerializer,
            400: OpenApiResponse(description="Ongeldige invoer; per veld een melding."),
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = InterneTaakCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        actoren = data["toegewezenAanActoren"]
        with api_errors(INTERNE_TAAK_FIELDS):
            verzoek = contactverzoek_create(
                vraag=data["vraag"],
                team=actoren["team"],
                medewerker=actoren["medewerker"],
                gevraagde_handeling=data["gevraagdeHandeling"],
                terugbelnummer=data["terugbelnummer"],
                email=data["email"],
                toelichting=data["toelichting"],
                # A token is no medewerker: the history records the system as the actor.
                user=medewerker_of(request),
            )
        return Response(InterneTaakSerializer(verzoek).data, status=status.HTTP_201_CREATED)


class InterneTaakDetailView(InterneTaakBaseView):
    def _get(self, request: Request, kenmerk: str) -> Contactverzoek:
        purpose = request.headers.get(DOEL_HEADER, "").strip() or PURPOSE_CONTACTVERZOEK
        with api_errors():
            try:
                return contactverzoek_get_for_api(ref=kenmerk, user=request.user, purpose=purpose)
            except Contactverzoek.DoesNotExist:
                raise exceptions.NotFound("Er is geen interne taak met dit kenmerk.") from None

    @extend_schema(
        operation_id="internetaak_retrieve",
        summary="Een interne taak opvragen",
        description="Het contactverzoek met zijn historie; het inzien staat in het auditlog.",
        tags=["interne-taken"],
        parameters=[KENMERK_PARAMETER, OPTIONAL_DOEL_PARAMETER],
        responses={
            200: InterneTaakSerializer,
            404: OpenApiResponse(description="Onbekende interne taak."),
            **ERRORS,
        },
    )
    def get(self, request: Request, kenmerk: str) -> Response:
        return Response(InterneTaakSerializer(self._get(request, kenmerk)).data)

    @extend_schema(
        operation_id="internetaak_partial_update",
        summary="Een actie op een interne taak uitvoeren",
        description="Eén actie per verzoek: `toewijzen` (aan mij), `doorsturen` (team en/of "
        "medewerker), `terugbelpoging` (bereikt, kanaal, toelichting), `afsluiten` (resultaat, "
        "optioneel kanaal) of `heropenen` (reden; teamleider). Deze acties worden op naam van een "
        "medewerker vastgelegd: een API-token krijgt 403.",
        tags=["interne-taken"],
        parameters=[KENMERK_PARAMETER, OPTIONAL_DOEL_PARAMETER],
        request=InterneTaakActieSerializer,
        responses={
            200: InterneTaakSerializer,
            400: OpenApiResponse(description="Ongeldige actie of status; per veld een melding."),
            404: OpenApiResponse(description="Onbekende interne taak."),
            **ERRORS,
        },
    )
    def patch(self, request: Request, kenmerk: str) -> Response:
        serializer = InterneTaakActieSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        actie = data["actie"]
        if is_token(request):
            raise exceptions.PermissionDenied(TOKEN_REFUSED.format(actie=actie))
        verzoek = self._get(request, kenmerk)
        user = medewerker_of(request)
        with api_errors():
            if actie == InterneTaakActie.TOEWIJZEN:
                verzoek = contactverzoek_assign_to_me(verzoek=verzoek, user=user)
            elif actie == InterneTaakActie.DOORSTUREN:
                verzoek = contactverzoek_forward(
                    verzoek=verzoek,
                    team=data.get("team"),
                    medewerker=data.get("medewerker"),
                    user=user,
                )
            elif actie == InterneTaakActie.TERUGBELPOGING:
                verzoek = contactverzoek_register_attempt(
                    verzoek=verzoek,
                    user=user,
                    bereikt=data["bereikt"],
                    kanaal=data["kanaal"],
                    toelichting=data["toelichting"],
                )
            elif actie == InterneTaakActie.AFSLUITEN:
                verzoek = contactverzoek_close(
                    verzoek=verzoek,
                    user=user,
                    resultaat=data["resultaat"],
                    kanaal=data.get("kanaal") or None,
                )
            else:
                verzoek = contactverzoek_reopen(verzoek=verzoek, user=user, reden=data["reden"])
        purpose = request.headers.get(DOEL_HEADER, "").strip() or PURPOSE_CONTACTVERZOEK
        verzoek = contactverzoek_redact(user=request.user, verzoek=verzoek, purpose=purpose)
        return Response(InterneTaakSerializer(verzoek).data)
