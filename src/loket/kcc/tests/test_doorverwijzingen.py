"""The KCC form records where a question was referred to; teamleiders see the counts."""

import pytest

from loket.catalogue.services import organisatie_create
from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact
from loket.kcc.tests.test_views import contact_post, open_contact

MELDING = "Kies de organisatie waarnaar u verwijst."


@pytest.fixture
def uwv(db):
    return organisatie_create(slug="uwv", naam="UWV", website="https://www.uwv.nl")


def _vraag(redenen, **extra):
    return contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Hoe vraag ik WW aan?",
            "vraag-0-afhandeling": Afhandeling.DOORVERWEZEN,
            **extra,
        },
    )


def test_kcc_form_offers_the_organisation_for_a_referral(client, kcc_user, partij, uwv):
    client.force_login(kcc_user)
    page = client.get(open_contact(client, partij)).content.decode()
    assert "data-doorverwijzing" in page
    assert 'name="vraag-0-doorverwezen_naar"' in page
    assert ">UWV</option>" in page


def test_kcc_form_refuses_a_referral_without_organisation(client, kcc_user, partij, redenen, uwv):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    response = client.post(url, _vraag(redenen))
    assert response.status_code == 200
    assert MELDING in response.content.decode()
    assert 'id="id_vraag-0-doorverwezen_naar_error"' in response.content.decode()
    assert not Klantcontact.objects.exists()
    response = client.post(url, _vraag(redenen, **{"vraag-0-doorverwezen_naar": str(uwv.pk)}))
    assert response.status_code == 302
    assert Klantcontact.objects.get().vragen.get().doorverwezen_naar == uwv


def test_organisation_left_in_the_form_is_ignored_for_another_afhandeling(
    client, kcc_user, partij, redenen, uwv
):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    data = _vraag(
        redenen,
        **{
            "vraag-0-afhandeling": Afhandeling.BEANTWOORD,
            "vraag-0-doorverwezen_naar": str(uwv.pk),
        },
    )
    assert client.post(url, data).status_code == 302
    assert Klantcontact.objects.get().vragen.get().doorverwezen_naar is None


def test_doorverwijzingen_page_is_for_teamleiders(
    client, make_user, kcc_user, partij, redenen, uwv
):
    client.force_login(kcc_user)
    client.post(
        open_contact(client, partij),
        _vraag(redenen, **{"vraag-0-doorverwezen_naar": str(uwv.pk)}),
    )
    assert client.get("/kcc/doorverwijzingen/").status_code == 403
    client.force_login(make_user("teamleider"))
    page = client.get("/kcc/doorverwijzingen/").content.decode()
    assert "data-doorverwijzingen" in page
    assert '<td class="utrecht-table__cell">UWV</td>' in page
    response = client.get("/kcc/doorverwijzingen/", {"van": "2026-02-01", "tot": "2026-01-01"})
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_referral_products_can_be_chosen_and_the_panel_answer_fills_the_referral(
    client, kcc_user, uwv
):
    from loket.knowledge.services import artikel_create, artikel_publish

    ww = ProductFactory(upl_naam="WW-uitkering", is_rijk=True, organisatie=uwv)
    ProductFactory(upl_naam="WW-registratie", is_rijk=True)
    artikel = artikel_create(
        slug="ww",
        vraag="Hoe vraag ik een WW-uitkering aan?",
        antwoord="<p>Bij UWV.</p>",
        producten=[ww],
        organisatie=uwv,
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie)
    client.force_login(kcc_user)
    opties = client.get("/kcc/producten/", {"q": "WW"}).content.decode()
    assert "WW-uitkering" in opties and "WW-registratie" not in opties
    panel = client.get("/kcc/kennis/", {"q": "WW-uitkering aanvragen"}).content.decode()
    assert f'data-organisatie="{uwv.pk}"' in panel
    assert f'data-product="{ww.pk}"' in panel
