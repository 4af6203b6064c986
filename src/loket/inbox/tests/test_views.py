"""The inbox pages (issue 17): a KCC agent answers an e-mail from the knowledge base."""

from __future__ import annotations

import mailbox
import re

import pytest

from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import Contactverzoek
from loket.core.models import AuditEntry
from loket.inbox.models import EmailBijlage
from loket.inbox.postvakken import MaildirPostvak
from loket.inbox.services import postvak_fetch
from loket.inbox.tests.test_intake import AFZENDER, PDF, bericht
from loket.knowledge.search.engine import invalidate
from loket.knowledge.tests.factories import KennisartikelFactory
from loket.messaging.models import Bericht

pytestmark = pytest.mark.django_db


@pytest.fixture
def maildir(tmp_path, kcc_team):
    box = mailbox.Maildir(tmp_path / "postvak", create=True)
    box.add(bericht(bijlagen=[("uittreksel.pdf", "application", "pdf", PDF)]))
    box.close()
    resultaat = postvak_fetch(postvak=MaildirPostvak(tmp_path / "postvak"))
    assert resultaat.contacten == 1
    return tmp_path / "postvak"


@pytest.fixture
def agent(make_user, kcc_team):
    user = make_user("kcc-medewerker")
    user.teams.add(kcc_team)
    return user


@pytest.fixture
def artikel(db):
    invalidate()
    artikel = KennisartikelFactory(
        slug="paspoort-verlengen",
        vraag="Mijn paspoort verloopt, wat moet ik doen?",
        antwoord="<p>Maak online een afspraak om een nieuw paspoort aan te vragen.</p>",
        email="Geachte heer/mevrouw,\n\nMaak online een afspraak om een nieuw paspoort aan te "
        "vragen.\n\nMet vriendelijke groet,\n\nGemeente Zeventerpen",
        trefwoorden=["paspoort", "verlopen"],
        gepubliceerd=True,
    )
    invalidate()
    yield artikel
    invalidate()


def test_the_maildir_backend_takes_each_message_in_once(maildir):
    assert postvak_fetch(postvak=MaildirPostvak(maildir)).opgehaald == 0
    box = mailbox.Maildir(maildir)
    box.add(bericht(onderwerp="Tweede vraag"))
    assert postvak_fetch(postvak=MaildirPostvak(maildir)).contacten == 1


def test_a_kcc_agent_sees_the_inbox_with_age_deadline_and_load_per_channel(client, agent, maildir):
    client.force_login(agent)
    html = client.get("/inbox/").content.decode()
    assert "Vraag over mijn paspoort" in html and AFZENDER in html
    assert "Belasting per kanaal" in html and "E-mail" in html


def test_the_inbox_shows_a_matched_klant_and_audits_the_read(client, agent, tmp_path, kcc_team):
    from django.utils import timezone

    from loket.parties.models import DigitaalAdres
    from loket.parties.tests.factories import PersoonFactory

    klant = PersoonFactory()
    DigitaalAdres.objects.create(
        partij=klant, soort="email", adres=AFZENDER, verified_at=timezone.now()
    )
    box = mailbox.Maildir(tmp_path / "pv", create=True)
    box.add(bericht())
    postvak_fetch(postvak=MaildirPostvak(tmp_path / "pv"))
    client.force_login(agent)
    assert klant.weergavenaam in client.get("/inbox/").content.decode()
    entry = AuditEntry.objects.get(object_id=str(klant.pk))
    assert entry.user == agent and entry.purpose.startswith("Schriftelijke vragen")


def test_who_may_not_answer_does_not_see_the_inbox(client, make_user, maildir):
    client.force_login(make_user("redacteur"))
    assert client.get("/inbox/").status_code == 403
    verzoek = Contactverzoek.objects.get()
    assert client.get(f"/inbox/{verzoek.pk}/").status_code == 403


def test_an_agent_of_another_team_cannot_open_the_question(client, make_user, maildir):
    client.force_login(make_user("kcc-medewerker"))  # in no team
    verzoek = Contactverzoek.objects.get()
    assert client.get(f"/inbox/{verzoek.pk}/").status_code == 403
    bijlage = EmailBijlage.objects.get()
    assert client.get(f"/inbox/bijlage/{bijlage.pk}/").status_code == 403


