"""The citizen portal through the test client: pages, feedback, login and Mijn Loket."""

import pytest
from django.test import override_settings

from loket.parties.citizen_auth import SESSION_KEY
from loket.portal.models import PaginaFeedback

from .conftest import BSN_ANNA, BSN_BOB

pytestmark = pytest.mark.django_db


def test_home_has_search_life_events_and_the_flits_products(client, wereld):
    html = client.get("/").content.decode()
    assert 'action="/zoeken/"' in html and "Waar zoekt u naar?" in html
    assert 'href="/levensgebeurtenissen/verhuizen/"' in html
    assert 'href="/producten/verhuismelding/"' in html  # a Flits product: online, 24/7
    assert "Heeft deze informatie u geholpen?" in html


def test_product_page_shows_the_promise_the_facts_and_the_fastest_channel(client, wereld):
    html = client.get("/producten/verhuismelding/").content.decode()
    assert "<h1" in html and "Verhuizing doorgeven" in html
    assert "Onze belofte: Flits" in html and "Binnen een minuut klaar, zonder wachten." in html
    assert "24 uur per dag, 7 dagen per week" in html
    assert "Regel het online — 24/7, direct klaar" in html
    assert "Snelst" in html and "Gratis." in html
    assert "Het adres bestaat in de BAG." in html
    assert "Bel 14 0000" in html  # the phone option is there too, after the fastest

    paspoort = client.get("/producten/paspoort/").content.decode()
    assert "Maak een afspraak — u moet zelf langskomen." in paspoort
    assert "Wij streven naar afhandeling binnen 5 werkdagen" in paspoort
    assert paspoort.index("portaal-kanaal--face") < paspoort.index("portaal-kanaal--call")


