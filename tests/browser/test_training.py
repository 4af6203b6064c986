"""A trainee handles one scenario of the KCC simulation end to end in Chromium: asks, searches
the knowledge base, answers, steers to the website, registers and gets the score; axe-core finds
no serious or critical problems on the workspace, the result and the kennistoets."""

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trainingsdata(db, make_user):
    from loket.knowledge.search.engine import invalidate
    from loket.training.tests.conftest import load_reference_data

    load_reference_data()
    make_user("kcc-medewerker", username="tineke", password="geheim-123")
    yield
    invalidate()


def test_a_trainee_completes_a_scenario_end_to_end(
    page, live_server, login, screenshot, trainingsdata
):
    from loket.training.models import TrainingSessie

    login("tineke", "geheim-123")
    page.goto(f"{live_server.url}/training/")
    assert_no_blocking_axe_violations(page, "/training/")
    rij = page.get_by_role("row").filter(has_text="Oude bank laten ophalen")
    with page.expect_navigation():
        rij.get_by_role("button", name="Start").click()
    chat = page.locator(".training-chat")
    assert "oude bank en een kast" in chat.inner_text()

    # Ask the customer: the next line of the conversation appears (htmx).
    page.get_by_label("Wat zegt u tegen de klant?").fill("Wat wilt u precies kwijt?")
    page.get_by_role("button", name="Vraag stellen").click()
    chat.get_by_text("Een driezitsbank en een boekenkast").wait_for()
    assert page.get_by_label("Wat zegt u tegen de klant?").input_value() == ""

    # Search the knowledge base and use the answer; then give it to the customer.
    zoek = page.get_by_label("Zoek in de kennisbank")
    zoek.press_sequentially("grofvuil ophalen", delay=20)
    resultaat = page.locator(".kcc-kennis-resultaat").filter(has_text="Hoe laat ik grofvuil")
    resultaat.get_by_role("button", name="Gebruik dit antwoord").click()
    assert page.locator("input[name='vraag-0-kennisartikel_versie']").input_value()
    page.get_by_role("button", name="Antwoord geven").click()
    chat.get_by_text("Dertig euro, prima").wait_for()
    assert_no_blocking_axe_violations(page, "oefencontact")
    screenshot("training-sessie")

    # Steer to the website.
    page.get_by_label("Kanaal adviseren").select_option(label="Website/formulier")
    page.get_by_role("button", name="Kanaal adviseren").click()
    chat.get_by_text("Goed, dan doe ik het zo.").wait_for()

    # Register with the real form's fields and hand over.
    page.get_by_label("Contactreden").select_option(label="Grofvuil ophalen")
    page.get_by_label("Vraag van de klant").fill("Bank en kast laten ophalen")
    assert page.locator("select[name='vraag-0-product']").input_value() != ""
    with page.expect_navigation():
        page.get_by_role("button", name="Registreren en afronden").click()

    assert "/resultaat/" in page.url
    sessie = TrainingSessie.objects.get()
    assert sessie.is_afgerond
    from loket.training.constants import MAX_PUNTEN

    for criterium in ("antwoord", "vervolgvragen", "kanaalsturing", "overdracht", "registratie"):
        assert sessie.scores[criterium] == MAX_PUNTEN[criterium], criterium
    assert page.locator("[data-totaal]").inner_text() == str(sessie.totaal)
    assert page.get_by_role("link", name="Hoe laat ik grofvuil ophalen?").is_visible()
    assert_no_blocking_axe_violations(page, "resultaat")
    screenshot("training-resultaat")

    # The kennistoets page.
    page.goto(f"{live_server.url}/training/kennistoets/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start een nieuwe kennistoets").click()
    assert page.get_by_role("group").count() >= 10
    assert_no_blocking_axe_violations(page, "kennistoets")

    page.goto(f"{live_server.url}/training/resultaten/")
    assert page.locator("[data-sessies]").inner_text() == "1"
    assert_no_blocking_axe_violations(page, "mijn resultaten")


def test_a_trainee_answers_in_own_words_and_the_teamleider_reads_the_item_statistics(
    page, live_server, login, screenshot, trainingsdata, make_user
):
    """A wrong cost in the trainee's own words: the customer notices and the score says which
    value was wrong. The teamleider's page of kennistoets item statistics (axe-checked)."""
    import datetime as dt

    from django.utils import timezone

    from loket.accounts.models import Team
    from loket.accounts.services import team_add_member
    from loket.training.models import Kennistoets, ToetsVraag, TrainingSessie
    from loket.training.tests.test_itemstatistiek import FIXTURE

    login("tineke", "geheim-123")
    page.goto(f"{live_server.url}/training/")
    rij = page.get_by_role("row").filter(has_text="Oude bank laten ophalen")
    with page.expect_navigation():
        rij.get_by_role("button", name="Start").click()
    page.get_by_label("Wat zegt u tegen de klant?").fill("Wij halen het op, dat kost 45 euro.")
    page.get_by_role("button", name="Antwoord geven").click()
    chat = page.locator(".training-chat")
    chat.get_by_text("Wij halen het op, dat kost 45 euro.").wait_for()
    assert "Dertig euro" not in chat.inner_text()  # the customer does not go on as if right
    page.get_by_label("Contactreden").select_option(label="Grofvuil ophalen")
    page.get_by_label("Vraag van de klant").fill("Bank laten ophalen")
    with page.expect_navigation():
        page.get_by_role("button", name="Registreren en afronden").click()
    antwoord = page.locator("[data-criterium='antwoord']")
    assert "u noemde € 45, maar volgens het kennisartikel zijn de kosten € 30" in (
        antwoord.inner_text()
    )
    assert TrainingSessie.objects.get().scores["antwoord"] == 0

    kcc = Team.objects.get(slug="kcc")
    nu = timezone.now()
    for n, items in enumerate(FIXTURE.values()):
        lid = make_user("kcc-medewerker")
        team_add_member(team=kcc, user=lid)
        toets = Kennistoets.objects.create(
            medewerker=lid,
            gestart_op=nu - dt.timedelta(minutes=10 + n),
            afgerond_op=nu - dt.timedelta(minutes=n),
            aantal_vragen=3,
            aantal_goed=sum(items.values()),
        )
        ToetsVraag.objects.bulk_create(
            ToetsVraag(
                toets=toets,
                volgnummer=nummer,
                soort="kort",
                onderwerp="Fixture",
                vraag=f"Vraag {item}",
                juist={"getal": "5"},
                antwoord="5" if goed else "6",
                is_goed=bool(goed),
            )
            for nummer, (item, goed) in enumerate(items.items(), start=1)
        )
    leider = make_user("teamleider", username="leider", password="geheim-123")
    team_add_member(team=kcc, user=leider, is_coordinator=True)
    page.context.clear_cookies()
    login("leider", "geheim-123")
    page.goto(f"{live_server.url}/training/team/")
    with page.expect_navigation():
        page.get_by_role("link", name="Kwaliteit van de kennistoetsvragen").click()
    rij = page.locator("[data-item]").filter(has_text="Vraag A")
    assert rij.locator("[data-p]").inner_text() == "0,67"
    assert rij.locator("[data-rpb]").inner_text() == "0,34"
    assert_no_blocking_axe_violations(page, "kennistoets-items")
    screenshot("training-items")
