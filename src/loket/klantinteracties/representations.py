"""The output of the Klantinteracties API 0.9.0, built from Loket's rows.

Plain functions from a loaded row to the spec's JSON (camelCase): the lists hand them rows whose
relations the selectors prefetched, so no function here queries. The conformance test validates
every shape against docs/api/standards/klantinteracties-0.9.0.yaml.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from django.utils import timezone
from rest_framework.request import Request

from loket.accounts.constants import TeamKind
from loket.accounts.models import Team, User
from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.klantinteracties.uuids import Kind, derived_uuid
from loket.parties.constants import SoortPartij
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.parties.selectors import partij_digitale_adressen

Json = dict[str, Any]

BASE_PATH = "/klantinteracties/api/v1/"
ASSIGNMENT_EVENTS = {
    GebeurtenisSoort.AANGEMAAKT,
    GebeurtenisSoort.TOEGEWEZEN,
    GebeurtenisSoort.DOORGESTUURD,
}
# The identificators Loket derives from a persoon's or organisatie's fields:
# (kind, codeObjecttype, codeSoortObjectId, codeRegister, the field).
PERSOON_IDENTIFICATOREN = [(Kind.BSN, "natuurlijk_persoon", "bsn", "brp", "bsn")]
ORGANISATIE_IDENTIFICATOREN = [
    (Kind.KVK_NUMMER, "niet_natuurlijk_persoon", "kvk_nummer", "hr", "kvk_nummer"),
    (Kind.VESTIGINGSNUMMER, "vestiging", "vestigingsnummer", "hr", "vestigingsnummer"),
    (Kind.RSIN, "niet_natuurlijk_persoon", "rsin", "hr", "rsin"),
]
IDENTIFICATOR_KINDS = {
    row[0]: row for row in [*PERSOON_IDENTIFICATOREN, *ORGANISATIE_IDENTIFICATOREN]
}
# An onderwerpobject is a vraag about a product, identified by its UPL-URI.
PRODUCT_IDENTIFICATOR = {
    "codeObjecttype": "product",
    "codeRegister": "upl",
    "codeSoortObjectId": "uri",
}
MAX_NUMMER = 10  # `nummer` and `referentienummer` are at most 10 characters in the spec


class Links:
    """Absolute URLs of this API for one request."""

    def __init__(self, request: Request) -> None:
        self.base = request.build_absolute_uri(BASE_PATH)

    def url(self, resource: str, uuid: object) -> str:
        return f"{self.base}{resource}/{uuid}"

    def ref(self, resource: str, uuid: object) -> Json:
        return {"uuid": str(uuid), "url": self.url(resource, uuid)}


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment is not None else None


def short_number(referentienummer: str) -> str | None:
    """Loket's KC-2026-000123 as the spec's at most 10 characters ("2026000123"), else None."""
    compact = "".join(ch for ch in referentienummer if ch.isdigit())
    return compact if 0 < len(compact) <= MAX_NUMMER else None


# --- partijen ---------------------------------------------------------------------------------


def _persoon(partij: Partij) -> Persoon | None:
    return getattr(partij, "persoon", None) if partij.soort == SoortPartij.PERSOON else None


def _organisatie(partij: Partij) -> Organisatie | None:
    return getattr(partij, "organisatie", None) if partij.soort == SoortPartij.ORGANISATIE else None


def identificator_rows(partij: Partij) -> list[tuple[Kind, str, str, str, str]]:
    """(kind, codeObjecttype, codeSoortObjectId, codeRegister, objectId) of a partij."""
    persoon, organisatie = _persoon(partij), _organisatie(partij)
    if persoon is not None:
        source: Any = persoon
        kinds = PERSOON_IDENTIFICATOREN
    elif organisatie is not None:
        source, kinds = organisatie, ORGANISATIE_IDENTIFICATOREN
    else:
        return []
    rows = []
    for kind, objecttype, soort, register, field in kinds:
        value = getattr(source, field) or ""
        if value:
            rows.append((kind, objecttype, soort, register, value))
    return rows


def partij_identificator(links: Links, partij: Partij, kind: Kind) -> Json:
    """One identificator of a partij; `kind` must be one it has (see identificator_rows)."""
    rows = {row[0]: row for row in identificator_rows(partij)}
    _kind, objecttype, soort, register, value = rows[kind]
    uuid = derived_uuid(kind, partij.pk)
    sub = None
    if kind == Kind.VESTIGINGSNUMMER and Kind.KVK_NUMMER in rows:
        # A vestiging is a sub-identificator of the organisation's KVK-nummer.
        sub = links.ref("partij-identificatoren", derived_uuid(Kind.KVK_NUMMER, partij.pk))
    return {
        "uuid": str(uuid),
        "url": links.url("partij-identificatoren", uuid),
        "identificeerdePartij": links.ref("partijen", partij.uuid),
        "anderePartijIdentificator": "",
        "partijIdentificator": {
            "codeObjecttype": objecttype,
            "codeSoortObjectId": soort,
            "objectId": value,
            "codeRegister": register,
        },
        "subIdentificatorVan": sub,
    }


def digitaal_adres(
    links: Links, adres: DigitaalAdres, partij: Partij | None = None, *, expand: bool = False
) -> Json:
    """A digitaal adres of a partij. Loket records no betrokkene that provided it, so its
    `verstrektDoorBetrokkene` (and an expansion of it) is null."""
    partij = partij or adres.partij
    body: Json = {
        "uuid": str(adres.uuid),
        "url": links.url("digitaleadressen", adres.uuid),
        "verstrektDoorBetrokkene": None,
        "verstrektDoorPartij": links.ref("partijen", partij.uuid),
        "adres": adres.adres,
        "soortDigitaalAdres": adres.soort,
        "isStandaardAdres": adres.is_standaard_adres,
        "omschrijving": adres.omschrijving,
        "verificatieDatum": (
            timezone.localtime(adres.verified_at).date().isoformat() if adres.verified_at else None
        ),
    }
    if expand:
        body["_expand"] = {"verstrektDoorBetrokkene": None}
    return body


def _voorletters(persoon: Persoon) -> str:
    """Initials of the voornamen ("Jan Piet": "J.P."), at most the spec's 10 characters."""
    return "".join(f"{naam[0]}." for naam in persoon.voornamen.split())[:10]


