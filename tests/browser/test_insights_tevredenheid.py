"""Satisfaction per channel (issue 20) in a real browser: a citizen answers the survey after a
counter visit (an error names the question and its summary link moves to it; the answer is
stored once), and the teamleider reads CSAT and CES per channel and finds the answer by a word.
axe-core finds no serious problems on either page."""

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _metingen():
    from loket.catalogue.tests.factories import ProductFactory
    from loket.contacts.tests.factories import KlantcontactFactory
    from loket.insights.services import tevredenheid_invite, tevredenheid_submit
    from loket.parties.tests.factories import PersoonFactory

    product = ProductFactory(upl_naam="paspoort", titel="Paspoort")
    balie = tevredenheid_invite(
        klantcontact=KlantcontactFactory(
            kanaal="balie", product=product, partij=PersoonFactory(geslachtsnaam="Visser")
        )
    )
    telefoon = tevredenheid_invite(
        klantcontact=KlantcontactFactory(kanaal="telefoon", product=product)
    )
    tevredenheid_submit(
        token=telefoon.token, score=5, moeite=7, opmerking="Vriendelijk en snel geholpen"
    )
    return balie


def test_a_citizen_answers_and_the_teamleider_finds_the_answer_per_channel(
    page, live_server, make_user, login
):
    meting = _metingen()
    page.goto(f"{live_server.url}/tevredenheid/{meting.token}/")
    assert page.get_by_text("Het was makkelijk om mijn vraag geregeld te krijgen").is_visible()
    assert_no_blocking_axe_violations(page, "tevredenheid-formulier")
    page.get_by_label("6").check()  # only the effort question: the CSAT answer is missing
    page.get_by_label("Wat kunnen wij beter doen").fill("Lange wachttijd bij de balie")
    page.get_by_role("button", name="Verstuur").click()
    fout = page.get_by_role("link", name="Tevredenheid: kies een cijfer van 1 tot en met 5.")
    assert fout.is_visible()
    assert page.get_by_label("Wat kunnen wij beter doen").input_value() == (
        "Lange wachttijd bij de balie"
    )
    assert_no_blocking_axe_violations(page, "tevredenheid-fout")
    page.locator("#score-2").check()
    page.get_by_role("button", name="Verstuur").click()
    assert page.get_by_text("Dank u wel! Uw antwoord is opgeslagen.").is_visible()

    make_user("teamleider", username="tl", password="geheim-123")
    login("tl", "geheim-123")
    page.goto(f"{live_server.url}/inzicht/tevredenheid/")
    kanalen = page.inner_text("#tabel-tevredenheid-kanaal")
    assert "Balie" in kanalen and "Telefoon" in kanalen and "100,0%" in kanalen
    page.get_by_label("Zoek in de open antwoorden").fill("wachttijd")
    page.get_by_role("button", name="Zoeken").click()
    antwoorden = page.inner_text("#tabel-open-antwoorden")
    assert "Lange wachttijd bij de balie" in antwoorden and "Vriendelijk" not in antwoorden
    assert "Visser" not in page.content()
    assert (
        page.get_by_role("link", name="Tevredenheid", exact=True).get_attribute("aria-current")
        == "page"
    )
    assert_no_blocking_axe_violations(page, "tevredenheid-resultaten")
