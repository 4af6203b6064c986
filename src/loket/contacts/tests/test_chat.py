"""The web chat's use cases (issue 17): assistant, queue, agent, closing into a klantcontact."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from loket.contacts.chat_selectors import chat_messages_wait, chat_queue, chat_wait_estimate
from loket.contacts.constants import Afhandeling, ContactverzoekStatus
from loket.contacts.models import (
    ChatAfzender,
    ChatBericht,
    ChatSessie,
    ChatStatus,
    Contactverzoek,
    Klantcontact,
)
from loket.contacts.services.chats import (
    chat_close,
    chat_leave,
    chat_post_agent,
    chat_post_citizen,
    chat_rate,
    chat_request_agent,
    chat_request_callback,
    chat_start,
    chat_take,
    chats_expire,
)
from loket.core.errors import DomainError
from loket.core.models import AuditEntry
from loket.knowledge.models import ZoekKeuze
from loket.knowledge.search.engine import invalidate
from loket.knowledge.tests.factories import KennisartikelFactory

pytestmark = pytest.mark.django_db

# A Wednesday in office hours and a Sunday, in Amsterdam time.
WOENSDAG = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
ZONDAG = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def artikel(db):
    invalidate()
    artikel = KennisartikelFactory(
        slug="paspoort-verlengen",
        vraag="Mijn paspoort verloopt, wat moet ik doen?",
        antwoord="<p>Maak online een afspraak om een nieuw paspoort aan te vragen.</p>",
        kort="Maak een afspraak voor een nieuw paspoort.",
        trefwoorden=["paspoort", "verlopen"],
        gepubliceerd=True,
    )
    invalidate()
    yield artikel
    invalidate()


@pytest.fixture
def agent(make_user):
    user = make_user("kcc-medewerker")
    user.first_name = "Sanne"
    user.save()
    return user


@pytest.fixture
def kcc_team(db):
    from loket.accounts.tests.factories import TeamFactory

    return TeamFactory(name="KCC", slug="kcc", kind="afdeling", email="kcc@zeventerpen.example")


def test_the_assistant_answers_from_the_published_article_and_learns_from_helped(artikel):
    sessie = chat_start()
    berichten = chat_post_citizen(sessie=sessie, tekst="mijn paspoort is verlopen", now=WOENSDAG)
    assert [b.afzender for b in berichten][:2] == [ChatAfzender.INWONER, ChatAfzender.ASSISTENT]
    antwoord = berichten[1]
    assert antwoord.kennisartikel_versie == artikel.gepubliceerde_versie
    assert "Maak een afspraak voor een nieuw paspoort." in antwoord.tekst
    assert antwoord.link == "/zoeken/antwoord/paspoort-verlengen/"
    chat_rate(sessie=sessie, bericht_id=antwoord.pk, geholpen=True)
    sessie.refresh_from_db()
    assert sessie.geholpen is True
    assert sessie.assistent_antwoorden == 1
    keuze = ZoekKeuze.objects.get()
    assert (keuze.bron, keuze.artikel, keuze.geholpen) == ("chat", artikel, True)


def test_the_assistant_says_so_when_it_finds_nothing(artikel):
    sessie = chat_start()
    berichten = chat_post_citizen(sessie=sessie, tekst="qwxz vlorp")
    assert berichten[-1].afzender == ChatAfzender.ASSISTENT
    assert "geen antwoord" in berichten[-1].tekst
    assert berichten[-1].kennisartikel_versie is None


def test_a_rating_of_another_chats_message_is_refused(artikel):
    een, twee = chat_start(), chat_start()
    antwoord = chat_post_citizen(sessie=een, tekst="paspoort verlopen")[1]
    with pytest.raises(DomainError) as exc:
        chat_rate(sessie=twee, bericht_id=antwoord.pk, geholpen=True)
    assert exc.value.field == "bericht"


@pytest.mark.parametrize("tekst", ["", "   ", "x" * 1001])
def test_an_empty_or_overlong_message_is_refused_and_nothing_is_stored(tekst):
    sessie = chat_start()
    with pytest.raises(DomainError) as exc:
        chat_post_citizen(sessie=sessie, tekst=tekst)
    assert exc.value.field == "tekst"
    assert not sessie.berichten.filter(afzender=ChatAfzender.INWONER).exists()


@override_settings(LOKET_CHAT_OPENINGSTIJDEN="08:30-17:00")
def test_in_office_hours_the_inwoner_queues_with_an_estimate_and_one_agent_wins(
    artikel, agent, make_user
):
    eerste, tweede = chat_start(), chat_start()
    chat_post_citizen(sessie=eerste, tekst="paspoort verlopen", now=WOENSDAG)
    chat_request_agent(sessie=eerste, now=WOENSDAG)
    chat_request_agent(sessie=tweede, now=WOENSDAG + dt.timedelta(seconds=5))
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.status, tweede.status) == (ChatStatus.WACHTEND, ChatStatus.WACHTEND)
    assert chat_wait_estimate(sessie=tweede, now=WOENSDAG)[0] == 2
    assert "Er wacht 1 persoon voor u" in tweede.berichten.last().tekst
    assert chat_queue(user=agent).wachtend == [eerste, tweede]

    chat_take(sessie=eerste, user=agent)
    collega = make_user("kcc-medewerker")
    with pytest.raises(DomainError):
        chat_take(sessie=eerste, user=collega)
    eerste.refresh_from_db()
    assert (eerste.status, eerste.medewerker) == (ChatStatus.ACTIEF, agent)
    assert eerste.berichten.last().tekst == "U chat nu met Sanne van de gemeente."
    # The assistant is quiet once an agent has the chat.
    assert len(chat_post_citizen(sessie=eerste, tekst="Kan het sneller?")) == 1


@override_settings(LOKET_CHAT_OPENINGSTIJDEN="08:30-17:00")
def test_outside_hours_the_assistant_offers_a_callback_request_for_the_kcc(kcc_team):
    sessie = chat_start()
    chat_post_citizen(sessie=sessie, tekst="Ik wil iemand spreken over mijn aanslag")
    chat_request_agent(sessie=sessie, now=ZONDAG)
    sessie.refresh_from_db()
    assert sessie.status == ChatStatus.ASSISTENT
    aanbod = sessie.berichten.last()
    assert aanbod.link == "terugbellen"
    assert "07-12-2026 om 08:30" in aanbod.tekst

    with pytest.raises(DomainError) as exc:
        chat_request_callback(sessie=sessie, telefoonnummer="bel me")
    assert exc.value.field
    assert not Klantcontact.objects.exists()

    contact = chat_request_callback(sessie=sessie, telefoonnummer="06 12345678")
    verzoek = Contactverzoek.objects.get(klantcontact=contact)
    assert contact.kanaal.code == "chat"
    assert verzoek.team == kcc_team
    assert verzoek.status != ContactverzoekStatus.VERWERKT
    assert "aanslag" in contact.inhoud
    sessie.refresh_from_db()
    assert sessie.status == ChatStatus.GESLOTEN


def test_closing_makes_one_klantcontact_with_reason_outcome_and_the_article_sent(
    artikel, agent, partij, redenen
):
    sessie = chat_start(partij=partij)
    chat_post_citizen(sessie=sessie, tekst="Ik wil een medewerker over mijn paspoort")
    chat_request_agent(sessie=sessie)
    chat_take(sessie=sessie, user=agent)
    versie = artikel.gepubliceerde_versie
    chat_post_agent(
        sessie=sessie, user=agent, tekst=versie.kort, versie=versie, zoekvraag="paspoort"
    )
    with pytest.raises(DomainError) as exc:
        chat_close(sessie=sessie, user=agent, contactreden=redenen["paspoort"], afhandeling="zaak")
    assert exc.value.field == "afhandeling"

    contact = chat_close(
        sessie=sessie,
        user=agent,
        contactreden=redenen["paspoort"],
        afhandeling=Afhandeling.BEANTWOORD,
    )
    again = chat_close(
        sessie=sessie,
        user=agent,
        contactreden=redenen["paspoort"],
        afhandeling=Afhandeling.BEANTWOORD,
    )
    assert again == contact
    assert Klantcontact.objects.count() == 1
    assert (contact.kanaal.code, contact.partij, contact.medewerker) == ("chat", partij, agent)
    vraag = contact.vragen.get()
    assert vraag.contactreden == redenen["paspoort"]
    assert vraag.kennisartikel_versie == versie
    assert "Inwoner: Ik wil een medewerker over mijn paspoort" in contact.inhoud
    assert "Medewerker: Maak een afspraak" in contact.inhoud
    sessie.refresh_from_db()
    assert (sessie.status, sessie.klantcontact) == (ChatStatus.GESLOTEN, contact)
    with pytest.raises(DomainError):
        chat_post_citizen(sessie=sessie, tekst="nog iets")


def test_only_the_agent_who_took_the_chat_may_write_in_it(agent, make_user):
    sessie = chat_start()
    chat_request_agent(sessie=sessie)
    chat_take(sessie=sessie, user=agent)
    with pytest.raises(DomainError):
        chat_post_agent(sessie=sessie, user=make_user("kcc-medewerker"), tekst="Hallo")


@override_settings(LOKET_CHAT_MAX_PER_MEDEWERKER=2)
def test_an_agent_takes_no_more_chats_than_allowed(agent):
    sessies = [chat_start() for _ in range(3)]
    for sessie in sessies:
        chat_request_agent(sessie=sessie)
    chat_take(sessie=sessies[0], user=agent)
    chat_take(sessie=sessies[1], user=agent)
    with pytest.raises(DomainError) as exc:
        chat_take(sessie=sessies[2], user=agent)
    assert "ten hoogste 2" in exc.value.message


def test_leaving_the_queue_or_going_silent_counts_as_abandoned_and_old_chats_are_deleted():
    nu = timezone.now()
    weg = chat_start(now=nu - dt.timedelta(minutes=10))
    chat_request_agent(sessie=weg)
    ChatSessie.objects.filter(pk=weg.pk).update(laatst_gezien_op=nu - dt.timedelta(minutes=5))
    blijft = chat_start(now=nu)
    stopt = chat_start(now=nu)
    chat_leave(sessie=stopt)
    oud = chat_start(now=nu - dt.timedelta(days=40))
    chat_leave(sessie=oud, now=nu - dt.timedelta(days=40))

    resultaat = chats_expire(now=nu)
    assert resultaat["verlaten"] == 1
    weg.refresh_from_db()
    stopt.refresh_from_db()
    blijft.refresh_from_db()
    assert (weg.status, stopt.status, blijft.status) == (
        ChatStatus.VERLATEN,
        ChatStatus.VERLATEN,
        ChatStatus.ASSISTENT,
    )
    assert not ChatSessie.objects.filter(pk=oud.pk).exists()
    assert not ChatBericht.objects.filter(sessie_id=oud.pk).exists()


def test_an_agent_is_told_when_the_inwoner_of_his_chat_is_gone(agent):
    nu = timezone.now()
    sessie = chat_start(now=nu - dt.timedelta(minutes=10))
    chat_request_agent(sessie=sessie)
    chat_take(sessie=sessie, user=agent)
    ChatSessie.objects.filter(pk=sessie.pk).update(laatst_gezien_op=nu - dt.timedelta(minutes=5))
    assert chats_expire(now=nu)["verlaten"] == 1
    sessie.refresh_from_db()
    assert sessie.status == ChatStatus.ACTIEF  # the agent closes it, registering the contact
    assert sessie.beeindigd_op == nu
    assert "niet meer verbonden" in sessie.berichten.last().tekst
    assert chats_expire(now=nu)["verlaten"] == 0  # told once


def test_the_queue_read_is_audited_per_klant(agent, partij):
    sessie = chat_start(partij=partij)
    chat_request_agent(sessie=sessie)
    chat_queue(user=agent)
    assert AuditEntry.objects.filter(user=agent, purpose__icontains="chat").exists()


@pytest.mark.django_db(transaction=True)
def test_a_waiting_reader_is_woken_by_a_message_within_a_second():
    """The long poll: a reader waiting on the chat gets a message posted from another thread
    as soon as it is committed, not after its timeout."""
    sessie = chat_start()
    na = sessie.berichten.last().pk
    uitkomst: dict = {}

    def lezer():
        begin = time.monotonic()
        uitkomst["berichten"] = chat_messages_wait(sessie_id=sessie.pk, na=na, timeout=10)
        uitkomst["duur"] = time.monotonic() - begin

    draad = threading.Thread(target=lezer)
    draad.start()
    time.sleep(0.3)
    chat_post_citizen(sessie=sessie, tekst="Hallo, is daar iemand?")
    draad.join(5)
    assert not draad.is_alive()
    assert uitkomst["berichten"][0].tekst == "Hallo, is daar iemand?"
    assert uitkomst["duur"] < 1.5