def _partij_identificatie(partij: Partij) -> Json:
    persoon, organisatie = _persoon(partij), _organisatie(partij)
    if persoon is not None:
        return {
            "contactnaam": {
                "voorletters": _voorletters(persoon),
                "voornaam": persoon.voornamen,
                "voorvoegselAchternaam": persoon.voorvoegsel_geslachtsnaam,
                "achternaam": persoon.geslachtsnaam,
            },
            "volledigeNaam": persoon.volledige_naam or partij.weergavenaam,
        }
    return {"naam": organisatie.handelsnaam if organisatie is not None else partij.weergavenaam}


def nested(expand: Set[str], name: str) -> set[str] | None:
    """The expansions below `name` ("hadBetrokkenen.wasPartij" → {"wasPartij"}), or None when
    `name` is not expanded at all; a nested expansion expands its parent too."""
    below = {e.split(".", 1)[1] for e in expand if e.startswith(f"{name}.")}
    return below if below or name in expand else None


def betrokkene(links: Links, contact: Klantcontact, *, expand: Set[str] = frozenset()) -> Json:
    """The partij of a klantcontact as its betrokkene (rol klant, initiator), with the
    klantcontact's own UUID (one betrokkene per klantcontact in Loket). For a partij's own list
    the contact's partij is that partij (set by the prefetch, no query). `expand`: wasPartij,
    hadKlantcontact, digitaleAdressen (a betrokkene in Loket provided none: empty)."""
    klant = contact.partij
    assert klant is not None, "a betrokkene is a klantcontact with a partij"
    persoon, organisatie = _persoon(klant), _organisatie(klant)
    contactnaam = None
    if persoon is not None:
        contactnaam = {
            "voorletters": _voorletters(persoon),
            "voornaam": persoon.voornamen,
            "voorvoegselAchternaam": persoon.voorvoegsel_geslachtsnaam,
            "achternaam": persoon.geslachtsnaam,
        }
    body: Json = {
        "uuid": str(contact.uuid),
        "url": links.url("betrokkenen", contact.uuid),
        "wasPartij": links.ref("partijen", klant.uuid),
        "hadKlantcontact": links.ref("klantcontacten", contact.uuid),
        "digitaleAdressen": [],
        "bezoekadres": None,
        "correspondentieadres": None,
        "contactnaam": contactnaam,
        "volledigeNaam": klant.weergavenaam,
        "rol": "klant",
        "organisatienaam": organisatie.handelsnaam if organisatie is not None else "",
        "initiator": True,
    }
    if expand:
        expanded: Json = {}
        if "wasPartij" in expand:
            expanded["wasPartij"] = partij(links, klant)
        if "hadKlantcontact" in expand:
            expanded["hadKlantcontact"] = klantcontact(links, contact)
        if "digitaleAdressen" in expand:
            expanded["digitaleAdressen"] = []
        body["_expand"] = expanded
    return body