def test_product_page_shows_the_published_answer_the_kcc_gives(client, wereld):
    from loket.knowledge.selectors import kennis_search
    from loket.knowledge.services import artikel_create, artikel_publish, artikel_update

    artikel = artikel_create(
        slug="verhuizing-doorgeven",
        vraag="Hoe geef ik mijn verhuizing door?",
        antwoord="<p>Online met DigiD, versie een.</p>",
        producten=[wereld.verhuismelding],
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel.refresh_from_db()
    # A draft after publishing is not what citizens (or the KCC) see.
    artikel_update(artikel=artikel, revisie=artikel.revisie, antwoord="<p>Concept twee.</p>")
    artikel.refresh_from_db()
    versie = artikel.gepubliceerde_versie

    html = client.get("/producten/verhuismelding/").content.decode()
    assert f'data-versie="{versie.pk}"' in html
    assert "Online met DigiD, versie een." in html and "Concept twee." not in html
    from loket.knowledge.search.engine import invalidate

    invalidate()
    kcc = kennis_search(q="verhuizing doorgeven", kanaal="telefoon")
    assert versie.pk in {a.versie.pk for a in kcc.antwoorden if a.versie}


def test_unknown_or_inactive_products_are_not_found(client, wereld):
    assert client.get("/producten/bestaat-niet/").status_code == 404
    wereld.paspoort.is_actief = False
    wereld.paspoort.save()
    assert client.get("/producten/paspoort/").status_code == 404


def test_a_product_link_by_uuid_redirects_to_its_page(client, wereld):
    response = client.get(f"/producten/id/{wereld.paspoort.uuid}/")
    assert response.status_code == 301 and response["Location"] == "/producten/paspoort/"


def test_life_event_lists_its_products_in_order(client, wereld):
    html = client.get("/levensgebeurtenissen/verhuizen/").content.decode()
    assert html.index("Verhuizing doorgeven") < html.index("Paspoort aanvragen")
    assert "Eerst dit." in html
    assert client.get("/levensgebeurtenissen/").status_code == 200
    assert client.get("/levensgebeurtenissen/onbekend/").status_code == 404


def _feedback(client, sleutel="a" * 32, **extra):
    data = {"sleutel": sleutel, "pad": "/producten/paspoort/", "geholpen": "nee"}
    headers = {key: extra.pop(key) for key in list(extra) if key.startswith("HTTP_")}
    data.update(extra)
    return client.post("/feedback/", data, **headers)


def test_feedback_is_stored_once_per_form_and_works_without_javascript(client, wereld):
    first = _feedback(client, product=wereld.paspoort.pk, paginatitel="Paspoort aanvragen")
    assert first.status_code == 302
    assert first["Location"] == "/producten/paspoort/?feedback=bedankt#feedback"
    again = _feedback(client, product=wereld.paspoort.pk, opmerking="Kosten voor kinderen?")
    assert again.status_code == 302

    assert PaginaFeedback.objects.count() == 1
    feedback = PaginaFeedback.objects.get()
    assert feedback.product == wereld.paspoort and feedback.geholpen is False
    assert feedback.opmerking == "Kosten voor kinderen?"
    assert "Bedankt voor uw reactie" in client.get(first["Location"]).content.decode()


def test_feedback_with_htmx_replaces_only_the_form(client, wereld):
    response = _feedback(client, geholpen="ja", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and "Bedankt voor uw reactie" in html
    assert PaginaFeedback.objects.get().geholpen is True


def test_feedback_without_a_choice_says_so_in_dutch(client, wereld):
    response = _feedback(client, geholpen="", HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Kies ja of nee." in response.content.decode()
    assert not PaginaFeedback.objects.exists()
    response = _feedback(client, pad="https://elders.example/")
    assert response.status_code == 302 and response["Location"].startswith("/")


def test_feedback_is_not_sent_to_another_site(client, wereld):
    response = _feedback(client, pad="//elders.example/pagina")
    assert response.status_code == 302
    assert not response["Location"].startswith("//")
    assert not PaginaFeedback.objects.exists()


def test_login_page_marks_the_simulator_as_demo_only(client, wereld):
    html = client.get("/inloggen/").content.decode()
    assert "DigiD-simulator — alleen voor de demo" in html
    simulator = client.get("/inloggen/digid-simulator/").content.decode()
    assert "DigiD-simulator — alleen voor de demo." in simulator
    assert BSN_ANNA in simulator and "Anna Terpstra" in simulator
    found = client.get("/inloggen/digid-simulator/", {"q": "veenstra"}).content.decode()
    assert "Bob Veenstra" in found and "Anna Terpstra" not in found
    by_bsn = client.get("/inloggen/digid-simulator/", {"q": BSN_ANNA}).content.decode()
    assert "Anna Terpstra" in by_bsn and "Bob Veenstra" not in by_bsn


def test_simulator_login_rotates_the_session_and_logout_ends_it(client, wereld):
    client.get("/")
    client.session.save()
    before = client.session.session_key
    response = client.post("/inloggen/digid-simulator/", {"bsn": BSN_ANNA, "next": "/mijn/"})
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(wereld.anna.uuid)

    html = client.get("/mijn/").content.decode()
    assert "Anna Terpstra" in html and "Uitloggen" in html
    assert "Welkom, Anna Terpstra." in client.get("/").content.decode()
    assert client.post("/uitloggen/").status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get("/mijn/").status_code == 302


def test_simulator_refuses_unknown_residents_and_foreign_redirects(client, wereld):
    response = client.post("/inloggen/digid-simulator/", {"bsn": "123456782"})
    assert response.status_code == 422
    assert "Wij kunnen uw gegevens niet vinden" in response.content.decode()
    response = client.post("/inloggen/digid-simulator/", {"bsn": "", "next": "/mijn/"})
    assert "Kies een inwoner" in response.content.decode()
    response = client.post(
        "/inloggen/digid-simulator/", {"bsn": BSN_ANNA, "next": "https://elders.example/"}
    )
    assert response["Location"] == "/mijn/"


@override_settings(LOKET_DIGID_SIMULATOR=False)
def test_the_simulator_is_off_when_not_enabled(client, wereld):
    assert client.get("/inloggen/digid-simulator/").status_code == 404
    assert client.post("/inloggen/digid-simulator/", {"bsn": BSN_ANNA}).status_code == 404
    assert "Inloggen is op dit moment niet mogelijk" in client.get("/inloggen/").content.decode()


def test_mijn_loket_requires_a_citizen_login(client, wereld):
    response = client.get("/mijn/zaken/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=%2Fmijn%2Fzaken%2F"


def test_a_citizen_sees_only_their_own_zaken_and_messages(als_anna, wereld):
    overzicht = als_anna.get("/mijn/").content.decode()
    assert "ZAAK-TEST-0001" in overzicht and "ZAAK-TEST-0002" not in overzicht
    assert "Uw paspoort" in overzicht and "Geheim van Bob" not in overzicht
    zaken = als_anna.get("/mijn/zaken/").content.decode()
    assert "Verwacht klaar" in zaken and "ZAAK-TEST-0002" not in zaken
    detail = als_anna.get(f"/mijn/zaken/{wereld.zaak_anna.uuid}/").content.decode()
    assert "Wij hebben uw aanvraag ontvangen." in detail
    assert als_anna.get(f"/mijn/zaken/{wereld.zaak_bob.uuid}/").status_code == 404
    assert als_anna.get(f"/mijn/berichten/{wereld.bericht_bob.uuid}/").status_code == 404
    wereld.bericht_bob.refresh_from_db()
    assert wereld.bericht_bob.gelezen_op is None


def test_opening_a_message_marks_it_read(als_anna, wereld):
    assert "Nieuw" in als_anna.get("/mijn/berichten/").content.decode()
    html = als_anna.get(f"/mijn/berichten/{wereld.bericht_anna.uuid}/").content.decode()
    assert "Klaar." in html
    wereld.bericht_anna.refresh_from_db()
    assert wereld.bericht_anna.gelezen_op is not None


def test_my_data_come_from_the_brp(als_anna, wereld):
    html = als_anna.get("/mijn/gegevens/").content.decode()
    assert BSN_ANNA in html and "Terpstraat 1" in html and "8431 AB Zeventerpen" in html
    assert BSN_BOB not in html


def test_my_contacts_and_submissions_pages_render(als_anna, wereld):
    assert "U heeft nog geen contact met ons gehad." in (
        als_anna.get("/mijn/contacten/").content.decode()
    )
    assert als_anna.get("/mijn/inzendingen/").status_code == 200


def test_after_a_verhuismelding_mijn_loket_offers_the_rest_of_the_life_event(als_anna, wereld):
    from loket.selfservice.models import Formulier, Inzending

    formulier = Formulier.objects.create(
        slug="verhuismelding", titel="Verhuizing doorgeven", product=wereld.verhuismelding
    )
    Inzending.objects.create(
        formulier=formulier, partij=wereld.anna, idempotency_key="test-1", status="afgehandeld"
    )
    Inzending.objects.create(
        formulier=formulier, partij=wereld.bob, idempotency_key="test-2", status="afgehandeld"
    )

    html = als_anna.get("/mijn/").content.decode()

    assert "Regel ook" in html and 'href="/producten/paspoort/"' in html
    assert html.count("Verhuizing doorgeven") >= 1
    inzendingen = als_anna.get("/mijn/inzendingen/").content.decode()
    assert inzendingen.count("<h3") == 1  # Anna's own submission, not Bob's


def test_feedback_ignores_rubbish_references(client, wereld):
    response = _feedback(client, product="abc", levensgebeurtenis="1; drop")
    assert response.status_code == 302
    assert PaginaFeedback.objects.get().product is None


def test_an_idle_citizen_session_ends_after_fifteen_minutes(als_anna, wereld):
    from loket.parties.citizen_auth import SESSION_SEEN_KEY

    for _ in range(2):  # 28 minutes in all, never 15 idle: each visit refreshes the time
        session = als_anna.session
        session[SESSION_SEEN_KEY] -= 14 * 60
        session.save()
        assert als_anna.get("/mijn/").status_code == 200
    session = als_anna.session
    session[SESSION_SEEN_KEY] -= 16 * 60
    session.save()

    response = als_anna.get("/mijn/", follow=True)

    assert response.redirect_chain[0][0].startswith("/inloggen/")
    assert "U was een tijd niet actief" in response.content.decode()
    assert SESSION_KEY not in als_anna.session


def test_a_product_page_view_is_counted_for_the_insights(client, wereld):
    from loket.insights.models import Paginabezoek

    client.get("/producten/verhuismelding/")
    bezoek = Paginabezoek.objects.get()
    assert bezoek.product.upl_naam == "verhuismelding"
    assert bezoek.partij is None  # not logged in


def test_home_leads_to_the_public_space_report_and_the_online_forms(client, wereld):
    html = client.get("/").content.decode()
    assert 'href="/meldingen/"' in html
    assert 'href="/formulieren/"' in html


def test_did_this_help_on_an_answer_from_a_search_teaches_the_search(client, wereld):
    """Issue 23: the result links carry the search, the answer page's feedback form too; the
    reply is stored as a judgement counted once per address."""
    from loket.knowledge.models import ZoekKeuze
    from loket.knowledge.search.engine import invalidate
    from loket.knowledge.search.leren import leer_sleutel, wie_hash
    from loket.knowledge.tests.factories import KennisartikelFactory

    invalidate()
    artikel = KennisartikelFactory(
        slug="lantaarnpaal-melden",
        vraag="Een kapotte lantaarnpaal melden",
        antwoord="<p>Meld een kapotte lantaarnpaal online.</p>",
        gepubliceerd=True,
    )
    invalidate()
    zoeken = client.get("/zoeken/", {"q": "lantaarnpaal kapot"}).content.decode()
    assert "/zoeken/antwoord/lantaarnpaal-melden/?q=lantaarnpaal%20kapot" in zoeken
    pagina = client.get("/zoeken/antwoord/lantaarnpaal-melden/", {"q": "lantaarnpaal kapot"})
    html = pagina.content.decode()
    assert f'name="artikel" value="{artikel.pk}"' in html
    assert 'name="zoekvraag" value="lantaarnpaal kapot"' in html

    for sleutel in ("b" * 32, "c" * 32):  # two forms from one address: one judgement
        data = {
            "sleutel": sleutel,
            "pad": "/zoeken/antwoord/lantaarnpaal-melden/",
            "geholpen": "nee",
            "artikel": artikel.pk,
            "zoekvraag": "lantaarnpaal kapot",
        }
        response = client.post("/feedback/", data, REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 302
    keuze = ZoekKeuze.objects.get()
    assert (keuze.artikel, keuze.bron, keuze.geholpen) == (artikel, "portaal", False)
    assert keuze.sleutel == leer_sleutel("lantaarnpaal kapot")
    assert keuze.wie == wie_hash("portaal", "ip:192.0.2.7")
    assert PaginaFeedback.objects.filter(artikel=artikel).count() == 2
    invalidate()