def test_answer_from_an_article_leaves_in_the_thread_and_closes_the_question(
    client, agent, maildir, artikel
):
    client.force_login(agent)
    verzoek = Contactverzoek.objects.get()
    pagina = client.get(f"/inbox/{verzoek.pk}/", {"q": "paspoort verlopen"}).content.decode()
    assert "verloopt volgende maand" in pagina  # the e-mail itself
    assert "uittreksel.pdf" in pagina
    versie = artikel.gepubliceerde_versie
    assert f"versie={versie.pk}" in pagina

    gekozen = client.get(f"/inbox/{verzoek.pk}/", {"q": "paspoort verlopen", "versie": versie.pk})
    html = gekozen.content.decode()
    assert "Maak online een afspraak om een nieuw paspoort" in html
    assert f'name="versie" value="{versie.pk}"' in html

    response = client.post(
        f"/inbox/{verzoek.pk}/beantwoorden/",
        {
            "tekst": "Geachte heer Jansen,\n\nMaak online een afspraak.\n\nMet vriendelijke groet",
            "versie": versie.pk,
            "zoekvraag": "paspoort verlopen",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/inbox/"
    verzoek.refresh_from_db()
    assert verzoek.status == ContactverzoekStatus.VERWERKT
    antwoord = Bericht.objects.get(aanleiding_type="contactverzoek", adres=AFZENDER)
    assert antwoord.onderwerp == "Re: Vraag over mijn paspoort" and antwoord.antwoord_op
    sluit = verzoek.klantcontact.partij  # anonymous sender: no klant
    assert sluit is None
    from loket.contacts.models import Vraag

    gegeven = Vraag.objects.filter(kennisartikel_versie=versie).get()
    assert gegeven.klantcontact.kanaal.code == "e-mail"
    assert "Er wachten geen schriftelijke vragen" in client.get("/inbox/").content.decode()


def test_an_empty_answer_keeps_the_question_and_says_why(client, agent, maildir):
    client.force_login(agent)
    verzoek = Contactverzoek.objects.get()
    response = client.post(f"/inbox/{verzoek.pk}/beantwoorden/", {"tekst": "   "})
    assert response.status_code == 422
    assert "Antwoord: typ het antwoord" in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.status != ContactverzoekStatus.VERWERKT


def test_an_attachment_downloads_as_a_file_and_the_read_is_audited(client, agent, maildir):
    client.force_login(agent)
    bijlage = EmailBijlage.objects.get()
    response = client.get(f"/inbox/bijlage/{bijlage.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(detail__bestand="uittreksel.pdf").exists()


def test_the_first_visit_already_searches_the_knowledge_base_for_the_subject(
    client, agent, maildir, artikel
):
    client.force_login(agent)
    verzoek = Contactverzoek.objects.get()
    html = client.get(f"/inbox/{verzoek.pk}/").content.decode()
    assert 'value="Vraag over mijn paspoort"' in html
    assert f"versie={artikel.gepubliceerde_versie.pk}" in html


def test_the_email_norm_in_inzicht_is_measured_from_receipt_to_the_answer(
    client, agent, maildir, tmp_path
):
    """The dashboard's e-mail KPI reads these contacts: one answered within the norm, one not
    answered yet (not on time)."""
    import datetime as dt

    from django.utils import timezone

    from loket.insights.selectors import Filters, dashboard_get
    from loket.insights.services import samenvattingen_update

    box = mailbox.Maildir(maildir)
    box.add(bericht(onderwerp="Nog geen antwoord"))
    postvak_fetch(postvak=MaildirPostvak(maildir))
    client.force_login(agent)
    eerste = Contactverzoek.objects.get(klantcontact__onderwerp="Vraag over mijn paspoort")
    client.post(f"/inbox/{eerste.pk}/beantwoorden/", {"tekst": "Beste heer, zo werkt het."})
    samenvattingen_update()
    vandaag = timezone.localdate()
    filters = Filters(van=vandaag - dt.timedelta(days=1), tot=vandaag, kanaalsoort="email")
    kpis = {k.code: k for k in dashboard_get(filters=filters, today=vandaag).kpis}
    email = kpis["email"]
    assert (email.teller, email.noemer) == (1, 2)


def test_a_long_inbox_comes_in_pages_of_fifty_earliest_deadline_first(
    client, agent, tmp_path, kcc_team
):
    box = mailbox.Maildir(tmp_path / "veel", create=True)
    for n in range(55):
        box.add(bericht(onderwerp=f"Vraag nummer {n:02d}"))
    postvak_fetch(postvak=MaildirPostvak(tmp_path / "veel"))
    client.force_login(agent)
    eerste = client.get("/inbox/").content.decode()
    assert "55 open vragen · pagina 1 van 2" in eerste and "Volgende pagina" in eerste
    assert len(re.findall(r'href="/inbox/\d+/"', eerste)) == 50
    tweede = client.get("/inbox/", {"pagina": 2}).content.decode()
    assert "pagina 2 van 2" in tweede and "Vorige pagina" in tweede
    assert client.get("/inbox/", {"pagina": "99"}).status_code == 200  # the last page


def test_an_anonymous_email_is_linked_to_the_klant_by_bsn_and_the_change_audited(
    client, agent, maildir
):
    from loket.parties.tests.factories import PersoonFactory

    klant = PersoonFactory(bsn="999993653")
    verzoek = Contactverzoek.objects.get()
    assert verzoek.partij is None
    client.force_login(agent)
    assert "Klant koppelen" in client.get(f"/inbox/{verzoek.pk}/").content.decode()
    fout = client.post(f"/inbox/{verzoek.pk}/klant/", {"bsn": "123"}, follow=True)
    assert "De vraag is gekoppeld aan" not in fout.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.partij is None  # a bad BSN links nothing
    response = client.post(f"/inbox/{verzoek.pk}/klant/", {"bsn": "999993653"}, follow=True)
    assert f"gekoppeld aan {klant.weergavenaam}" in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.partij == klant and verzoek.klantcontact.partij == klant
    assert AuditEntry.objects.filter(
        object_id=str(klant.pk), purpose="Klantcontact aan de klant gekoppeld", user=agent
    ).exists()


def test_a_callback_request_is_in_the_inbox_under_terugbellen_and_the_kcc_calls_back(
    client, agent, kcc_team
):
    """The chat outside its hours leaves a callback request; it is a call to make, not a
    written question: listed under Terugbellen, where the KCC agent records the attempts and
    closes it (the close is a telephone contact on the klant's timeline)."""
    from django.test import override_settings

    from loket.contacts.models import ChatSessie, Contactverzoek, Klantcontact
    from loket.contacts.services.chats import (
        chat_post_citizen,
        chat_request_agent,
        chat_request_callback,
        chat_start,
    )

    sessie = chat_start()
    chat_post_citizen(sessie=sessie, tekst="Wanneer komt de vuilniswagen?")
    with override_settings(LOKET_CHAT_OPENINGSTIJDEN="08:30-17:00"):
        import datetime as dt

        chat_request_agent(sessie=sessie, now=dt.datetime(2026, 12, 6, 10, tzinfo=dt.UTC))
    chat_request_callback(sessie=ChatSessie.objects.get(), telefoonnummer="06 12345678")
    verzoek = Contactverzoek.objects.get()

    client.force_login(agent)
    lijst = client.get("/inbox/").content.decode()
    assert "Wanneer komt de vuilniswagen?" not in lijst  # not a written question
    assert "Terugbellen (1)" in lijst
    terug = client.get("/inbox/?kanaal=terugbellen").content.decode()
    assert f"/inbox/terugbellen/{verzoek.pk}/" in terug
    pagina = client.get(f"/inbox/terugbellen/{verzoek.pk}/").content.decode()
    assert 'href="tel:' in pagina and "vuilniswagen" in pagina

    fout = client.post(f"/inbox/terugbellen/{verzoek.pk}/", {"bereikt": "ja", "afsluiten": "1"})
    assert fout.status_code == 422
    assert "Vul in wat er met de klant is besproken" in fout.content.decode()
    client.post(f"/inbox/terugbellen/{verzoek.pk}/", {"bereikt": "nee", "toelichting": "voicemail"})
    verzoek.refresh_from_db()
    assert verzoek.gebeurtenissen.filter(soort="terugbelpoging").count() == 1
    before = Klantcontact.objects.count()
    client.post(
        f"/inbox/terugbellen/{verzoek.pk}/",
        {"bereikt": "ja", "toelichting": "Dinsdag, volgens de afvalkalender.", "afsluiten": "1"},
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "verwerkt"
    assert Klantcontact.objects.count() == before + 1
    assert client.get(f"/inbox/terugbellen/{verzoek.pk}/").status_code == 403


def test_a_kcc_agent_may_not_close_a_written_question_as_a_callback(client, agent, maildir):
    from loket.contacts.models import Contactverzoek

    verzoek = Contactverzoek.objects.get()
    client.force_login(agent)
    assert client.get(f"/inbox/terugbellen/{verzoek.pk}/").status_code == 403


def test_an_agent_takes_a_question_or_forwards_it_to_the_team_it_belongs_to(client, agent, maildir):
    from loket.accounts.tests.factories import TeamFactory
    from loket.contacts.models import Contactverzoek

    vergunningen = TeamFactory(
        name="Vergunningen", slug="vergunningen", kind="afdeling", email="vg@zeventerpen.example"
    )
    verzoek = Contactverzoek.objects.get()
    client.force_login(agent)
    assert "Doorsturen naar team" in client.get(f"/inbox/{verzoek.pk}/").content.decode()
    client.post(f"/inbox/{verzoek.pk}/toewijzen/")
    verzoek.refresh_from_db()
    assert verzoek.medewerker == agent
    fout = client.post(f"/inbox/{verzoek.pk}/toewijzen/", {"team": "bestaat-niet"}, follow=True)
    assert "Team: kies een team uit de lijst." in fout.content.decode()
    client.post(f"/inbox/{verzoek.pk}/toewijzen/", {"team": "vergunningen"})
    verzoek.refresh_from_db()
    assert (verzoek.team, verzoek.medewerker) == (vergunningen, None)
    # Now it is another team's question: not in this agent's inbox any more.
    assert client.get(f"/inbox/{verzoek.pk}/").status_code == 403
    assert client.post(f"/inbox/{verzoek.pk}/toewijzen/").status_code == 403
