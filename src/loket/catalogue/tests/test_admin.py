import pytest

from loket.catalogue.models import Dienstverleningsformule, Levensgebeurtenis


@pytest.fixture
def vlot(db):
    return Dienstverleningsformule.objects.create(
        code="vlot", naam="Vlot", belofte="Binnen de servicenorm."
    )


@pytest.fixture
def flits(db):
    return Dienstverleningsformule.objects.create(
        code="flits",
        naam="Flits",
        belofte="Binnen een minuut klaar.",
        altijd_beschikbaar=True,
        zonder_medewerker=True,
        max_afhandeltijd_minuten=1,
    )


def _product_post(**overrides):
    data = {
        "titel": "Paspoort",
        "samenvatting": "Voor reizen.",
        "is_actief": "on",
        "kanaal_call": "on",
        "kanaal_face": "on",
        "voorkeurskanaal": "face",
        "kanaaladvies": "Maak een afspraak.",
        "levensgebeurtenisproduct_set-TOTAL_FORMS": "0",
        "levensgebeurtenisproduct_set-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_a_beheerder_enriches_products_but_cannot_add_them(client, make_user, products, vlot):
    client.force_login(make_user("beheerder"))
    listing = client.get("/admin/catalogue/product/?q=paspoort")
    assert listing.status_code == 200
    assert "paspoort" in listing.content.decode()
    assert client.get("/admin/catalogue/product/add/").status_code == 403
    paspoort = products["paspoort"]
    response = client.post(
        f"/admin/catalogue/product/{paspoort.pk}/change/",
        _product_post(dienstverleningsformule=vlot.pk),
    )
    assert response.status_code == 302
    paspoort.refresh_from_db()
    assert paspoort.samenvatting == "Voor reizen."
    assert paspoort.upl_naam == "paspoort"
    assert paspoort.dienstverleningsformule == vlot and paspoort.voorkeurskanaal == "face"


@pytest.mark.django_db
def test_the_channel_strategy_is_checked_in_dutch(client, make_user, products, flits):
    client.force_login(make_user("beheerder"))
    paspoort = products["paspoort"]
    response = client.post(
        f"/admin/catalogue/product/{paspoort.pk}/change/",
        _product_post(dienstverleningsformule=flits.pk),
    )
    assert response.status_code == 200
    assert "De formule Flits is volledig automatisch" in response.content.decode()
    response = client.post(
        f"/admin/catalogue/product/{paspoort.pk}/change/",
        _product_post(dienstverleningsformule=None),
    )
    assert "Elk actief product heeft een dienstverleningsformule." in response.content.decode()
    paspoort.refresh_from_db()
    assert paspoort.dienstverleningsformule is None


@pytest.mark.django_db
def test_a_redacteur_manages_the_catalogue_without_staff_status(client, make_user, products, vlot):
    redacteur = make_user("redacteur")
    assert not redacteur.is_staff
    client.force_login(redacteur)
    assert client.get("/admin/").status_code == 302  # the full admin stays closed
    index = client.get("/catalogusbeheer/")
    assert index.status_code == 200
    assert "Dienstverleningsformules" in index.content.decode()

    response = client.post(
        "/catalogusbeheer/catalogue/levensgebeurtenis/add/",
        {
            "slug": "studeren",
            "naam": "Gaan studeren",
            "samenvatting": "",
            "volgorde": "9",
            "levensgebeurtenisproduct_set-TOTAL_FORMS": "1",
            "levensgebeurtenisproduct_set-INITIAL_FORMS": "0",
            "levensgebeurtenisproduct_set-0-volgorde": "1",
            "levensgebeurtenisproduct_set-0-product": str(products["paspoort"].pk),
            "levensgebeurtenisproduct_set-0-toelichting": "Op reis tijdens de studie.",
        },
    )
    assert response.status_code == 302
    gebeurtenis = Levensgebeurtenis.objects.get(slug="studeren")
    assert list(gebeurtenis.producten.all()) == [products["paspoort"]]


@pytest.mark.django_db
def test_catalogue_beheer_is_closed_to_other_roles(client, make_user):
    response = client.get("/catalogusbeheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/medewerker/inloggen/")
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/catalogusbeheer/", follow=True).status_code == 403


@pytest.mark.django_db
def test_a_formula_without_measurable_guarantee_is_refused(client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.post(
        "/catalogusbeheer/catalogue/dienstverleningsformule/add/",
        {
            "code": "razendsnel",
            "naam": "Razendsnel",
            "belofte": "Meteen klaar.",
            "volgorde": "5",
            "zonder_medewerker": "on",
            "max_wachttijd_balie_minuten": "15",
        },
    )
    assert response.status_code == 200
    assert "belooft een maximale afhandeltijd in minuten" in response.content.decode()
    assert not Dienstverleningsformule.objects.filter(code="razendsnel").exists()
