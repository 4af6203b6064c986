"""The e-mail channel end to end (issue 17), in a real browser with real mail servers: an e-mail
delivered to a Dovecot mailbox is taken in by the worker's job, appears in the KCC inbox, is
answered from a knowledge article, and the reply arrives at the SMTP sink in the same thread."""

from __future__ import annotations

import os
from email import message_from_bytes
from email.message import EmailMessage

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mailservers(settings):
    from loket.inbox.tests.dovecot import Dovecot, dovecot_available
    from loket.messaging.smtp_sink import SmtpSink

    if not dovecot_available():
        if os.environ.get("CI"):
            pytest.fail("Dovecot ontbreekt (apt-get install dovecot-imapd); met CI=true verplicht.")
        pytest.skip("Dovecot ontbreekt.")
    with Dovecot() as dovecot, SmtpSink() as sink:
        settings.LOKET_POSTVAK_URL = dovecot.url()
        settings.MAILERS = {"default": sink.mailer()}
        yield dovecot, sink


@pytest.fixture
def kcc(db, make_user):
    from loket.accounts.tests.factories import TeamFactory
    from loket.core.models import Kanaal
    from loket.knowledge.search.engine import invalidate
    from loket.knowledge.tests.factories import KennisartikelFactory

    # With transaction=True the seeded channels may have been flushed.
    Kanaal.objects.get_or_create(
        code="e-mail", defaults={"naam": "E-mail", "soort": "email", "volgorde": 30}
    )
    team = TeamFactory(name="KCC", slug="kcc", kind="afdeling", email="kcc@zeventerpen.example")
    user = make_user("kcc-medewerker", username="kim", password="geheim-123")
    user.teams.add(team)
    invalidate()
    KennisartikelFactory(
        slug="grofvuil-ophalen",
        vraag="Hoe laat ik grofvuil ophalen?",
        antwoord="<p>Maak online een afspraak; het ophalen is gratis tot 2 m³.</p>",
        email=(
            "Geachte heer/mevrouw,\n\nU maakt online een afspraak om grofvuil te laten "
            "ophalen. Tot 2 m³ is dat gratis.\n\nMet vriendelijke groet,\n\nGemeente Zeventerpen"
        ),
        trefwoorden=["grofvuil", "bank", "bankstel"],
        gepubliceerd=True,
    )
    invalidate()
    yield user
    invalidate()


def test_an_email_is_answered_from_the_inbox_and_the_reply_arrives_in_its_thread(
    page, live_server, login, screenshot, mailservers, kcc
):
    from loket.inbox.tasks import postvak_ophalen_taak
    from loket.messaging import outbox

    dovecot, sink = mailservers
    vraag = EmailMessage()
    vraag["From"] = "Sanne Visser <sanne@voorbeeld.example>"
    vraag["To"] = "info@zeventerpen.example"
    vraag["Subject"] = "Oude bank laten ophalen grofvuil"
    vraag["Message-ID"] = "<vraag-1@voorbeeld.example>"
    vraag.set_content("Hoi, hoe kan ik mijn oude bank laten ophalen? Groetjes, Sanne")
    dovecot.append(vraag.as_bytes())

    resultaat = postvak_ophalen_taak(None)  # the worker's round, with LOKET_POSTVAK_URL
    assert resultaat is not None and resultaat.contacten == 1
    outbox.berichten_versturen(worker_id="browsertest")  # the acknowledgement
    aan_sanne = [
        message_from_bytes(raw)
        for raw in sink.delivered.values()
        if message_from_bytes(raw)["To"] == "sanne@voorbeeld.example"
    ]
    [ontvangst] = aan_sanne
    assert ontvangst["Auto-Submitted"] == "auto-replied"
    assert ontvangst["In-Reply-To"] == "<vraag-1@voorbeeld.example>"

    login("kim", "geheim-123")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inbox").click()
    page.get_by_role("link", name="Oude bank laten ophalen grofvuil").wait_for()
    assert "sanne@voorbeeld.example" in page.inner_text("main")
    assert_no_blocking_axe_violations(page, "inbox")
    screenshot("inbox")

    with page.expect_navigation():
        page.get_by_role("link", name="Oude bank laten ophalen grofvuil").click()
    assert "hoe kan ik mijn oude bank laten ophalen" in page.inner_text("main")
    # The subject was searched at once; the agent takes the article's e-mail variant.
    with page.expect_navigation():
        page.get_by_role("link", name="Gebruik dit antwoord: Hoe laat ik grofvuil ophalen?").click()
    antwoord = page.get_by_label("Antwoord per e-mail aan sanne@voorbeeld.example")
    assert "Tot 2 m³ is dat gratis" in antwoord.input_value()
    antwoord.fill(antwoord.input_value().replace("Geachte heer/mevrouw", "Beste Sanne"))
    assert_no_blocking_axe_violations(page, "e-mail beantwoorden")
    screenshot("inbox-antwoord")
    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur antwoord").click()
    assert "Uw antwoord is verstuurd naar sanne@voorbeeld.example" in page.inner_text("main")
    assert "Er wachten geen schriftelijke vragen" in page.inner_text("main")

    outbox.berichten_versturen(worker_id="browsertest")
    replies = [
        message_from_bytes(raw)
        for raw in sink.delivered.values()
        if message_from_bytes(raw)["Subject"].startswith("Re:")
    ]
    assert len(replies) == 1
    reply = replies[0]
    assert reply["Subject"] == "Re: Oude bank laten ophalen grofvuil"
    assert reply["In-Reply-To"] == "<vraag-1@voorbeeld.example>"
    assert "<vraag-1@voorbeeld.example>" in reply["References"]
    assert reply["To"] == "sanne@voorbeeld.example"
    assert "Beste Sanne" in reply.get_payload(decode=True).decode()
