"""The reads of the Klantinteracties API — thin: parse the query, call a selector, render.

Scopes are Loket's own: partijen, partij-identificatoren and digitale adressen need `partijen`,
klantcontacten, betrokkenen and onderwerpobjecten `klantcontacten`, interne taken and actoren
`contactverzoeken` (`:lezen` for a read, `:schrijven` for a write)."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from loket.accounts.models import Team
from loket.accounts.permissions import HANDLE_CASES, REGISTER_CONTACT, VIEW_PERSON_DATA
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.contacts.vertrouwelijk import contactverzoek_redact, klantcontact_redact
from loket.klantinteracties import representations as r
from loket.klantinteracties import selectors
from loket.klantinteracties.common import KlantinteractiesView
from loket.klantinteracties.selectors import (
    IdentificatorFilter,
    InterneTaakFilter,
    KlantcontactFilter,
)
from loket.klantinteracties.uuids import Kind, pk_of
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import Partij

PARTIJ_EXPAND = {
    "betrokkenen",
    "betrokkenen.hadKlantcontact",
    "digitaleAdressen",
    "categorieRelaties",
}
KLANTCONTACT_EXPAND = {
    "hadBetrokkenen",
    "hadBetrokkenen.wasPartij",
    "hadBetrokkenen.digitaleAdressen",
    "leiddeTotInterneTaken",
    "gingOverOnderwerpobjecten",
    "omvatteBijlagen",
}
BETROKKENE_EXPAND = {"digitaleAdressen"}
DIGITAAL_ADRES_EXPAND = {
    "verstrektDoorBetrokkene",
    "verstrektDoorBetrokkene.hadKlantcontact",
    "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
}
SOORT_PARTIJ = ["contactpersoon", "organisatie", "persoon"]
CODE_SOORT_OBJECT_ID = ["bsn", "kvk_nummer", "rsin", "vestigingsnummer"]
CODE_REGISTER = ["brp", "hr"]
CODE_OBJECTTYPE = ["natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging"]


class PartijenScope(KlantinteractiesView):
    scope = "partijen"
    session_permissions = {"lezen": [VIEW_PERSON_DATA], "schrijven": [REGISTER_CONTACT]}


class KlantcontactenScope(KlantinteractiesView):
    scope = "klantcontacten"
    session_permissions = {"lezen": [VIEW_PERSON_DATA], "schrijven": [REGISTER_CONTACT]}


class ContactverzoekenScope(KlantinteractiesView):
    scope = "contactverzoeken"
    session_permissions = {"lezen": [HANDLE_CASES], "schrijven": [HANDLE_CASES]}


def _not_found(what: str) -> exceptions.NotFound:
    return exceptions.NotFound(f"Er is geen {what} met dit UUID.")


def _identificator_filter(
    view: KlantinteractiesView, request: Request, prefix: str, *, capital: bool = False
) -> IdentificatorFilter:
    """The partijIdentificator filters, named `<prefix>codeObjecttype` (or, with `capital`,
    `<prefix>CodeObjecttype`, as /partij-identificatoren names them)."""

    def name(key: str) -> str:
        return prefix + (key[0].upper() + key[1:] if capital else key)

    return IdentificatorFilter(
        code_objecttype=view.choice_param(request, name("codeObjecttype"), CODE_OBJECTTYPE),
        code_soort_object_id=view.choice_param(
            request, name("codeSoortObjectId"), CODE_SOORT_OBJECT_ID
        ),
        object_id=view.param(request, name("objectId")),
        code_register=view.choice_param(request, name("codeRegister"), CODE_REGISTER),
    )


# --- partijen ---------------------------------------------------------------------------------


class PartijListView(PartijenScope):
    query_params = frozenset(
        {
            "expand",
            "soortPartij",
            "indicatieGeheimhouding",
            "partijIdentificator__codeObjecttype",
            "partijIdentificator__codeSoortObjectId",
            "partijIdentificator__objectId",
            "partijIdentificator__codeRegister",
        }
    )

    def get(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, PARTIJ_EXPAND)
        partijen = selectors.partij_list(
            user=request.user,
            soort=self.choice_param(request, "soortPartij", SOORT_PARTIJ),
            identificator=_identificator_filter(self, request, "partijIdentificator__"),
            geheimhouding=self.bool_param(request, "indicatieGeheimhouding"),
            contacten_volledig="betrokkenen.hadKlantcontact" in expand,
        )
        volledig = "betrokkenen.hadKlantcontact" in expand
        return self.paged(
            request,
            partijen,
            lambda p: r.partij(
                self.links,
                selectors.partij_klantcontacten_redact(partij=p, user=request.user, purpose=doel)
                if volledig
                else p,
                expand=expand,
            ),
            person=lambda p: p,
            purpose=doel,
            gegevens="partijen (Klantinteracties)",
        )


class PartijDetailView(PartijenScope):
    query_params = frozenset({"expand"})

    def get(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, PARTIJ_EXPAND)
        try:
            partij = selectors.partij_detail(
                uuid=self.path_uuid(uuid),
                user=request.user,
                purpose=doel,
                contacten_volledig="betrokkenen.hadKlantcontact" in expand,
            )
        except Partij.DoesNotExist:
            raise _not_found("partij") from None
        return Response(r.partij(self.links, partij, expand=expand))


# --- partij-identificatoren -------------------------------------------------------------------


class PartijIdentificatorListView(PartijenScope):
    query_params = frozenset(
        {
            "partijIdentificatorCodeObjecttype",
            "partijIdentificatorCodeSoortObjectId",
            "partijIdentificatorObjectId",
            "partijIdentificatorCodeRegister",
        }
    )

    def get(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        rows = selectors.partij_identificator_list(
            user=request.user,
            filters=_identificator_filter(self, request, "partijIdentificator", capital=True),
        )
        return self.paged(
            request,
            rows,
            lambda row: r.partij_identificator(self.links, row[0], row[1]),
            person=lambda row: row[0],
            purpose=doel,
            gegevens="partij-identificatoren (Klantinteracties)",
        )


class PartijIdentificatorDetailView(PartijenScope):
    def get(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        try:
            partij, kind = selectors.partij_identificator_detail(
                uuid=self.path_uuid(uuid), user=request.user, purpose=doel
            )
        except Partij.DoesNotExist:
            raise _not_found("partij-identificator") from None
        return Response(r.partij_identificator(self.links, partij, kind))


# --- digitale adressen ------------------------------------------------------------------------


class DigitaalAdresListView(PartijenScope):
    query_params = frozenset(
        {
            "verstrektDoorPartij__uuid",
            "verstrektDoorPartij__url",
            "verstrektDoorPartij__soortPartij",
            "soortDigitaalAdres",
            "adres",
            "isStandaardAdres",
            "expand",
        }
    )

    def get(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, DIGITAAL_ADRES_EXPAND)
        adressen = selectors.digitaal_adres_list(
            user=request.user,
            partij=self.ref_param(request, "verstrektDoorPartij"),
            soort=self.choice_param(request, "soortDigitaalAdres", SoortDigitaalAdres.values),
            adres=self.param(request, "adres"),
            standaard=self.bool_param(request, "isStandaardAdres"),
            partij_soort=self.choice_param(
                request, "verstrektDoorPartij__soortPartij", SOORT_PARTIJ
            ),
        )
        return self.paged(
            request,
            adressen,
            lambda a: r.digitaal_adres(self.links, a, expand=bool(expand)),
            person=lambda a: a.partij,
            purpose=doel,
            gegevens="digitale adressen (Klantinteracties)",
        )


class DigitaalAdresDetailView(PartijenScope):
    query_params = frozenset({"expand"})

    def get(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, DIGITAAL_ADRES_EXPAND)
        try:
            adres = selectors.digitaal_adres_detail(
                uuid=self.path_uuid(uuid), user=request.user, purpose=doel
            )
        except selectors.DigitaalAdres.DoesNotExist:
            raise _not_found("digitaal adres") from None
        return Response(r.digitaal_adres(self.links, adres, expand=bool(expand)))


# --- klantcontacten -------------------------------------------------------------------------


ONDERWERP_CODES = {
    "CodeObjecttype": r.PRODUCT_IDENTIFICATOR["codeObjecttype"],
    "CodeRegister": r.PRODUCT_IDENTIFICATOR["codeRegister"],
    "CodeSoortObjectId": r.PRODUCT_IDENTIFICATOR["codeSoortObjectId"],
}


def _onderwerp_codes(view: KlantinteractiesView, request: Request, prefix: str) -> bool | None:
    """The onderwerpobjectidentificator code filters: None when none is given, True when all
    given name Loket's product identificator, False when one names another kind of object
    (a zaak, a kennisartikel): Loket has no such onderwerpobject, so nothing matches."""
    given = {key: view.param(request, prefix + key) for key in ONDERWERP_CODES}
    given = {key: value for key, value in given.items() if value}
    if not given:
        return None
    return all(ONDERWERP_CODES[key] == value for key, value in given.items())


class KlantcontactListMixin(KlantcontactenScope):
    query_params = frozenset(
        {
            "expand",
            "kanaal",
            "hadBetrokkene__uuid",
            "hadBetrokkene__url",
            "hadBetrokkene__wasPartij__uuid",
            "hadBetrokkene__wasPartij__url",
            "hadBetrokkene__wasPartij__partijIdentificator__codeObjecttype",
            "hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId",
            "hadBetrokkene__wasPartij__partijIdentificator__objectId",
            "hadBetrokkene__wasPartij__partijIdentificator__codeRegister",
            "onderwerpobject__uuid",
            "onderwerpobject__url",
            "onderwerpobject__onderwerpobjectidentificatorObjectId",
            "onderwerpobject__onderwerpobjectidentificatorCodeObjecttype",
            "onderwerpobject__onderwerpobjectidentificatorCodeRegister",
            "onderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId",
        }
    )

    def list(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, KLANTCONTACT_EXPAND)
        onderwerpobject = self.ref_param(request, "onderwerpobject")
        vraag = pk_of(onderwerpobject, Kind.ONDERWERPOBJECT) if onderwerpobject else None
        codes = _onderwerp_codes(self, request, "onderwerpobject__onderwerpobjectidentificator")
        filters = KlantcontactFilter(
            partij=self.ref_param(request, "hadBetrokkene__wasPartij"),
            identificator=_identificator_filter(
                self, request, "hadBetrokkene__wasPartij__partijIdentificator__"
            ),
            klantcontact=self.ref_param(request, "hadBetrokkene"),
            # An onderwerpobject Loket never made finds nothing (pk 0 exists nowhere).
            onderwerpobject=(vraag[1] if vraag else 0) if onderwerpobject else None,
            product_uri=self.param(
                request, "onderwerpobject__onderwerpobjectidentificatorObjectId"
            ),
            met_product=codes is True,
            geen=codes is False,
            kanaal=self.param(request, "kanaal"),
        )
        contacten = selectors.klantcontact_list_ki(
            user=request.user,
            purpose=doel,
            filters=filters,
            taken="leiddeTotInterneTaken" in expand,
            partijen="hadBetrokkenen.wasPartij" in expand,
        )
        return self.paged(
            request,
            contacten,
            lambda c: r.klantcontact(
                self.links,
                klantcontact_redact(user=request.user, contact=c, purpose=doel),
                expand=expand,
            ),
            person=lambda c: c.partij,
            purpose=doel,
            gegevens="klantcontacten (Klantinteracties)",
        )


class KlantcontactDetailMixin(KlantcontactenScope):
    query_params = frozenset({"expand"})

    def retrieve(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, KLANTCONTACT_EXPAND)
        try:
            contact = selectors.klantcontact_detail(
                uuid=self.path_uuid(uuid),
                user=request.user,
                purpose=doel,
                taken="leiddeTotInterneTaken" in expand,
                partijen="hadBetrokkenen.wasPartij" in expand,
            )
        except Klantcontact.DoesNotExist:
            raise _not_found("klantcontact") from None
        return Response(r.klantcontact(self.links, contact, expand=expand))


class KlantcontactDetailView(KlantcontactDetailMixin):
    def get(self, request: Request, uuid: str) -> Response:
        return self.retrieve(request, uuid)


# --- betrokkenen, onderwerpobjecten -----------------------------------------------------------


class BetrokkeneListMixin(KlantcontactenScope):
    query_params = frozenset(
        {
            "hadKlantcontact__uuid",
            "hadKlantcontact__url",
            "wasPartij__uuid",
            "wasPartij__url",
            "wasPartij__partijIdentificator__codeObjecttype",
            "wasPartij__partijIdentificator__codeSoortObjectId",
            "wasPartij__partijIdentificator__objectId",
            "wasPartij__partijIdentificator__codeRegister",
            "expand",
        }
    )

    def list(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, BETROKKENE_EXPAND)
        contacten = selectors.betrokkene_list(
            user=request.user,
            purpose=doel,
            klantcontact=self.ref_param(request, "hadKlantcontact"),
            partij=self.ref_param(request, "wasPartij"),
            identificator=_identificator_filter(self, request, "wasPartij__partijIdentificator__"),
        )
        return self.paged(
            request,
            contacten,
            lambda c: r.betrokkene(self.links, c, expand=expand),
            person=lambda c: c.partij,
            purpose=doel,
            gegevens="betrokkenen (Klantinteracties)",
        )


class BetrokkeneDetailView(KlantcontactenScope):
    query_params = frozenset({"expand"})

    def get(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        expand = self.expand_param(request, BETROKKENE_EXPAND)
        try:
            contact = selectors.betrokkene_detail(
                uuid=self.path_uuid(uuid), user=request.user, purpose=doel
            )
        except Klantcontact.DoesNotExist:
            raise _not_found("betrokkene") from None
        return Response(r.betrokkene(self.links, contact, expand=expand))


class OnderwerpobjectListView(KlantcontactenScope):
    query_params = frozenset(
        {
            "klantcontact__uuid",
            "klantcontact__url",
            "onderwerpobjectidentificatorObjectId",
            "onderwerpobjectidentificatorCodeObjecttype",
            "onderwerpobjectidentificatorCodeRegister",
            "onderwerpobjectidentificatorCodeSoortObjectId",
        }
    )

    def get(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        vragen = selectors.onderwerpobject_list(
            user=request.user,
            purpose=doel,
            klantcontact=self.ref_param(request, "klantcontact"),
            product_uri=self.param(request, "onderwerpobjectidentificatorObjectId"),
            geen=_onderwerp_codes(self, request, "onderwerpobjectidentificator") is False,
        )
        return self.paged(
            request,
            vragen,
            lambda v: r.onderwerpobject(self.links, v, v.klantcontact),
            person=lambda v: v.klantcontact.partij,
            purpose=doel,
            gegevens="onderwerpobjecten (Klantinteracties)",
        )


class OnderwerpobjectDetailView(KlantcontactenScope):
    def get(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        try:
            vraag = selectors.onderwerpobject_detail(
                uuid=self.path_uuid(uuid), user=request.user, purpose=doel
            )
        except Vraag.DoesNotExist:
            raise _not_found("onderwerpobject") from None
        return Response(r.onderwerpobject(self.links, vraag, vraag.klantcontact))


# --- interne taken, actoren -------------------------------------------------------------------


class InterneTaakListMixin(ContactverzoekenScope):
    query_params = frozenset(
        {
            "status",
            "toegewezenAanActor__uuid",
            "toegewezenAanActor__url",
            "aanleidinggevendKlantcontact__uuid",
            "aanleidinggevendKlantcontact__url",
        }
    )

    def list(self, request: Request) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        actor = self.ref_param(request, "toegewezenAanActor")
        decoded = pk_of(actor, Kind.TEAM, Kind.MEDEWERKER) if actor else None
        if actor is not None and decoded is None:
            verzoeken = Contactverzoek.objects.none()  # an actor Loket does not know
        else:
            verzoeken = selectors.interne_taak_list(
                user=request.user,
                filters=InterneTaakFilter(
                    status=self.choice_param(request, "status", ["te_verwerken", "verwerkt"]),
                    team=decoded[1] if decoded and decoded[0] == Kind.TEAM else None,
                    medewerker=decoded[1] if decoded and decoded[0] == Kind.MEDEWERKER else None,
                    klantcontact=self.ref_param(request, "aanleidinggevendKlantcontact"),
                ),
            )
        return self.paged(
            request,
            verzoeken,
            lambda v: r.interne_taak(
                self.links, contactverzoek_redact(user=request.user, verzoek=v, purpose=doel)
            ),
            person=lambda v: v.partij,
            purpose=doel,
            gegevens="interne taken (Klantinteracties)",
        )


class InterneTaakDetailMixin(ContactverzoekenScope):
    def retrieve(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        doel = self.purpose(request)
        return Response(r.interne_taak(self.links, self.get_verzoek(request, uuid, doel)))

    def get_verzoek(self, request: Request, uuid: str, doel: str) -> Contactverzoek:
        try:
            return selectors.interne_taak_detail(
                uuid=self.path_uuid(uuid), user=request.user, purpose=doel
            )
        except Contactverzoek.DoesNotExist:
            raise _not_found("interne taak") from None


class ActorListView(ContactverzoekenScope):
    query_params = frozenset({"soortActor", "indicatieActief", "actoridentificatorObjectId"})

    def get(self, request: Request) -> Response:
        self.check_query_params(request)
        soort = self.choice_param(
            request,
            "soortActor",
            ["geautomatiseerde_actor", "medewerker", "organisatorische_eenheid"],
        )
        actoren = selectors.actor_list(
            user=request.user,
            soort=soort,
            actief=self.bool_param(request, "indicatieActief"),
            object_id=self.param(request, "actoridentificatorObjectId"),
        )
        # Medewerkers and teams are no klanten: their names are not recorded per read.
        return self.paged(request, actoren, lambda a: r.actor(self.links, a))


class ActorDetailView(ContactverzoekenScope):
    def get(self, request: Request, uuid: str) -> Response:
        self.check_query_params(request)
        try:
            actor = selectors.actor_detail(uuid=self.path_uuid(uuid), user=request.user)
        except Team.DoesNotExist:
            raise _not_found("actor") from None
        return Response(r.actor(self.links, actor))
