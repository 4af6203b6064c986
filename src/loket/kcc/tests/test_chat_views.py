"""The web chat's pages (issue 17): the inwoner's widget endpoints and the agent's workspace."""

from __future__ import annotations

import pytest
from django.urls import reverse

from loket.contacts.models import ChatSessie, ChatStatus, Klantcontact
from loket.core.models import AuditEntry
from loket.knowledge.search.engine import invalidate
from loket.knowledge.tests.factories import KennisartikelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def artikel(db):
    invalidate()
    artikel = KennisartikelFactory(
        slug="afval-grofvuil",
        vraag="Hoe laat ik grofvuil ophalen?",
        antwoord="<p>Maak online een afspraak voor het ophalen van grofvuil.</p>",
        kort="Maak online een afspraak; de ophaaldienst komt op de afgesproken dag.",
        trefwoorden=["grofvuil", "bank", "ophalen"],
        gepubliceerd=True,
    )
    invalidate()
    yield artikel
    invalidate()


@pytest.fixture
def agent(make_user):
    return make_user("kcc-medewerker")


def _post(client, name, **data):
    return client.post(reverse(name), data)


def test_the_inwoner_chats_with_the_assistant_and_a_reload_shows_the_same_chat(client, artikel):
    assert client.get(reverse("portal:chat")).json()["status"] is None
    start = _post(client, "portal:chat_starten").json()
    assert start["status"] == "assistent"
    welkom = start["berichten"][0]["id"]
    data = _post(
        client, "portal:chat_bericht", tekst="ik wil mijn oude bank kwijt", na=welkom
    ).json()
    assert data["berichten"][0]["tekst"] == "ik wil mijn oude bank kwijt"
    antwoord = data["berichten"][1]
    assert antwoord["afzender"] == "assistent"
    assert antwoord["beoordelen"] is True
    assert antwoord["link"] == "/zoeken/antwoord/afval-grofvuil/"
    # A reload: the whole chat comes back from the server.
    again = client.get(reverse("portal:chat")).json()
    assert [b["id"] for b in again["berichten"]][-2:] == [
        data["berichten"][0]["id"],
        antwoord["id"],
    ]
    rated = _post(client, "portal:chat_geholpen", bericht=antwoord["id"], geholpen="ja")
    assert rated.status_code == 200
    assert ChatSessie.objects.get().geholpen is True


def test_bad_input_gets_a_dutch_error_naming_the_field(client):
    assert _post(client, "portal:chat_bericht", tekst="hoi").status_code == 404
    _post(client, "portal:chat_starten")
    leeg = _post(client, "portal:chat_bericht", tekst="   ")
    assert leeg.status_code == 400
    assert leeg.json() == {"fout": "Typ eerst uw bericht.", "veld": "tekst"}
    lang = _post(client, "portal:chat_bericht", tekst="x" * 5000)
    assert lang.status_code == 400 and "te lang" in lang.json()["fout"]
    fout = _post(client, "portal:chat_geholpen", bericht="abc", geholpen="misschien")
    assert fout.status_code == 400 and fout.json()["veld"] == "geholpen"
    assert client.get(reverse("portal:chat_bericht")).status_code == 405


def test_another_browser_cannot_read_or_write_the_chat(client, django_user_model):
    from django.test import Client

    _post(client, "portal:chat_starten")
    _post(client, "portal:chat_bericht", tekst="Mijn BSN is 999993653")
    vreemde = Client()
    assert vreemde.get(reverse("portal:chat")).json()["berichten"] == []
    assert vreemde.get(reverse("portal:chat_wachten")).status_code == 404
    assert vreemde.post(reverse("portal:chat_bericht"), {"tekst": "hoi"}).status_code == 404


