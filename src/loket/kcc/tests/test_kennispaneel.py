"""The Kennisbank panel in the contact form: search as you type, use an answer, e-mail text."""

import pytest

from loket.contacts.models import Vraag
from loket.kcc.tests.test_views import contact_post, open_contact, text
from loket.knowledge.search.engine import invalidate
from loket.knowledge.services import artikel_create, artikel_publish

pytestmark = pytest.mark.django_db

URL = "/kcc/kennis/"


@pytest.fixture
def versie(paspoort):
    invalidate()
    artikel = artikel_create(
        slug="container-gestolen",
        vraag="Mijn container is gestolen",
        antwoord="<p>Vraag online een nieuwe container aan.</p>",
        telefoonscript="Zeg: u kunt een nieuwe container aanvragen.\nDat kost niets.",
        email="Beste heer, mevrouw,\n\nVraag een nieuwe container aan.\n\n"
        "Met vriendelijke groet,\n\nKCC",
        producten=[paspoort],
        synoniemen=["kliko"],
    )
    gepubliceerd = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    invalidate()
    yield gepubliceerd
    invalidate()


def test_contact_form_shows_the_kennisbank_panel_with_a_live_search(client, kcc_user, redenen):
    client.force_login(kcc_user)
    page = client.get(open_contact(client)).content.decode()
    assert 'id="kennis-titel">Kennisbank</h2>' in page
    assert 'hx-trigger="input changed delay:150ms, search"' in page
    assert 'id="kennis-resultaten" class="kcc-kennis-resultaten" aria-live="polite"' in page
    assert 'name="vraag-0-kennisartikel_versie"' in page


def test_panel_finds_the_telephone_text_as_you_type(client, kcc_user, versie, paspoort):
    client.force_login(kcc_user)
    response = client.get(URL, {"q": "kliko gest", "kanaal": "telefoon"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mijn container is gestolen" in page
    assert "Zeg: u kunt een nieuwe container aanvragen.<br>Dat kost niets." in page
    assert f'data-versie="{versie.pk}"' in page and "versie 1" in page
    assert f'data-product="{paspoort.pk}"' in page
    assert ">Gebruik dit antwoord</button>" in page
    assert "E-mailantwoord" not in page  # a phone contact
    # The KCM can flag the answer for the redactie from the panel.
    assert f'href="/kennis/artikel/{versie.artikel.slug}/#feedback"' in page


def test_panel_with_an_empty_query_asks_for_words(client, kcc_user, versie):
    client.force_login(kcc_user)
    page = text(client.get(URL, {"q": "  "}))
    assert "Typ uw vraag" in page
    assert "Gebruik dit antwoord" not in page


def test_panel_is_for_the_kcc_only(client, make_user):
    assert client.get(URL, {"q": "kliko"}).status_code == 302
    client.force_login(make_user("redacteur"))
    assert client.get(URL, {"q": "kliko"}).status_code == 403


def test_email_contact_gets_the_email_reply_to_copy(client, kcc_user, versie):
    client.force_login(kcc_user)
    page = client.get(URL, {"q": "kliko", "kanaal": "e-mail"}).content.decode()
    assert f'hx-get="/kcc/kennis/{versie.pk}/email/"' in page
    reply = client.get(f"/kcc/kennis/{versie.pk}/email/").content.decode()
    assert "Uw vraag: Mijn container is gestolen" in reply
    assert "Geachte heer/mevrouw,\n\nVraag een nieuwe container aan." in reply
    assert "Met vriendelijke groet,\n\nGemeente Zeventerpen" in reply
    assert "\nKCC" not in reply  # the editor's own closing is replaced
    assert client.get("/kcc/kennis/999999/email/").status_code == 404


def test_saving_a_used_answer_records_the_version(client, kcc_user, redenen, versie, paspoort):
    client.force_login(kcc_user)
    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-product": str(paspoort.pk),
            "vraag-0-contactreden": str(redenen["verloren"].pk),
            "vraag-0-vraagtekst": "Mijn kliko is gestolen",
            "vraag-0-antwoord": versie.telefoonscript,
            "vraag-0-kennisartikel_versie": str(versie.pk),
        },
    )
    response = client.post(open_contact(client), data)
    assert response.status_code == 302
    assert Vraag.objects.get().kennisartikel_versie == versie


@pytest.mark.parametrize("bad", ["999999", "abc"])
def test_unknown_version_is_refused_at_the_field(client, kcc_user, redenen, bad):
    client.force_login(kcc_user)
    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["verloren"].pk),
            "vraag-0-vraagtekst": "Mijn kliko is gestolen",
            "vraag-0-kennisartikel_versie": bad,
        },
    )
    response = client.post(open_contact(client), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_vraag-0-kennisartikel_versie_error"' in page
    assert "Het gekozen kennisartikel bestaat niet (meer)." in page
    assert not Vraag.objects.exists()


def test_an_answer_given_teaches_the_search_what_was_searched(
    client, kcc_user, redenen, versie, paspoort
):
    """Issue 23, learning from use: the panel's search and the answer given are stored as a
    judgement (the stems and the agent's hash, not the contact)."""
    from loket.knowledge.models import ZoekKeuze
    from loket.knowledge.search.leren import leer_sleutel, wie_hash

    client.force_login(kcc_user)
    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-product": str(paspoort.pk),
            "vraag-0-contactreden": str(redenen["verloren"].pk),
            "vraag-0-vraagtekst": "Mijn kliko is gestolen, wat nu?",
            "vraag-0-antwoord": versie.telefoonscript,
            "vraag-0-kennisartikel_versie": str(versie.pk),
            "vraag-0-kennis_zoekvraag": "kliko gestolen",
        },
    )
    assert client.post(open_contact(client), data).status_code == 302
    keuze = ZoekKeuze.objects.get()
    assert (keuze.artikel, keuze.bron, keuze.geholpen) == (versie.artikel, "kcc", True)
    assert keuze.sleutel == leer_sleutel("gestolen kliko")
    assert keuze.wie == wie_hash("kcc", f"user:{kcc_user.pk}")


def test_a_search_without_an_answer_given_teaches_nothing(client, kcc_user, redenen, paspoort):
    from loket.knowledge.models import ZoekKeuze

    client.force_login(kcc_user)
    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["verloren"].pk),
            "vraag-0-vraagtekst": "Mijn kliko is gestolen",
            "vraag-0-kennis_zoekvraag": "kliko gestolen",
        },
    )
    assert client.post(open_contact(client), data).status_code == 302
    assert not ZoekKeuze.objects.exists()
