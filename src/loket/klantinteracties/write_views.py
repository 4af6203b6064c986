"""The writes of the Klantinteracties API — thin: parse, call one service, render.

POST /klantcontacten and /maak-klantcontact register through contacts' `klantcontact_register`
(with an `Idempotency-Key` header a retry stores nothing and answers 200 with the first); POST
/betrokkenen links an anonymous klantcontact to its klant (`klantcontact_link_partij`); POST
/internetaken puts out a contactverzoek, PATCH forwards, closes or reopens one (a medewerker's
action: a token gets 403, as on /api/v1)."""

from __future__ import annotations

from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from loket.api.common import is_token, medewerker_of
from loket.core.access import idempotency_client_of
from loket.klantinteracties import representations as r
from loket.klantinteracties import selectors
from loket.klantinteracties.errors import service_errors
from loket.klantinteracties.serializers import (
    BetrokkeneCreateSerializer,
    InterneTaakInputSerializer,
    InterneTaakPatchSerializer,
    KlantcontactInputSerializer,
    MaakKlantcontactSerializer,
    klantcontact_input,
)
from loket.klantinteracties.services import (
    betrokkene_create,
    internetaak_create,
    internetaak_update,
    klantcontact_create,
)
from loket.klantinteracties.views import (
    BetrokkeneListMixin,
    InterneTaakDetailMixin,
    InterneTaakListMixin,
)
from loket.klantinteracties.views import KlantcontactListMixin as _KlantcontactList

IDEMPOTENCY_HEADER = "Idempotency-Key"
KLANTCONTACT_FIELDS = {
    "kanaal": "kanaal",
    "plaatsgevonden_op": "plaatsgevondenOp",
    "onderwerp": "onderwerp",
    "taal": "taal",
    "idempotency_key": IDEMPOTENCY_HEADER,
    "vraagtekst": "onderwerp",
    "contactreden": "onderwerp",
    "product": "onderwerpobject",
}
INTERNETAAK_FIELDS = {
    "team": "toegewezenAanActoren",
    "medewerker": "toegewezenAanActoren",
    "gevraagde_handeling": "gevraagdeHandeling",
    "terugbelnummer": "aanleidinggevendKlantcontact",
    "email": "aanleidinggevendKlantcontact",
    "afhandeling": "aanleidinggevendKlantcontact",
    "resultaat": "toelichting",
    "status": "status",
}
TOKEN_REFUSED = (
    "Een API-token kan een interne taak niet wijzigen: doorsturen, afsluiten en heropenen worden "
    "vastgelegd op naam van een medewerker die contactverzoeken behandelt. Doe dit in Loket of "
    "via een sessie van die medewerker."
)


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    return key or None


def _register(request: Request, invoer, *, partij=None, product=None):
    with service_errors(KLANTCONTACT_FIELDS):
        return klantcontact_create(
            invoer=invoer,
            partij=partij,
            product=product,
            medewerker=medewerker_of(request),
            idempotency_key=_idempotency_key(request),
            idempotency_client=idempotency_client_of(request.user),
        )


class KlantcontactListView(_KlantcontactList):
    def get(self, request: Request) -> Response:
        return self.list(request)

    def post(self, request: Request) -> Response:
        serializer = KlantcontactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vastgelegd = _register(request, klantcontact_input(serializer.validated_data))
        contact = selectors.klantcontact_written(klantcontact=vastgelegd.klantcontact)
        return Response(
            r.klantcontact(self.links, contact),
            status=status.HTTP_201_CREATED if vastgelegd.nieuw else status.HTTP_200_OK,
        )


class MaakKlantcontactView(_KlantcontactList):
    """POST /maak-klantcontact: the klantcontact with its betrokkene (a partij) and its
    onderwerpobject (a product) in one transaction."""

    def post(self, request: Request) -> Response:
        serializer = MaakKlantcontactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        betrokkene = data.get("betrokkene") or {}
        onderwerpobject = data.get("onderwerpobject") or {}
        vastgelegd = _register(
            request,
            klantcontact_input(data["klantcontact"]),
            partij=betrokkene.get("wasPartij"),
            product=onderwerpobject.get("onderwerpobjectidentificator"),
        )
        contact = selectors.klantcontact_written(klantcontact=vastgelegd.klantcontact)
        body: dict = {"klantcontact": r.klantcontact(self.links, contact)}
        if contact.partij is not None:
            body["betrokkene"] = r.betrokkene(self.links, contact)
        vragen = [vraag for vraag in contact.vragen.all() if vraag.product_id is not None]
        if vragen:
            body["onderwerpobject"] = r.onderwerpobject(self.links, vragen[0], contact)
        return Response(
            body, status=status.HTTP_201_CREATED if vastgelegd.nieuw else status.HTTP_200_OK
        )


class BetrokkeneListView(BetrokkeneListMixin):
    def get(self, request: Request) -> Response:
        return self.list(request)

    def post(self, request: Request) -> Response:
        """The klant of an anonymous klantcontact (KISS posts the klantcontact, then its
        betrokkene): 201 when linked now, 200 when it already was this partij's."""
        serializer = BetrokkeneCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors({"partij": "wasPartij"}):
            contact, nieuw = betrokkene_create(
                klantcontact=data["hadKlantcontact"],
                partij=data["wasPartij"],
                user=medewerker_of(request),
            )
        contact = selectors.klantcontact_written(klantcontact=contact)
        return Response(
            r.betrokkene(self.links, contact),
            status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK,
        )


class InterneTaakListView(InterneTaakListMixin):
    def get(self, request: Request) -> Response:
        return self.list(request)

    def post(self, request: Request) -> Response:
        serializer = InterneTaakInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        team, medewerker = data["actoren"]
        with service_errors(INTERNETAAK_FIELDS):
            verzoek = internetaak_create(
                klantcontact=data["aanleidinggevendKlantcontact"],
                gevraagde_handeling=data["gevraagdeHandeling"],
                team=team,
                medewerker=medewerker,
                toelichting=data.get("toelichting", ""),
                # A token is no medewerker: the history records the system as the actor.
                user=medewerker_of(request),
            )
        verzoek = selectors.interne_taak_written(verzoek=verzoek)
        return Response(r.interne_taak(self.links, verzoek), status=status.HTTP_201_CREATED)


class InterneTaakDetailView(InterneTaakDetailMixin):
    def get(self, request: Request, uuid: str) -> Response:
        return self.retrieve(request, uuid)

    def patch(self, request: Request, uuid: str) -> Response:
        if is_token(request):
            raise exceptions.PermissionDenied(TOKEN_REFUSED)
        serializer = InterneTaakPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        purpose = "Interne taak gewijzigd via de Klantinteracties-API"
        verzoek = self.get_verzoek(request, uuid, purpose)
        with service_errors(INTERNETAAK_FIELDS):
            verzoek = internetaak_update(
                verzoek=verzoek,
                user=medewerker_of(request),
                status=data.get("status"),
                toelichting=data.get("toelichting"),
                actoren=data.get("actoren"),
            )
        verzoek = selectors.interne_taak_written(verzoek=verzoek)
        return Response(r.interne_taak(self.links, verzoek))