def partij(links: Links, partij: Partij, *, expand: Set[str] = frozenset()) -> Json:
    """A partij; its `betrokkenen` are its klantcontacten (prefetched, newest first)."""
    adressen = partij_digitale_adressen(partij=partij)
    contacten: list[Klantcontact] = list(partij.klantcontacten.all())
    standaard = next((a for a in adressen if a.is_standaard_adres), None)
    body: Json = {
        "uuid": str(partij.uuid),
        "url": links.url("partijen", partij.uuid),
        "interneNotitie": "",
        "betrokkenen": [links.ref("betrokkenen", c.uuid) for c in contacten],
        "categorieRelaties": [],
        "digitaleAdressen": [links.ref("digitaleadressen", a.uuid) for a in adressen],
        "voorkeursDigitaalAdres": (
            links.ref("digitaleadressen", standaard.uuid) if standaard is not None else None
        ),
        "vertegenwoordigden": [],
        "rekeningnummers": [],
        "voorkeursRekeningnummer": None,
        "partijIdentificatoren": [
            partij_identificator(links, partij, row[0]) for row in identificator_rows(partij)
        ],
        "soortPartij": partij.soort,
        "indicatieGeheimhouding": partij.indicatie_geheimhouding,
        "voorkeurstaal": partij.voorkeurstaal,
        "indicatieActief": True,
        "bezoekadres": None,
        "correspondentieadres": None,
        "partijIdentificatie": _partij_identificatie(partij),
    }
    if expand:
        expanded: Json = {}
        if "digitaleAdressen" in expand:
            expanded["digitaleAdressen"] = [digitaal_adres(links, a, partij) for a in adressen]
        below = nested(expand, "betrokkenen")
        if below is not None:
            expanded["betrokkenen"] = [betrokkene(links, c, expand=below) for c in contacten]
        if "categorieRelaties" in expand:
            expanded["categorieRelaties"] = []
        body["_expand"] = expanded
    return body


# --- actoren ------------------------------------------------------------------------------


def medewerker_actor(links: Links, user: User) -> Json:
    uuid = derived_uuid(Kind.MEDEWERKER, user.pk)
    email = user.email or ""
    return {
        "uuid": str(uuid),
        "url": links.url("actoren", uuid),
        "naam": (str(user) or user.get_username())[:200],
        "soortActor": "medewerker",
        "indicatieActief": bool(user.is_active),
        "actoridentificator": {
            "objectId": email or user.get_username(),
            "codeObjecttype": "mdw",
            "codeRegister": "handmatig",
            "codeSoortObjectId": "email" if email else "gebruikersnaam",
        },
    }


def team_actor(links: Links, team: Team) -> Json:
    uuid = derived_uuid(Kind.TEAM, team.pk)
    identificatie: Json = {"omschrijving": team.name[:200]}
    if team.email:
        identificatie["emailadres"] = team.email
    return {
        "uuid": str(uuid),
        "url": links.url("actoren", uuid),
        "naam": team.name[:200],
        "soortActor": "organisatorische_eenheid",
        "indicatieActief": bool(team.is_actief),
        "actoridentificator": {
            "objectId": team.slug,
            "codeObjecttype": "afd" if team.kind == TeamKind.AFDELING else "grp",
            "codeRegister": "handmatig",
            "codeSoortObjectId": "code",
        },
        "actorIdentificatie": identificatie,
    }


def actor(links: Links, row: User | Team) -> Json:
    return team_actor(links, row) if isinstance(row, Team) else medewerker_actor(links, row)


# --- klantcontacten, onderwerpobjecten, interne taken ----------------------------------------


def onderwerpobject(links: Links, vraag: Vraag, contact: Klantcontact) -> Json:
    uuid = derived_uuid(Kind.ONDERWERPOBJECT, vraag.pk)
    product = vraag.product
    return {
        "uuid": str(uuid),
        "url": links.url("onderwerpobjecten", uuid),
        "klantcontact": links.ref("klantcontacten", contact.uuid),
        "wasKlantcontact": None,
        "onderwerpobjectidentificator": (
            {**PRODUCT_IDENTIFICATOR, "objectId": product.upl_uri} if product is not None else None
        ),
    }


