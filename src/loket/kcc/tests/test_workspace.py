"""Open contacts as tabs (kept on the server), the desk preset and linking a klant later."""

import re

import pytest

from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact
from loket.kcc.tests.test_views import contact_post, open_contact, text
from loket.kcc.workspace import MAX_OPEN, open_contact_list

pytestmark = pytest.mark.django_db


def _filled(redenen, **extra):
    return contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Hoe lang duurt een paspoort?",
            "vraag-0-afhandeling": Afhandeling.BEANTWOORD,
            **extra,
        },
    )


def test_two_open_contacts_show_as_tabs_and_saving_one_removes_its_tab(
    client, kcc_user, partij, redenen
):
    client.force_login(kcc_user)
    eerste = open_contact(client, partij)
    tweede = open_contact(client)
    html = client.get("/kcc/").content.decode()
    assert "Open contacten" in html
    assert f'href="{eerste}"' in html and f'href="{tweede}"' in html
    assert "Fenna Terpstra" in html and "Anoniem" in html

    page = client.get(tweede).content.decode()
    assert re.search(rf'href="{tweede}"\s+aria-current="page"', page)

    response = client.post(eerste, _filled(redenen))
    assert response.status_code == 302
    assert [c.key for c in open_contact_list(kcc_user)] == [tweede.split("/")[-2]]
    assert Klantcontact.objects.get().partij == partij


def test_cancel_removes_the_tab_and_stores_nothing(client, kcc_user, partij):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    response = client.post(f"{url}annuleren/", {"bevestigd": "ja"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/kcc/partij/{partij.uuid}/"
    assert "geannuleerd" in text(response)
    assert open_contact_list(kcc_user) == []
    assert not Klantcontact.objects.exists()
    assert client.get(url).status_code == 404


def test_a_saved_tab_posted_again_points_to_the_stored_contact(client, kcc_user, partij, redenen):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    client.post(url, _filled(redenen))
    again = client.post(url, _filled(redenen), follow=True)
    contact = Klantcontact.objects.get()
    assert f"Klantcontact {contact.referentienummer} is al vastgelegd." in text(again)


def test_the_desk_presets_the_channel_of_a_new_contact(client, kcc_user):
    client.force_login(kcc_user)
    assert "Kies uw werkplek" in text(client.get("/kcc/"))
    response = client.post("/kcc/werkplek/", {"werkplek": "balie", "next": "/kcc/"}, follow=True)
    assert "Werkplek: Balie" in text(response)
    html = client.get(open_contact(client)).content.decode()
    assert re.search(r'<option value="balie" selected>', html)


def test_an_unknown_desk_is_refused(client, kcc_user):
    client.force_login(kcc_user)
    response = client.post("/kcc/werkplek/", {"werkplek": "zolder"}, follow=True)
    assert "Werkplek: kies Telefoon of Balie." in text(response)


def test_too_many_open_contacts_are_refused(client, kcc_user):
    client.force_login(kcc_user)
    for _ in range(MAX_OPEN):
        open_contact(client)
    response = client.post("/kcc/contact/nieuw/", follow=True)
    assert f"U hebt al {MAX_OPEN} open contacten" in text(response)


def test_anonymous_contact_gets_a_klant_linked_before_saving(
    client, kcc_user, partij, brp_persoon, redenen
):
    client.force_login(kcc_user)
    url = open_contact(client)
    assert "Klant koppelen" in text(client.get(url))
    search = client.get(f"{url}klant/", {"zoek": "bsn", "bsn": brp_persoon.bsn})
    assert "Koppelen aan dit contact" in text(search)
    linked = client.post(f"{url}klant/", {"partij": str(partij.uuid)}, follow=True)
    assert "Fenna Terpstra is aan het contact gekoppeld." in text(linked)
    assert "Klant: Fenna Terpstra" in text(linked)
    client.post(url, _filled(redenen))
    assert Klantcontact.objects.get().partij == partij


def test_linking_an_unknown_klant_is_404(client, kcc_user):
    client.force_login(kcc_user)
    url = open_contact(client)
    assert client.post(f"{url}klant/", {"partij": "geen-uuid"}).status_code == 404