def test_markup_in_a_message_is_kept_as_text_never_rendered(client, agent):
    _post(client, "portal:chat_starten")
    _post(client, "portal:chat_medewerker")
    sessie = ChatSessie.objects.get()
    data = _post(client, "portal:chat_bericht", tekst="<script>alert(1)</script>").json()
    assert data["berichten"][-1]["tekst"] == "<script>alert(1)</script>"
    client.force_login(agent)
    client.post(reverse("kcc:chat_oppakken", kwargs={"uuid": sessie.uuid}))
    page = client.get(reverse("kcc:chat", kwargs={"uuid": sessie.uuid})).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_agent_takes_answers_with_an_article_and_closes_into_a_klantcontact(
    client, agent, artikel, partij, redenen
):
    from django.test import Client

    inwoner = Client()
    inwoner.post(reverse("portal:chat_starten"))
    inwoner.post(reverse("portal:chat_bericht"), {"tekst": "grofvuil ophalen"})
    inwoner.post(reverse("portal:chat_medewerker"))
    sessie = ChatSessie.objects.get()
    assert sessie.status == ChatStatus.WACHTEND

    client.force_login(agent)
    assert "1 chat wacht" in client.get(reverse("kcc:chat_teller")).content.decode()
    wachtrij = client.get(reverse("kcc:chats")).content.decode()
    assert "Anonieme inwoner" in wachtrij
    client.post(reverse("kcc:chat_oppakken", kwargs={"uuid": sessie.uuid}))
    url = reverse("kcc:chat", kwargs={"uuid": sessie.uuid})
    pagina = client.get(url, {"q": "grofvuil"}).content.decode()
    assert "Hoe laat ik grofvuil ophalen?" in pagina
    versie = artikel.gepubliceerde_versie
    client.post(
        reverse("kcc:chat_bericht", kwargs={"uuid": sessie.uuid}),
        {"tekst": versie.kort, "versie": versie.pk, "zoekvraag": "grofvuil"},
    )
    nieuws = inwoner.get(reverse("portal:chat_wachten"), {"na": 0}).json()
    assert nieuws["berichten"][-1]["afzender"] == "medewerker"
    assert nieuws["berichten"][-1]["link"] == "/zoeken/antwoord/afval-grofvuil/"

    client.post(
        reverse("kcc:chat_klant", kwargs={"uuid": sessie.uuid}), {"bsn": partij.persoon.bsn}
    )
    sessie.refresh_from_db()
    assert sessie.partij == partij
    assert AuditEntry.objects.filter(user=agent, purpose__icontains="chat").exists()

    geen_reden = client.post(
        reverse("kcc:chat_afsluiten", kwargs={"uuid": sessie.uuid}), {"afhandeling": "beantwoord"}
    )
    assert geen_reden.status_code == 422
    assert "Contactreden" in geen_reden.content.decode()
    client.post(
        reverse("kcc:chat_afsluiten", kwargs={"uuid": sessie.uuid}),
        {"contactreden": redenen["paspoort"].pk, "afhandeling": "beantwoord"},
    )
    contact = Klantcontact.objects.get()
    assert (contact.kanaal.code, contact.partij) == ("chat", partij)
    assert contact.vragen.get().kennisartikel_versie == versie
    einde = inwoner.get(reverse("portal:chat")).json()
    assert einde["beeindigd"] is True
    assert contact.referentienummer in einde["berichten"][-1]["tekst"]


def test_another_agent_cannot_open_or_wait_on_a_chat_that_is_not_his(client, agent, make_user):
    from django.test import Client

    inwoner = Client()
    inwoner.post(reverse("portal:chat_starten"))
    inwoner.post(reverse("portal:chat_medewerker"))
    sessie = ChatSessie.objects.get()
    client.force_login(agent)
    client.post(reverse("kcc:chat_oppakken", kwargs={"uuid": sessie.uuid}))
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(reverse("kcc:chat", kwargs={"uuid": sessie.uuid})).status_code == 404
    assert client.get(reverse("kcc:chat_wachten", kwargs={"uuid": sessie.uuid})).status_code == 404
