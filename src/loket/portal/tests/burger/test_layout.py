"""One layout for every citizen page: the portal's menu (Mijn Loket, log in or out) on each page
a citizen can reach, and article links that lead to Loket's own pages (issue 16, item 9)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from loket.portal.tests.burger.conftest import BSN_HOOFD

# Citizen URLconfs (namespace) and the pages of them a walk cannot show as a page, with why.
BURGER_NAMESPACES = {"portal", "portaal", "selfservice", "meldingen", "survey"}
NIET_GELOPEN = {
    "start": "the portal home (walked as /)",
    "portal:home": "the same view as start",
    "portal:feedback": "POST only, redirects back",
    "portal:uitloggen": "POST only, redirects",
    "portal:inloggen_start": "redirects to the login method",
    "portal:inloggen_terug": "redirects after login",
    "portal:digid_simulator": "the identity provider's own page (stands in for DigiD)",
    "portal:product_uuid": "redirects to the product page",
    "portaal:product": "redirects to the product page",
    "selfservice:formulier": "starts a concept and redirects to its step",
    "selfservice:hervatten": "redirects to the step",
    "selfservice:balie": "staff page (teamleider)",
    "selfservice:afspraak_agenda": "an .ics file, not a page",
    "portal:mijn_zaak_document": "POST only, redirects to the zaak",
    "portal:mijn_afspraak_afzeggen": "POST only, redirects to the appointments",
    "selfservice:balie_list": "staff page (teamleider)",
    "meldingen:controle": "a partial of the melding form (htmx), not a page",
    "meldingen:plekken": "a partial of the melding form (htmx address search), not a page",
    "meldingen:adres_bij_punt": "a partial of the melding form (htmx), not a page",
    "meldingen:kaart": "GeoJSON for the map, not a page",
    "meldingen:volgen": "POST only, redirects to the confirmation",
    **{
        f"portal:{n}": "the web chat's JSON for the widget on every page, not a page"
        for n in (
            "chat",
            "chat_starten",
            "chat_bericht",
            "chat_medewerker",
            "chat_geholpen",
            "chat_terugbellen",
            "chat_stoppen",
            "chat_wachten",
        )
    },
}


AFVALPAS_STAPPEN = [{"reden": "kwijt"}, {"email": "jan@voorbeeld.example", "telefoon": ""}]


def _names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def _heeft_menu(html: str, *, ingelogd: bool) -> None:
    nav = re.search(
        r'<nav class="portaal-nav" aria-label="Website van de gemeente">(.*?)</nav>', html, re.S
    )
    assert nav, "het menu van de website ontbreekt"
    assert "Mijn Loket" in nav.group(1)
    assert "Producten A-Z" in nav.group(1)
    knop = "Uitloggen" if ingelogd else "Inloggen"
    assert re.search(rf'<div class="portaal-burger">.*?{knop}', html, re.S), knop


@pytest.fixture
def burgerpaginas(wereld, afspraak, locatie):
    from loket.balie.services import ticket_draw
    from loket.catalogue.tests.factories import LevensgebeurtenisFactory
    from loket.insights.models import Tevredenheidsmeting
    from loket.knowledge.tests.factories import KennisartikelFactory
    from loket.meldingen.services import melding_create
    from loket.messaging.models import Bericht
    from loket.selfservice.services import concept_save, concept_start, inzending_submit

    product = wereld.producten["verhuismelding"]
    product.titel = "Verhuizing doorgeven"
    product.is_gemeente = True
    product.save()
    gebeurtenis = LevensgebeurtenisFactory(slug="verhuizen-test", naam="Verhuizen")
    artikel = KennisartikelFactory(
        gepubliceerd=True, producten=[product], vraag="Hoe geef ik mijn verhuizing door?"
    )
    formulier = wereld.formulieren["uittreksel-brp"]
    concept = concept_start(formulier=formulier, partij=wereld.partij)
    concept_save(concept=concept, stap=0, gegevens={"doel": "werkgever"}, partij=wereld.partij)
    afvalpas = wereld.formulieren["afvalpas"]
    ingediend = concept_start(formulier=afvalpas, partij=wereld.partij)
    for stap, gegevens in enumerate(AFVALPAS_STAPPEN):
        concept_save(concept=ingediend, stap=stap, gegevens=gegevens, partij=wereld.partij)
    inzending, _ = inzending_submit(
        formulier=afvalpas,
        gegevens=ingediend.gegevens,
        idempotency_key="layout-1",
        partij=wereld.partij,
        concept=ingediend,
    )
    ticket = ticket_draw(locatie=locatie, product=product)
    melding = melding_create(tekst="Lantaarnpaal kapot bij de kerk", adres="Markt 1")
    meting = Tevredenheidsmeting.objects.create(token="t" * 43)
    slug, token = formulier.slug, concept.token
    return {
        "anoniem": [
            "/",
            "/producten/",
            f"/producten/{product.slug}/",
            "/levensgebeurtenissen/",
            f"/levensgebeurtenissen/{gebeurtenis.slug}/",
            "/inloggen/",
            "/zoeken/",
            "/zoeken/?q=verhuizing",
            f"/zoeken/antwoord/{artikel.slug}/",
            "/formulieren/",
            f"/afspraken/{product.uuid}/",
            f"/afspraken/beheren/{afspraak.token}/",
            f"/balie/ticket/{ticket.token}/",
            f"/balie/{locatie.slug}/kiosk/",
            "/meldingen/",
            f"/meldingen/ontvangen/{melding.uuid}/",
            f"/meldingen/gevolgd/{melding.uuid}/",
            f"/tevredenheid/{meting.token}/",
        ],
        "ingelogd": [
            "/mijn/",
            "/mijn/zaken/",
            "/mijn/berichten/",
            "/mijn/inzendingen/",
            "/mijn/contacten/",
            "/mijn/gegevens/",
            "/mijn/gegevens/alles/",
            "/mijn/afspraken/",
            "/mijn/meldingen/",
            "/mijn/vraag/",
            f"/formulieren/{slug}/{token}/stap/1/",
            f"/formulieren/{slug}/{token}/controleren/",
            f"/formulieren/{slug}/{token}/opgeslagen/",
            f"/formulieren/inzending/{inzending.uuid}/",
            f"/mijn/zaken/{inzending.zaak.uuid}/",
            f"/mijn/berichten/{Bericht.objects.filter(partij=wereld.partij).first().uuid}/",
        ],
        "melding": melding,
    }


@pytest.mark.django_db
def test_every_citizen_page_has_the_portal_menu(client, wereld, burgerpaginas):
    from loket.meldingen.portal_views import SESSION_GEVOLGD, SESSION_KEY

    session = client.session
    session[SESSION_KEY] = [str(burgerpaginas["melding"].uuid)]
    session[SESSION_GEVOLGD] = [str(burgerpaginas["melding"].uuid)]
    session.save()
    gelopen = set()
    for pad in burgerpaginas["anoniem"]:
        response = client.get(pad)
        assert response.status_code == 200, pad
        _heeft_menu(response.content.decode(), ingelogd=False)
        gelopen.add(resolve(pad.split("?")[0]).view_name)
    response = client.post("/inloggen/digid-simulator/", {"bsn": BSN_HOOFD, "next": "/mijn/"})
    assert response.status_code == 302
    for pad in burgerpaginas["ingelogd"]:
        response = client.get(pad)
        assert response.status_code == 200, pad
        _heeft_menu(response.content.decode(), ingelogd=True)
        gelopen.add(resolve(pad).view_name)
    # Every citizen page is walked (or named above with the reason it is not): a new page that
    # forgets the layout cannot slip past this test.
    burger = {
        name for name in _names() if name == "start" or name.split(":")[0] in BURGER_NAMESPACES
    }
    ontbreekt = burger - gelopen - set(NIET_GELOPEN)
    assert not ontbreekt, f"niet gelopen: {sorted(ontbreekt)}"


@pytest.mark.django_db
def test_article_links_lead_to_the_products_own_form_and_mijn_loket(client, wereld):
    from loket.knowledge.tests.factories import KennisartikelFactory

    product = wereld.producten["verhuismelding"]
    product.is_gemeente = True
    product.save(update_fields=["is_gemeente"])
    artikel = KennisartikelFactory(
        gepubliceerd=True,
        producten=[product],
        vraag="Hoe geef ik mijn verhuizing door?",
        antwoord=(
            '<p>Doe het online via <a href="loket:formulier">het formulier</a>, kijk in '
            '<a href="loket:mijn">Mijn Loket</a> of via '
            '<a href="https://www.zeventerpen.example/verhuizen">de oude website</a>.</p>'
        ),
    )
    html = client.get(f"/zoeken/antwoord/{artikel.slug}/").content.decode()
    antwoord = re.search(r'<div class="portaal-antwoord">(.*?)</div>', html, re.S).group(1)
    assert re.search(r'href="/formulieren/verhuismelding/"[^>]*>het formulier', antwoord)
    assert re.search(r'href="/mijn/"[^>]*>Mijn Loket', antwoord)
    assert re.search(r'href="/formulieren/verhuismelding/"[^>]*>de oude website', antwoord)
    assert "zeventerpen.example" not in antwoord and "loket:" not in antwoord
    # The search results and the product page render the same resolved links.
    zoek = client.get("/zoeken/?q=verhuizing").content.decode()
    assert re.search(r'href="/formulieren/verhuismelding/"[^>]*>het formulier', zoek)
    assert "zeventerpen.example/verhuizen" not in zoek


def test_demo_articles_link_to_loket_not_to_the_old_website():
    import json
    from pathlib import Path

    import loket.knowledge

    content = Path(loket.knowledge.__file__).parent / "content"
    for path in content.glob("*.json"):
        for artikel in json.loads(path.read_text()):
            if isinstance(artikel, dict) and "antwoord" in artikel:
                assert "//www.zeventerpen.example" not in artikel["antwoord"], artikel["slug"]


def test_the_api_gives_article_links_as_absolute_addresses_in_loket(client, wereld):
    """An API client (a municipal website, KISS) cannot follow `loket:formulier`: the web text
    it gets names the same pages the portal links to, as absolute addresses."""
    from loket.api.services import api_token_create
    from loket.knowledge.tests.factories import KennisartikelFactory

    product = wereld.producten["verhuismelding"]
    product.is_gemeente = True
    product.save(update_fields=["is_gemeente"])
    KennisartikelFactory(
        gepubliceerd=True,
        producten=[product],
        vraag="Hoe geef ik mijn verhuizing door?",
        antwoord='<p>Doe het via <a href="loket:formulier">het formulier</a>.</p>',
    )
    _, key = api_token_create(name="website", scopes=["kennis:lezen"])
    response = client.get(
        "/api/v1/kennis/zoeken",
        {"q": "verhuizing doorgeven", "kanaal": "web"},
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200
    artikelen = [a for a in response.json()["antwoorden"] if a["soort"] == "artikel"]
    tekst = artikelen[0]["tekst"]
    assert 'href="http://testserver/formulieren/verhuismelding/"' in tekst
    assert "loket:" not in tekst


def test_the_email_reply_points_at_loket_not_at_the_old_website(client, wereld, make_user):
    """The KCC's e-mail reply is plain text: a mention of the municipality's old website becomes
    the address of Loket's own page for the article's product; e-mail addresses stay as they are."""
    from django.conf import settings

    from loket.knowledge.tests.factories import KennisartikelFactory

    product = wereld.producten["verhuismelding"]
    product.is_gemeente = True
    product.save(update_fields=["is_gemeente"])
    artikel = KennisartikelFactory(
        gepubliceerd=True,
        producten=[product],
        vraag="Hoe geef ik mijn verhuizing door?",
        email=(
            "Geachte heer/mevrouw,\n\nGeef het door via www.zeventerpen.example/verhuizen of "
            "https://www.zeventerpen.example/mijn. Vragen? Mail info@zeventerpen.example.\n\n"
            "Met vriendelijke groet,\n\nKCC"
        ),
    )
    client.force_login(make_user("kcc-medewerker"))
    html = client.get(f"/kcc/kennis/{artikel.gepubliceerde_versie.pk}/email/").content.decode()
    assert f"{settings.LOKET_BASE_URL}/formulieren/verhuismelding/" in html
    assert f"{settings.LOKET_BASE_URL}/mijn/" in html
    assert "www.zeventerpen.example" not in html
    assert "info@zeventerpen.example" in html
