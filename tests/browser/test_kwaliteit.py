"""Quality monitoring (issue 20) in the browser: a teamleider reviews a sampled contact on the
rubric, writes feedback and turns the contact into a training scenario; the agent reads the
feedback on "Mijn kwaliteit" with the article, opens the training scenario made from the review
and starts it (the caller's name is not in it). axe clean."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_feedback_and_the_agent_reads_it(page, live_server, login, axe_check, screenshot):
    from django.utils import timezone

    from loket.accounts.tests.factories import TeamFactory, UserFactory
    from loket.contacts.services import VraagInput, contact_register, contactreden_create
    from loket.knowledge.services import artikel_create, artikel_publish
    from loket.kwaliteit.services import steekproef_draw
    from loket.parties.tests.factories import PersoonFactory
    from loket.training.models import TrainingSessie

    team = TeamFactory(name="KCC", kind="afdeling")
    UserFactory(role="teamleider", username="tl", teams=[team])
    agent = UserFactory(role="kcc-medewerker", username="agent", teams=[team])
    artikel = artikel_create(
        slug="paspoort-klaar", vraag="Wanneer is mijn paspoort klaar?", antwoord="<p>Vijf.</p>"
    )
    versie = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    maand = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    contact = contact_register(
        kanaal="telefoon",
        medewerker=agent,
        partij=PersoonFactory(voornamen="Hendrika", geslachtsnaam="Zwierstra"),
        plaatsgevonden_op=dt.datetime.combine(
            maand.replace(day=5), dt.time(10), tzinfo=timezone.get_current_timezone()
        ),
        vragen=[
            VraagInput(
                vraagtekst="Met Hendrika Zwierstra. Wanneer is mijn paspoort klaar?",
                contactreden=contactreden_create(naam="Reisdocumenten"),
                afhandeling="beantwoord",
                antwoord="Na vijf werkdagen.",
                kennisartikel_versie=versie,
            )
        ],
    )
    steekproef_draw(maand=maand, per_kanaal=2)

    login("tl", "geheim-123")
    page.goto(f"{live_server.url}/kwaliteit/")
    axe_check("kwaliteit-wachtrij")
    page.get_by_role("link", name=contact.referentienummer).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(contact.referentienummer)
    expect(page.get_by_text("Na vijf werkdagen.")).to_be_visible()
    axe_check("kwaliteit-beoordeling")
    screenshot("kwaliteit-beoordeling")
    for groep in page.get_by_role("group").all():
        groep.get_by_label("Voldoet", exact=True).check()
    page.get_by_role("group", name="Toon en vriendelijkheid").get_by_label("Deels").check()
    page.get_by_label("Feedback voor de medewerker").fill("Juist antwoord; noem ook de kosten.")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("De beoordeling is vastgelegd.")).to_be_visible()
    # The finished review: turn it into a training scenario.
    page.get_by_role("button", name="Maak er een oefenscenario van").click()
    expect(page.get_by_text("staat nu in de training")).to_be_visible()
    expect(
        page.get_by_role("link", name="Uit de praktijk: Wanneer is mijn paspoort klaar?")
    ).to_be_visible()
    axe_check("kwaliteit-beoordeling-klaar")
    page.goto(f"{live_server.url}/kwaliteit/dashboard/")
    expect(page.locator("[data-juistheid='kcc']")).to_have_text("100,0%")
    axe_check("kwaliteit-dashboard")

    page.context.clear_cookies()
    login("agent", "geheim-123")
    page.get_by_role("link", name="Mijn kwaliteit").click()
    expect(page.get_by_text("Juist antwoord; noem ook de kosten.")).to_be_visible()
    expect(page.get_by_text("Toon en vriendelijkheid: Deels")).to_be_visible()
    axe_check("kwaliteit-mijn")
    screenshot("kwaliteit-mijn")
    page.get_by_role("link", name="Wanneer is mijn paspoort klaar?").click()
    expect(page).to_have_url(f"{live_server.url}/kennis/artikel/paspoort-klaar/")

    # From the review to the training scenario made from it, and start it.
    page.go_back()
    page.get_by_role("link", name="Oefen dit onderwerp in de training").click()
    expect(page.get_by_role("heading", name="Scenario uit dit contact")).to_be_visible()
    expect(page.get_by_text("Uit de praktijk: Wanneer is mijn paspoort klaar?")).to_be_visible()
    axe_check("kwaliteit-training-onderwerp")
    page.get_by_role("button", name="Start dit scenario").click()
    expect(page.get_by_text("Met [naam]. Wanneer is mijn paspoort klaar?").first).to_be_visible()
    expect(page.get_by_text("Zwierstra")).to_have_count(0)
    screenshot("kwaliteit-training-sessie")
    sessie = TrainingSessie.objects.get(medewerker=agent)
    assert sessie.scenario.startswith("praktijk-")
    assert page.url == f"{live_server.url}/training/sessie/{sessie.uuid}/"
