"""Digital use (issue 21): the page's funnel equals the concepts and submissions, search to
contact links a logged-in search to a call and then forgets the person, and no figure or export
holds a BSN, a name or an address."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from loket.contacts.tests.factories import KlantcontactFactory
from loket.core.errors import DomainError
from loket.insights.selectors import Filters
from loket.insights.selectors.digitaal import mediaan_seconden, trechters_get
from loket.knowledge.models import Antwoordbezoek, Zoektocht
from loket.knowledge.tests.factories import KennisartikelFactory
from loket.knowledge.zoektochten import antwoordbezoek_register, zoektocht_register
from loket.parties.tests.factories import PersoonFactory
from loket.selfservice.models import Concept, Inzending
from loket.selfservice.services import concept_save, concept_start, inzending_submit
from loket.selfservice.services.vervolg import zoektochten_link
from loket.selfservice.tests.conftest import wereld  # noqa: F401


@pytest.fixture
def gebruik(wereld):  # noqa: F811
    formulier = wereld.formulieren["uittreksel-brp"]
    concept = concept_start(formulier=formulier, partij=wereld.partij)
    concept_save(concept=concept, stap=0, gegevens={"doel": "werkgever"}, partij=wereld.partij)
    inzending_submit(
        formulier=formulier,
        gegevens=concept.gegevens,
        idempotency_key=concept.sleutel,
        partij=wereld.partij,
        concept=concept,
    )
    for _ in range(3):
        ander = PersoonFactory(weergavenaam="Els Jansen")
        c = concept_start(formulier=formulier, partij=ander)
        with pytest.raises(DomainError):
            concept_save(
                concept=c, stap=0, gegevens={"doel": "Kerkstraat 12 999993653"}, partij=ander
            )
    return formulier


def test_the_page_funnel_equals_the_database(gebruik):
    vandaag = timezone.localdate()
    digitaal = trechters_get(filters=Filters(van=vandaag, tot=vandaag, per="week"))
    overzicht = next(t for t in digitaal.tabellen if t.key == "trechter")
    rij = next(r for r in overzicht.rijen if r[0] == gebruik.titel)
    gestart, alle_stappen, ingediend, automatisch = rij[2], rij[3], rij[4], rij[5]
    assert gestart == Concept.objects.filter(formulier=gebruik).count() == 4
    assert alle_stappen == Concept.objects.filter(formulier=gebruik, stap__gte=1).count() == 1
    assert ingediend == Inzending.objects.filter(formulier=gebruik).count() == 1
    assert automatisch == 1
    stappen = next(t for t in digitaal.tabellen if t.key == "trechter-stappen")
    eerste = next(r for r in stappen.rijen if r[0].startswith(gebruik.titel + " — 1."))
    assert eerste[1:6] == [4, 1, 3, 3, 75.0]
    fouten = next(t for t in digitaal.tabellen if t.key == "veldfouten")
    assert fouten.rijen[0][0] == "Waarvoor heeft u het uittreksel nodig?: kies een van de opties."
    assert fouten.rijen[0][3] == 3


def test_median_from_the_duration_classes():
    assert mediaan_seconden({}) is None
    assert mediaan_seconden({30: 2}) == 20.0  # halfway the class 10-30 s
    assert mediaan_seconden({10: 1, 60: 3}) == 40.0


def test_a_search_is_linked_to_a_call_and_then_forgets_the_person(db):
    from loket.catalogue.tests.factories import ProductFactory

    product = ProductFactory(upl_naam="paspoort", is_gemeente=True)
    artikel = KennisartikelFactory(producten=[product], gepubliceerd=True)
    partij = PersoonFactory()
    sessie: dict = {}
    eerder = timezone.now() - dt.timedelta(hours=30)
    zoektocht = zoektocht_register(aantal_resultaten=3, product=None, partij=partij, sessie=sessie)
    antwoordbezoek_register(artikel=artikel, producten=[product], partij=partij, sessie=sessie)
    Zoektocht.objects.filter(pk=zoektocht.pk).update(gezocht_op=eerder)
    Antwoordbezoek.objects.update(bezocht_op=eerder)
    KlantcontactFactory(
        partij=partij,
        kanaal="telefoon",
        product=product,
        plaatsgevonden_op=eerder + dt.timedelta(hours=2),
    )

    assert zoektochten_link() == {"zoektochten": 1, "antwoordbezoeken": 1}
    zoektocht.refresh_from_db()
    assert zoektocht.antwoord_gelezen and zoektocht.artikel == artikel
    assert zoektocht.product == product
    assert zoektocht.contact_binnen_24u is True and zoektocht.partij is None
    bezoek = Antwoordbezoek.objects.get()
    assert bezoek.gebeld_binnen_24u is True and bezoek.partij is None


def test_no_bsn_name_or_address_on_the_page_or_in_an_export(gebruik, make_user):
    client = Client()
    client.force_login(make_user("teamleider"))
    vandaag = timezone.localdate().isoformat()
    query = f"?van={vandaag}&tot={vandaag}"
    pagina = client.get("/inzicht/digitaal/" + query)
    assert pagina.status_code == 200
    teksten = [pagina.content.decode()]
    assert gebruik.titel in teksten[0]
    for tabel in ("trechter", "trechter-stappen", "veldfouten", "zoeken", "antwoord-gebeld"):
        response = client.get(f"/inzicht/digitaal/export/{tabel}.csv" + query)
        assert response.status_code == 200, tabel
        teksten.append(response.content.decode("utf-8-sig"))
    assert "Waarvoor heeft u het uittreksel nodig?" in teksten[3]
    for tekst in teksten:
        for needle in ("999993653", "999990019", "Jansen", "Kerkstraat", "8431", "jan@voorbeeld"):
            assert needle.lower() not in tekst.lower(), needle


def test_the_page_refuses_a_bad_period_with_a_dutch_message(make_user):
    client = Client()
    client.force_login(make_user("teamleider"))
    response = client.get("/inzicht/digitaal/?van=gisteren")
    assert response.status_code == 400
    assert "ongeldig" in response.content.decode().lower() or "datum" in response.content.decode()


def test_a_period_without_figures_draws_no_empty_charts_and_says_so(make_user):
    client = Client()
    client.force_login(make_user("teamleider"))
    response = client.get("/inzicht/digitaal/?van=2020-01-01&tot=2020-01-31")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["grafieken"] == []
    assert 'class="insights-grafiek"' not in html
    assert html.count("Geen gegevens in deze periode.") == 7  # one per table
