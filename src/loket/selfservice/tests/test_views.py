import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.catalogue.tests.factories import ProductFactory
from loket.parties.citizen_auth import SESSION_KEY
from loket.registries.models import BrpPersoon
from loket.selfservice.models import Concept, Inzending
from loket.selfservice.tests.conftest import BSN_PARTNER


def login(client, partij):
    session = client.session
    session[SESSION_KEY] = str(partij.uuid)
    session.save()


def _start(client, slug="verhuismelding"):
    response = client.get(reverse("selfservice:formulier", kwargs={"slug": slug}))
    assert response.status_code == 302
    return response["Location"]


def _stap1(datum=None, **kw):
    data = {
        "actie": "volgende",
        "postcode": "8431 AB",
        "huisnummer": "2",
        "huisletter": "",
        "toevoeging": "",
        "verhuisdatum": (datum or timezone.localdate() + dt.timedelta(days=2)).strftime("%d-%m-%Y"),
    }
    data.update(kw)
    return data


def test_form_requires_digid_login(client, wereld):
    response = client.get(reverse("selfservice:formulier", kwargs={"slug": "verhuismelding"}))
    assert response.status_code == 200
    assert "Inloggen met DigiD" in response.content.decode()
    assert Concept.objects.count() == 0


def test_verhuismelding_through_the_pages(client, wereld):
    login(client, wereld.partij)
    stap1 = _start(client)
    assert stap1.endswith("/stap/1/")
    page = client.get(stap1).content.decode()
    assert '<label class="utrecht-form-label" for="veld-postcode">Postcode' in page

    response = client.post(stap1, _stap1())
    assert response.status_code == 302
    stap2 = response["Location"]
    page = client.get(stap2).content.decode()
    assert "Els Jansen" in page  # the household to choose co-movers from
    assert "<legend" in page

    response = client.post(
        stap2, {"actie": "volgende", "meeverhuizers": [BSN_PARTNER], "anderen_verhuizen_mee": "nee"}
    )
    stap3 = response["Location"]
    page = client.get(stap3).content.decode()
    assert 'value="jan@voorbeeld.example"' in page  # prefilled from the party

    response = client.post(stap3, {"actie": "volgende", "email": "jan@voorbeeld.example"})
    controle = response["Location"]
    page = client.get(controle).content.decode()
    assert "8431AB" in page and "Els Jansen" in page
    sleutel = Concept.objects.get().sleutel
    assert f'value="{sleutel}"' in page

    first = client.post(controle, {"sleutel": sleutel, "naar_waarheid": "on"})
    second = client.post(controle, {"sleutel": sleutel, "naar_waarheid": "on"})  # double click
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Inzending.objects.count() == 1
    result = client.get(first["Location"]).content.decode()
    assert "Uw verhuizing is verwerkt" in result
    assert "Terpstraat 2" in result
    assert BrpPersoon.objects.filter(adres=wereld.nieuw).count() == 2


def test_bad_input_is_shown_at_the_field_and_kept(client, wereld):
    login(client, wereld.partij)
    stap1 = _start(client)
    response = client.post(stap1, _stap1(huisnummer="99", postcode="8431 ab"))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#veld-postcode"' in page  # error summary links to the field
    assert 'aria-describedby="veld-postcode-hulp veld-postcode-fout"' in page
    assert 'aria-invalid="true"' in page
    assert "bestaat niet in de BAG" in page
    assert 'value="8431 ab"' in page and 'value="99"' in page  # kept as typed


def test_date_out_of_range_is_shown_at_the_date(client, wereld):
    login(client, wereld.partij)
    stap1 = _start(client)
    datum = timezone.localdate() + dt.timedelta(days=40)
    response = client.post(stap1, _stap1(datum=datum))
    page = response.content.decode()
    assert response.status_code == 422
    assert 'href="#veld-verhuisdatum"' in page
    assert f'value="{datum:%d-%m-%Y}"' in page


