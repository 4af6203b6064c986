"""Digital use (issue 21) in a real browser: the form funnel, search to contact and the Flits
target draw their charts beside their tables, the worst step and the answer that leads to most
calls are named on top (the answer linked to the redactie), and axe-core finds no serious
problems. The page holds no name or BSN of the citizens behind the figures."""

import datetime as dt

import pytest

from loket.selfservice.tests.conftest import wereld  # noqa: F401
from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _gebruik(wereld):  # noqa: F811
    from django.utils import timezone

    from loket.contacts.tests.factories import KlantcontactFactory
    from loket.core.errors import DomainError
    from loket.insights.services import samenvattingen_recompute
    from loket.knowledge.models import Antwoordbezoek, Zoektocht
    from loket.knowledge.tests.factories import KennisartikelFactory
    from loket.knowledge.zoektochten import antwoordbezoek_register, zoektocht_register
    from loket.parties.tests.factories import PersoonFactory
    from loket.selfservice.services import concept_save, concept_start, inzending_submit
    from loket.selfservice.services.vervolg import zoektochten_link

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
    for _ in range(11):
        ander = PersoonFactory(weergavenaam="Els Jansen")
        c = concept_start(formulier=formulier, partij=ander)
        with pytest.raises(DomainError):
            concept_save(concept=c, stap=0, gegevens={"doel": "anders"}, partij=ander)

    product = formulier.product
    product.is_gemeente = True  # the municipality's own product: an article needs no referral
    product.save(update_fields=["is_gemeente"])
    artikel = KennisartikelFactory(
        vraag="Hoe vraag ik een uittreksel aan?", producten=[product], gepubliceerd=True
    )
    eerder = timezone.now() - dt.timedelta(hours=30)
    for i in range(4):
        sessie: dict = {}
        partij = PersoonFactory(weergavenaam="Piet Bakker")
        zoektocht_register(aantal_resultaten=3, product=product, partij=partij, sessie=sessie)
        antwoordbezoek_register(artikel=artikel, producten=[product], partij=partij, sessie=sessie)
        if i < 3:
            KlantcontactFactory(
                partij=partij,
                kanaal="telefoon",
                product=product,
                plaatsgevonden_op=eerder + dt.timedelta(hours=1),
            )
    Zoektocht.objects.update(gezocht_op=eerder)
    Antwoordbezoek.objects.update(bezocht_op=eerder)
    zoektochten_link()
    samenvattingen_recompute()
    return formulier, artikel


def test_digital_use_page_with_charts_tables_and_the_worst_step(
    page,
    live_server,
    make_user,
    login,
    wereld,  # noqa: F811
):
    formulier, artikel = _gebruik(wereld)
    make_user("teamleider", username="tl", password="geheim-123")
    login("tl", "geheim-123")
    page.goto(f"{live_server.url}/inzicht/digitaal/?per=week")
    page.wait_for_selector(f"#grafiek-trechter-{formulier.slug} .main-svg", timeout=15000)
    page.wait_for_selector("#grafiek-zoeken .main-svg", timeout=15000)
    page.wait_for_selector("#grafiek-formule-doel .main-svg", timeout=15000)

    opvallend = page.inner_text("#digitaal-opvallend + ul")
    assert "Grootste uitval" in opvallend and "1. Uw uittreksel" in opvallend
    assert "Waarvoor dan?: vul dit veld in." in opvallend
    assert "Hoe vraag ik een uittreksel aan?" in opvallend
    link = page.get_by_role("link", name="Hoe vraag ik een uittreksel aan?").first
    assert link.get_attribute("href").endswith(f"/redactie/artikel/{artikel.slug}/")

    trechter = page.inner_text("#tabel-trechter")
    assert formulier.titel in trechter and "12" in trechter
    assert "Waarvoor dan?" in page.inner_text("#tabel-veldfouten")
    assert "75,0%" in page.inner_text("#tabel-antwoord-gebeld")
    assert "Doel" in page.inner_text("#tabel-formule-doel")
    hele_pagina = page.content()
    for needle in ("Jansen", "Bakker", "999993653"):
        assert needle not in hele_pagina, needle
    assert page.get_by_role("link", name="Digitaal gebruik").get_attribute("aria-current") == "page"
    assert_no_blocking_axe_violations(page, "digitaal")
