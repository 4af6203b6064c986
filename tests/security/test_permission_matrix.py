"""Every route of Loket × every role: generated from the URL conf, so a new route without a rule
here fails the suite. For each route the rule names who may use it; the test tries it as a
visitor, a citizen (DigiD), each staff role, and for the API also as a token with every scope,
a token with none and a staff session, with GET and POST, and checks that everyone without the
right is refused (login redirect, 401 or 403) and nobody gets a server error."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import resolve
from rest_framework.test import APIClient

from loket.accounts.constants import ROLE_PERMISSIONS, Role
from loket.parties.citizen_auth import SESSION_KEY, SESSION_METHOD_KEY, SESSION_SEEN_KEY
from tests.security.urlmatrix import routes

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # everyone, no login
CITIZEN = "citizen"  # a logged-in citizen (Mijn Loket)
STAFF = "staff"  # any logged-in medewerker
API = "api"  # the view's scope (token) and session_permissions (medewerker) decide


def perm(*codenames: str) -> tuple[str, ...]:
    """A staff page for whoever has one of these permissions."""
    return tuple(f"accounts.{c}" for c in codenames)


RC = perm("register_contact")
CASES = perm("handle_cases")
KNOW = perm("view_knowledge")
EDIT = perm("manage_knowledge")
INS = perm("view_insights")
TRAIN = perm("take_training")
WRITTEN = perm("answer_written", "handle_cases")

RULES: dict[str, object] = {
    "start": PUBLIC,
    "inbox:inbox": WRITTEN,
    # One question: the world's e-mail is in the KCC team's inbox, which a backoffice-medewerker
    # of another team may not open (the team wall); answer_written holders are in it or see all.
    **{
        f"inbox:{n}": perm("answer_written")
        for n in ("item", "beantwoorden", "bijlage", "klant_koppelen", "terugbellen", "toewijzen")
    },
    "knowledge:geleerd": EDIT,
    "knowledge:geleerd_afwijzen": EDIT,
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:home": STAFF,
    "beheer:home": perm("view_audit_log"),
    "beheer:audit_log": perm("view_audit_log"),
    "privacy:inzage": perm("view_audit_log"),
    "privacy:wissen": perm("view_audit_log"),
    "privacy:gewist": perm("view_audit_log"),
    "privacy:verzoek": perm("view_audit_log"),
    "privacy:beperking_opheffen": perm("view_audit_log"),
    "beheer:audit_log_export": perm("view_audit_log"),
    "beheer:verwerkingslog_export": perm("view_audit_log"),
    **{
        f"kcc:{n}": RC
        for n in [
            "home",
            "werkplek",
            "telefoon",
            "telefoon_openen",
            "chats",
            "chat_teller",
            "chat",
            "chat_oppakken",
            "chat_wachten",
            "chat_bericht",
            "chat_klant",
            "chat_afsluiten",
            "persoon_overnemen",
            "klantbeeld",
            "klantbeeld_item",
            "adres_toevoegen",
            "adres_geverifieerd",
            "adres_voorkeur",
            "voorkeurskanaal",
            "contact_nieuw",
            "contact",
            "contact_annuleren",
            "contact_concept",
            "contact_klant",
            "product_opties",
            "kennis_paneel",
            "kennis_voorstel",
            "kennis_email",
            "verzoek_deadline",
        ]
    },
    "kcc:doorverwijzingen": INS,
    "portaal:zoeken": PUBLIC,
    "portaal:antwoord": PUBLIC,
    "portaal:product": PUBLIC,
    **{
        f"backoffice:{n}": CASES
        for n in [
            "home",
            "detail",
            "assign_to_me",
            "forward",
            "attempt",
            "close",
            "zaken",
            "zaak",
            "zaak_status",
            "zaak_opschorten",
            "zaak_hervatten",
            "zaak_verlengen",
            "zaak_notitie",
            "zaak_document",
            "zaak_afsluiten",
            "zaak_oppakken",
            "meldingen",
            "triage",
            "melding",
            "melding_categorie",
            "melding_status",
        ]
    },
    "backoffice:assign": perm("distribute_work"),
    "backoffice:reopen": perm("distribute_work"),
    "backoffice:zaak_heropenen": perm("distribute_work"),
    "backoffice:zaak_toewijzen": perm("distribute_work"),
    "backoffice:werkvoorraad": perm("handle_cases", "view_insights"),
    "backoffice:melding_nieuw": RC,
    "backoffice:melding_vastgelegd": RC,
    "knowledge:home": KNOW,
    "knowledge:nieuws_gelezen": KNOW,
    "knowledge:artikel": KNOW,
    "knowledge:artikel_feedback": KNOW,
    **{
        f"knowledge:{n}": EDIT
        for n in [
            "redactie",
            "artikel_nieuw",
            "artikel_bewerken",
            "voorbeeld",
            "publiceren",
            "archiveren",
            "aanbieden",
            "terugsturen",
            "versie_verschil",
            "producten_zoeken",
            "feedback",
            "feedback_afhandelen",
            "zoeklog",
            "synoniemen",
            "synoniem_uitzetten",
            "nieuws",
            "werkinstructies",
            "werkinstructie_nieuw",
            "werkinstructie_bewerken",
        ]
    },
    **{
        f"insights:{n}": INS
        for n in [
            "home",
            "contactredenen",
            "klantreizen",
            "personeelsplanning",
            "maandrapport",
            "export",
            "kanaalsturing",
            "benchmark",
            "benchmark_export",
            "digitaal",
            "digitaal_export",
            "tevredenheid",
        ]
    },
    **{
        f"training:{n}": TRAIN
        for n in [
            "home",
            "start",
            "sessie",
            "actie",
            "kennis",
            "afronden",
            "resultaat",
            "producten",
            "toetsen",
            "toets",
            "resultaten",
        ]
    },
    # Quality monitoring (issue 20): reviewers are teamleiders (and who reads the insight
    # figures); every medewerker reads their own reviews.
    **{
        f"kwaliteit:{n}": perm("view_insights", "distribute_work")
        for n in [
            "wachtrij",
            "beoordeling",
            "kalibreren",
            "kalibratie",
            "dashboard",
            "oefenscenario",
        ]
    },
    "kwaliteit:mijn": STAFF,
    # Training on the topic of one's own review (a 404 for another's: the review is checked).
    "praktijk:onderwerp": TRAIN,
    "training:team": perm("view_team_training"),
    "training:medewerker": perm("view_team_training"),
    "training:team_sessie": perm("view_team_training"),
    "training:items": perm("view_team_training"),
    "proactive:outbox": perm("manage_proactive_rules"),
    "proactive:bericht_opnieuw": perm("manage_proactive_rules"),
    "proactive:regels": perm("manage_proactive_rules"),
    "proactive:regel_nieuw": perm("manage_proactive_rules"),
    "proactive:regel_wijzigen": perm("manage_proactive_rules"),
    "proactive:signaal_aangeboden": RC,
    **{
        name: API
        for name in [
            "producten:list",
            "producten:detail",
            "api-partij-list",
            "api-partij-detail",
            "api-klantcontact-list",
            "api-klantcontact-detail",
            "api-internetaak-list",
            "api-internetaak-detail",
            "kennis-zoeken",
            "api-zaak-list",
            "api-zaak-detail",
            "api-status-list",
            "api-telefonie-gebeurtenissen",
            "api-bericht-list",
            "api-bericht-detail",
            "api-notificatie-callback",
        ]
    },
    # The Klantinteracties API (issue 18): scopes partijen, klantcontacten, contactverzoeken.
    **{
        f"klantinteracties:{resource}-{kind}": API
        for resource in [
            "partijen",
            "partij-identificatoren",
            "digitaleadressen",
            "klantcontacten",
            "betrokkenen",
            "onderwerpobjecten",
            "internetaken",
            "actoren",
            "actorklantcontacten",
            "bijlagen",
            "categorie-relaties",
            "categorieen",
            "rekeningnummers",
            "vertegenwoordigingen",
        ]
        for kind in ("list", "detail")
    },
    "klantinteracties:maak-klantcontact": API,
    "schema": PUBLIC,
    "swagger-ui": PUBLIC,
    "health": PUBLIC,
    "meldingen:nieuw": PUBLIC,
    "meldingen:ontvangen": PUBLIC,  # the receipt's UUID is the secret (unguessable)
    # The form's map: the check shows only public data of open meldingen nearby, the address
    # search and the map read the BAG (no persons); following needs an open melding's UUID.
    "meldingen:controle": PUBLIC,
    "meldingen:plekken": PUBLIC,
    "meldingen:kaart": PUBLIC,
    "meldingen:adres_bij_punt": PUBLIC,
    "meldingen:volgen": PUBLIC,
    "meldingen:gevolgd": PUBLIC,  # only for the browser that followed (session)
    "open311:services": PUBLIC,
    "open311:service": PUBLIC,
    "open311:requests": PUBLIC,  # GET public (no personal data); POST needs an API key
    "open311:request": PUBLIC,
    "survey:form": PUBLIC,  # the token in the link is the secret
    **{
        f"selfservice:{n}": PUBLIC
        for n in [
            "index",
            "hervatten",
            "inzending",
            "formulier",
            "stap",
            "controle",
            "opgeslagen",
            "afspraak_maken",
            "afspraak",
            "afspraak_agenda",  # the token in the link is the secret
            "ticket",
            "kiosk",
        ]
    },
    "selfservice:balie_list": perm("manage_counter"),
    "selfservice:balie": perm("manage_counter"),
    **{
        f"portal:{n}": PUBLIC
        for n in [
            "home",
            "producten",
            "product_uuid",
            "product",
            "levensgebeurtenissen",
            "levensgebeurtenis",
            "feedback",
            "inloggen",
            "digid_simulator",
            "inloggen_start",
            "inloggen_terug",
            "uitloggen",
            # The web chat: anyone on the website; the chat itself is found by the session.
            "chat",
            "chat_starten",
            "chat_bericht",
            "chat_medewerker",
            "chat_geholpen",
            "chat_terugbellen",
            "chat_stoppen",
            "chat_wachten",
        ]
    },
    **{
        f"portal:{n}": CITIZEN
        for n in [
            "mijn",
            "mijn_zaken",
            "mijn_zaak",
            "mijn_contacten",
            "mijn_berichten",
            "mijn_bericht",
            "mijn_inzendingen",
            "mijn_gegevens",
            "mijn_inzage",
            "mijn_afspraken",
            "mijn_afspraak_afzeggen",
            "mijn_meldingen",
            "mijn_vraag",
            "mijn_zaak_document",
        ]
    },
}

STAFF_ROLES = [role.value for role in Role]
REFUSED = {401, 403}


def _is_login_redirect(response) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return "inloggen" in location or "/login/" in location


def _refused(response) -> bool:
    return response.status_code in REFUSED or _is_login_redirect(response)


def _has(role: str, rule: tuple[str, ...]) -> bool:
    granted = {f"accounts.{c}" for c in ROLE_PERMISSIONS[role]}
    return bool(granted & set(rule))


def _client(world, who: str):
    client = Client()
    if who == "burger":
        session = client.session
        session[SESSION_KEY] = str(world.eigen.persoon.uuid)
        session[SESSION_METHOD_KEY] = "digid"
        session[SESSION_SEEN_KEY] = int(time.time())
        session.save()
    elif who != "bezoeker":
        client.force_login(world.users[who])
    return client


def test_every_route_has_a_rule():
    missing = sorted(route.name for route in routes() if route.name not in RULES)
    assert not missing, f"Routes zonder toegangsregel in {__file__}: {missing}"
    stale = sorted(set(RULES) - {route.name for route in routes()})
    assert not stale, f"Regels voor routes die niet meer bestaan: {stale}"


@pytest.mark.parametrize("who", ["bezoeker", "burger", *STAFF_ROLES])
def test_pages_refuse_everyone_without_the_right(world, who):
    violations = []
    for route in routes():
        rule = RULES[route.name]
        if rule in (PUBLIC, API):
            continue
        url = route.url(world)
        for method in ("get", "post"):
            response = getattr(_client(world, who), method)(url)
            status = response.status_code
            if status >= 500:
                violations.append(f"{method.upper()} {url}: {status}")
                continue
            if rule == CITIZEN:
                allowed = who == "burger"
            elif rule == STAFF:
                allowed = who in STAFF_ROLES
            else:
                allowed = who in STAFF_ROLES and _has(who, rule)
            if not allowed and not _refused(response):
                violations.append(f"{method.upper()} {url} as {who}: {status}, expected refusal")
            if (
                allowed
                and _refused(response)
                and not (
                    rule == STAFF
                    or (
                        method == "post"
                        and status == 403
                        and "csrf" in str(response.content).lower()
                    )
                )
            ):
                violations.append(f"{method.upper()} {url} as {who}: refused ({status})")
    assert not violations, "\n".join(violations)


def _api_clients(world):
    """(label, client, may(view, kind) -> bool) for every kind of API caller."""
    from loket.api.models import ApiToken

    def token(key):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_X_LOKET_DOEL="Matrixtest")
        return client

    alle = ApiToken.objects.get(name="Alle scopes")
    yield "bezoeker", APIClient(), lambda view, kind: False
    yield (
        "token alle scopes",
        token(world.tokens["alle"]),
        lambda view, kind: alle.has_scope(f"{view.scope}:{kind}"),
    )
    yield "token geen scopes", token(world.tokens["geen"]), lambda view, kind: False
    for role in STAFF_ROLES:
        client = APIClient()
        client.force_login(world.users[role])
        client.credentials(HTTP_X_LOKET_DOEL="Matrixtest")
        user = world.users[role]

        def may(view, kind, user=user):
            perms = getattr(view, "session_permissions", {}).get(kind)
            return bool(perms) and user.has_perms(perms)

        yield f"sessie {role}", client, may


def test_api_refuses_every_caller_without_the_scope_or_permission(world):
    violations = []
    api_routes = [route for route in routes() if RULES[route.name] == API]
    for label, client, may in _api_clients(world):
        for route in api_routes:
            url = route.url(world)
            view = resolve(url).func.view_class
            for method, kind in (("get", "lezen"), ("post", "schrijven")):
                if not hasattr(view, method):
                    continue
                response = (
                    getattr(client, method)(url, {}, format="json")
                    if method == "post"
                    else client.get(url)
                )
                status = response.status_code
                if status >= 500:
                    violations.append(f"{label}: {method.upper()} {url}: {status}")
                elif not may(view, kind) and status not in REFUSED:
                    violations.append(
                        f"{label}: {method.upper()} {url}: {status}, expected 401/403"
                    )
                elif may(view, kind) and status in REFUSED:
                    violations.append(f"{label}: {method.upper()} {url}: refused ({status})")
    assert not violations, "\n".join(violations)


def test_admin_sites_refuse_staff_without_admin_access(world):
    """/admin/ (gegevensbeheer) sends every visitor and every medewerker without staff status to
    a login page, for every registered model; /catalogusbeheer/ lets in only those who manage
    the catalogue (redacteur, beheerder) and refuses the other roles."""
    from django.contrib import admin

    from loket.catalogue.admin import MANAGE_CATALOGUE, catalogus_site

    violations = []
    gegevens = [f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in admin.site._registry]
    catalogus = [
        f"/catalogusbeheer/{m._meta.app_label}/{m._meta.model_name}/"
        for m in catalogus_site._registry
    ]
    for who in ["bezoeker", *STAFF_ROLES]:
        user = world.users.get(who)
        for url in gegevens:
            response = _client(world, who).get(url)
            if user is not None and user.is_staff:  # beheerder: the model permissions decide
                if response.status_code not in (200, 403):
                    violations.append(f"{url} as {who}: {response.status_code}")
            elif not (response.status_code == 302 and "/login/" in response["Location"]):
                violations.append(f"{url} as {who}: {response.status_code}")
        may_catalogue = user is not None and user.has_perm(MANAGE_CATALOGUE)
        for url in catalogus:
            response = _client(world, who).get(url)
            if may_catalogue and response.status_code != 200:
                violations.append(f"{url} as {who}: {response.status_code}, expected 200")
            if not may_catalogue and not _refused(response):
                violations.append(f"{url} as {who}: {response.status_code}, expected refusal")
    assert not violations, "\n".join(violations)


# What /beheer/ promises the beheerder (issue 16, item 15): staff with roles and teams, teams,
# API tokens and norms, each managed in gegevensbeheer through its role permission.
BEHEER_ADMIN = {
    "/admin/accounts/user/": "accounts.manage_users",
    "/admin/accounts/user/add/": "accounts.manage_users",
    "/admin/accounts/team/": "accounts.manage_users",
    "/admin/accounts/team/add/": "accounts.manage_users",
    "/admin/api/apitoken/": "accounts.manage_api_tokens",
    "/admin/api/apitoken/add/": "accounts.manage_api_tokens",
    "/admin/insights/norm/": "accounts.manage_reference_data",
}


def test_beheerder_manages_staff_teams_tokens_and_norms(world):
    """Every page /beheer/ links to answers 200 for whoever holds its permission (the
    beheerder) and is refused to every other role."""
    violations = []
    for who in STAFF_ROLES:
        user = world.users[who]
        for url, permission in BEHEER_ADMIN.items():
            status = _client(world, who).get(url).status_code
            if user.has_perm(permission) and status != 200:
                violations.append(f"{url} as {who}: {status}, expected 200")
            if not user.has_perm(permission) and status == 200:
                violations.append(f"{url} as {who}: 200, expected refusal")
    assert not violations, "\n".join(violations)
    assert world.users[Role.BEHEERDER.value].has_perm("accounts.manage_users")