def test_missing_co_mover_data_is_named(client, wereld):
    login(client, wereld.partij)
    stap2 = client.post(_start(client), _stap1())["Location"]
    response = client.post(
        stap2, {"actie": "volgende", "anderen_verhuizen_mee": "ja", "anderen_namen": ""}
    )
    assert response.status_code == 422
    assert 'href="#veld-anderen_namen"' in response.content.decode()


def test_invalid_iban_on_the_page(client, wereld):
    login(client, wereld.partij)
    stap1 = _start(client, "parkeervergunning")
    stap2 = client.post(stap1, {"actie": "volgende", "kenteken": "12-ABC-3"})["Location"]
    response = client.post(
        stap2, {"actie": "volgende", "iban": "NL00 BANK 1234", "machtiging": "on"}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "geen geldig IBAN" in page
    assert 'value="NL00 BANK 1234"' in page


def test_save_and_resume_with_the_link(client, wereld):
    login(client, wereld.partij)
    stap1 = _start(client)
    response = client.post(stap1, {"actie": "opslaan", "postcode": "8431", "huisnummer": "7"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    concept = Concept.objects.get()
    link = reverse("selfservice:hervatten", kwargs={"token": concept.token})
    assert link in page
    resumed = client.get(link, follow=True).content.decode()
    assert 'value="8431"' in resumed and 'value="7"' in resumed


def test_another_citizen_cannot_open_my_concept(client, wereld):
    login(client, wereld.partij)
    stap1 = _start(client)
    from loket.parties.models import Partij

    ander = Partij.objects.create(soort="persoon", weergavenaam="Ander")
    login(client, ander)
    response = client.get(stap1)
    assert response.status_code == 403


def test_submission_page_is_private(client, wereld):
    from loket.selfservice.services import inzending_submit
    from loket.selfservice.tests.conftest import verhuis_gegevens

    inzending, _ = inzending_submit(
        formulier=wereld.formulieren["verhuismelding"],
        gegevens=verhuis_gegevens(wereld),
        idempotency_key="k",
        partij=wereld.partij,
    )
    url = reverse("selfservice:inzending", kwargs={"uuid": inzending.uuid})
    assert client.get(url).status_code == 404
    login(client, wereld.partij)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("slug", ["afvalpas", "uittreksel-brp"])
def test_other_flits_forms_render(client, wereld, slug):
    login(client, wereld.partij)
    page = client.get(_start(client, slug)).content.decode()
    assert "<fieldset" in page


def test_result_page_offers_the_life_events_other_products(client, wereld):
    from loket.catalogue.models import Levensgebeurtenis, LevensgebeurtenisProduct
    from loket.selfservice.services import inzending_submit
    from loket.selfservice.tests.conftest import verhuis_gegevens

    verhuizen = Levensgebeurtenis.objects.create(slug="verhuizen", naam="Verhuizen")
    vertrek = ProductFactory(upl_naam="aangifte vertrek buitenland")
    for n, product in enumerate(
        [wereld.producten["verhuismelding"], wereld.producten["afvalpas"], vertrek]
    ):
        LevensgebeurtenisProduct.objects.create(
            levensgebeurtenis=verhuizen, product=product, volgorde=n
        )
    inzending, _ = inzending_submit(
        formulier=wereld.formulieren["verhuismelding"],
        gegevens=verhuis_gegevens(wereld),
        idempotency_key="k",
        partij=wereld.partij,
    )
    login(client, wereld.partij)
    page = client.get(reverse("selfservice:inzending", kwargs={"uuid": inzending.uuid}))
    html = page.content.decode()
    assert "Regel ook" in html
    assert reverse("selfservice:formulier", kwargs={"slug": "afvalpas"}) in html
    assert "vertrek buitenland" not in html
    datum = timezone.localdate() + dt.timedelta(days=3)
    assert f"vanaf {datum.day} " in html
