"""The klantbeeld's timeline in a real browser (issue 16, item 3): every kind of record of the
klant is on it, and each item opens and closes in place (htmx) without leaving the page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def klant(db):
    """Fenna Terpstra with an appointment, a melding, a submission, a message, a contact with a
    verzoek that the back office tried to call back, and a zaak."""
    from django.utils import timezone

    from loket.accounts.tests.factories import TeamFactory, UserFactory
    from loket.balie.tests.factories import AfspraakFactory
    from loket.cases.tests.factories import ZaakFactory
    from loket.contacts.services import contactverzoek_register_attempt
    from loket.contacts.tests.factories import ContactverzoekFactory
    from loket.core.models import Kanaal
    from loket.meldingen.tests.factories import MeldingFactory
    from loket.messaging.tests.factories import BerichtFactory
    from loket.parties.services import persoon_from_brp
    from loket.registries.tests.factories import BrpPersoonFactory
    from loket.selfservice.tests.factories import FormulierFactory, InzendingFactory

    for volgorde, (code, naam, soort) in enumerate(
        [
            ("telefoon", "Telefoon", "call"),
            ("balie", "Balie", "face"),
            ("website", "Website", "click"),
        ]
    ):
        Kanaal.objects.get_or_create(
            code=code, defaults={"naam": naam, "soort": soort, "volgorde": volgorde}
        )
    persoon = BrpPersoonFactory(voornamen="Fenna", geslachtsnaam="Terpstra")
    partij = persoon_from_brp(bsn=persoon.bsn, user=None, purpose="Testgegevens")
    team = TeamFactory(name="Burgerzaken")
    bob = UserFactory(role="backoffice-medewerker", username="bob")
    bob.teams.add(team)
    verzoek = ContactverzoekFactory(
        klantcontact__partij=partij,
        klantcontact__vraagtekst="Kan iemand mij terugbellen over mijn paspoort?",
        team=team,
        gevraagde_handeling="Terugbellen over de levertijd van het paspoort",
    )
    contactverzoek_register_attempt(
        verzoek=verzoek, user=bob, bereikt=False, kanaal="telefoon", toelichting="Voicemail"
    )
    AfspraakFactory(partij=partij, product__upl_naam="paspoort")
    MeldingFactory(
        melder=partij, tekst="De lantaarnpaal voor nummer 12 brandt niet.", adres="Terpstraat 12"
    )
    InzendingFactory(
        partij=partij,
        formulier=FormulierFactory(titel="Parkeervergunning aanvragen"),
        gegevens={"kenteken": "12-ABC-3"},
        ingediend_op=timezone.now() - dt.timedelta(days=2),
    )
    BerichtFactory(
        partij=partij,
        onderwerp="Uw afspraak is bevestigd",
        tekst="U hebt een afspraak voor een paspoort.",
        status="verzonden",
        verzonden_op=timezone.now() - dt.timedelta(hours=1),
    )
    ZaakFactory(initiator=partij)
    return partij


def test_klantbeeld_shows_everything_and_opens_an_item_in_place(
    page, live_server, make_user, login, screenshot, axe_check, klant
):
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    login("kim", "geheim-123")
    page.goto(f"{live_server.url}/kcc/partij/{klant.uuid}/")
    screenshot("klantbeeld-tijdlijn")
    timeline = page.locator("#kcc-timeline")
    expect(timeline.get_by_text("Afspraak", exact=True)).to_be_visible()
    for soort in ("afspraak", "melding", "inzending", "bericht", "poging", "verzoek", "zaak"):
        expect(timeline.locator(f".kcc-timeline__item--{soort}").first).to_be_visible()
    axe_check("klantbeeld-tijdlijn")

    melding = timeline.locator(".kcc-timeline__item--melding")
    expect(melding.get_by_text("De lantaarnpaal voor nummer 12")).to_have_count(0)
    url = page.url
    knop = melding.get_by_role("link", name="Details tonen")
    knop.click()
    expect(melding.get_by_text("De lantaarnpaal voor nummer 12 brandt niet.")).to_be_visible()
    verberg = melding.get_by_role("link", name="Details verbergen")
    expect(verberg).to_have_attribute("aria-expanded", "true")
    expect(verberg).to_be_focused()  # the toggle keeps the keyboard focus after the swap
    assert page.url == url  # in place: no navigation
    poging = timeline.locator(".kcc-timeline__item--poging")
    poging.get_by_role("link", name="Details tonen").click()
    expect(poging.get_by_text("Voicemail")).to_be_visible()
    screenshot("klantbeeld-item-open")
    axe_check("klantbeeld-item-open")

    verberg.click()
    expect(melding.get_by_text("De lantaarnpaal voor nummer 12")).to_have_count(0)
    expect(melding.get_by_role("link", name="Details tonen")).to_be_focused()


def test_an_item_opens_as_a_page_without_javascript(browser, live_server, make_user, klant):
    """Without JavaScript the same link opens the item on a page of its own."""
    from django.test import Client

    client = Client()
    client.force_login(make_user("kcc-medewerker", username="kim"))
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"/kcc/partij/{klant.uuid}/")
    bericht = page.locator(".kcc-timeline__item--bericht").filter(has_text="Uw afspraak is")
    with page.expect_navigation():
        bericht.get_by_role("link", name="Details tonen").click()
    expect(page.get_by_text("U hebt een afspraak voor een paspoort.")).to_be_visible()
    expect(page.get_by_role("link", name="Terug naar de tijdlijn")).to_be_visible()
    context.close()