def _onderwerp_vragen(contact: Klantcontact) -> list[Vraag]:
    return [vraag for vraag in contact.vragen.all() if vraag.product_id is not None]


def klantcontact(links: Links, contact: Klantcontact, *, expand: Set[str] = frozenset()) -> Json:
    vragen = list(contact.vragen.all())
    verzoeken = sorted(contact.contactverzoeken.all(), key=lambda v: v.pk)
    onderwerpen = _onderwerp_vragen(contact)
    nummer = short_number(contact.referentienummer)
    antwoorden = "\n\n".join(vraag.antwoord for vraag in vragen if vraag.antwoord)
    body: Json = {
        "uuid": str(contact.uuid),
        "url": links.url("klantcontacten", contact.uuid),
        "gingOverOnderwerpobjecten": [
            links.ref("onderwerpobjecten", derived_uuid(Kind.ONDERWERPOBJECT, v.pk))
            for v in onderwerpen
        ],
        "hadBetrokkenActoren": (
            [medewerker_actor(links, contact.medewerker)] if contact.medewerker else []
        ),
        "omvatteBijlagen": [],
        "hadBetrokkenen": (
            [links.ref("betrokkenen", contact.uuid)] if contact.partij_id is not None else []
        ),
        "leiddeTotInterneTaken": [links.ref("internetaken", v.uuid) for v in verzoeken],
        "nummer": nummer,
        "referentienummer": nummer,
        "kanaal": contact.kanaal.code,
        "onderwerp": contact.onderwerp,
        "inhoud": contact.inhoud,
        "reactie": antwoorden[:4000],
        "indicatieContactGelukt": contact.indicatie_contact_gelukt,
        "verdereActieOndernomen": bool(verzoeken)
        or any(v.afhandeling == Afhandeling.CONTACTVERZOEK for v in vragen),
        "taal": contact.taal,
        "vertrouwelijk": contact.vertrouwelijk,
        "plaatsgevondenOp": _iso(contact.plaatsgevonden_op),
        "metadata": {"referentienummer": contact.referentienummer},
    }
    if expand:
        expanded: Json = {}
        below = nested(expand, "hadBetrokkenen")
        if below is not None:
            expanded["hadBetrokkenen"] = (
                [betrokkene(links, contact, expand=below)] if contact.partij_id is not None else []
            )
        if "leiddeTotInterneTaken" in expand:
            expanded["leiddeTotInterneTaken"] = [interne_taak(links, v) for v in verzoeken]
        if "gingOverOnderwerpobjecten" in expand:
            expanded["gingOverOnderwerpobjecten"] = [
                onderwerpobject(links, v, contact) for v in onderwerpen
            ]
        if "omvatteBijlagen" in expand:
            expanded["omvatteBijlagen"] = []
        body["_expand"] = expanded
    return body


def _toegewezen_op(verzoek: Contactverzoek):
    moments = [g.op for g in verzoek.gebeurtenissen.all() if g.soort in ASSIGNMENT_EVENTS]
    return max(moments) if moments else verzoek.created_at


def interne_taak(links: Links, verzoek: Contactverzoek) -> Json:
    """A contactverzoek as interne taak. Loket's 'in behandeling' is 'te_verwerken' in the spec
    (it knows only te_verwerken and verwerkt)."""
    actoren = []
    if verzoek.medewerker_id is not None:
        actoren.append(links.ref("actoren", derived_uuid(Kind.MEDEWERKER, verzoek.medewerker_id)))
    if verzoek.team_id is not None:
        actoren.append(links.ref("actoren", derived_uuid(Kind.TEAM, verzoek.team_id)))
    nummer = str(verzoek.pk) if len(str(verzoek.pk)) <= MAX_NUMMER else None
    return {
        "uuid": str(verzoek.uuid),
        "url": links.url("internetaken", verzoek.uuid),
        "nummer": nummer,
        "referentienummer": nummer,
        "gevraagdeHandeling": verzoek.gevraagde_handeling,
        "aanleidinggevendKlantcontact": links.ref("klantcontacten", verzoek.klantcontact.uuid),
        "toegewezenAanActor": actoren[0],
        "toegewezenAanActoren": actoren,
        "toelichting": verzoek.toelichting,
        "status": (
            "verwerkt" if verzoek.status == ContactverzoekStatus.VERWERKT else "te_verwerken"
        ),
        "toegewezenOp": _iso(_toegewezen_op(verzoek)),
        "afgehandeldOp": _iso(verzoek.afgehandeld_op),
    }
