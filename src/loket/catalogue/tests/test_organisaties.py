"""Organisations citizens are referred to: the reachability rule, the loaders and the API."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from loket.api.services import api_token_create
from loket.catalogue.models import ORGANISATIE_ONBEREIKBAAR, Organisatie, Product
from loket.catalogue.services import (
    ORGANISATIES_PATH,
    PRODUCT_ORGANISATIES_PATH,
    UPL_DEFAULT_PATH,
    ImportResult,
    organisatie_create,
    organisatie_load,
    organisatie_update,
    product_organisaties_load,
    upl_import,
)
from loket.catalogue.tests.factories import ProductFactory
from loket.core.errors import DomainError

T = "http://standaarden.overheid.nl/owms/terms/"
UWV = {
    "slug": "uwv",
    "naam": "UWV",
    "regelt": "WW-uitkering, WIA",
    "website": "https://www.uwv.nl",
    "telefoon": "088 898 92 94",
    "openingstijden": "maandag tot en met vrijdag 8.00–17.00 uur",
    "doorverbinden": True,
    "is_demo": False,
}
WATERSCHAP = {
    "slug": "waterschap-zeventerp",
    "naam": "Waterschap Zeventerp",
    "regelt": "Waterschapsbelasting",
    "website": "",
    "telefoon": "0500 123 456",
    "openingstijden": "",
    "doorverbinden": False,
    "is_demo": True,
}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def national(db):
    return {
        naam: ProductFactory(upl_naam=naam, is_rijk=True)
        for naam in ("WW-uitkering", "zorgtoeslag")
    }


# --- the rule: reachable or not active -------------------------------------------------------


@pytest.mark.django_db
def test_organisation_without_website_and_phone_is_refused():
    with pytest.raises(DomainError) as exc:
        organisatie_create(slug="stil", naam="Stille dienst", website="", telefoon="")
    assert exc.value.message == "Een organisatie moet een website of telefoonnummer hebben."
    assert exc.value.field == "website"
    assert not Organisatie.objects.exists()


@pytest.mark.django_db
def test_inactive_organisation_may_lack_contact_but_cannot_be_switched_on():
    stil = organisatie_create(slug="stil", naam="Stille dienst", is_actief=False)
    with pytest.raises(DomainError, match=ORGANISATIE_ONBEREIKBAAR):
        organisatie_update(organisatie=stil, is_actief=True)
    organisatie_update(organisatie=stil, is_actief=True, telefoon="14 050")
    stil.refresh_from_db()
    assert stil.is_actief and stil.telefoon == "14 050"


@pytest.mark.django_db
def test_database_refuses_an_active_organisation_without_contact():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(slug="stil", naam="Stille dienst", is_actief=True)


@pytest.mark.django_db
def test_organisation_with_invalid_website_is_refused():
    with pytest.raises(DomainError) as exc:
        organisatie_create(slug="x", naam="X", website="geen url")
    assert exc.value.field == "website"


def test_verwijstekst_names_organisation_and_how_to_reach_it():
    uwv = Organisatie(**UWV)
    assert uwv.regelt_u_bij == "Regelt u bij UWV"
    assert uwv.verwijstekst == (
        "Regelt u bij UWV: https://www.uwv.nl, telefoon 088 898 92 94 "
        "(maandag tot en met vrijdag 8.00–17.00 uur). Doorverbinden mogelijk."
    )


# --- organisatie_load ------------------------------------------------------------------------


@pytest.mark.django_db
def test_organisatie_load_is_idempotent_and_updates_changes(tmp_path):
    path = write(tmp_path, "organisaties.json", [UWV, WATERSCHAP])
    assert organisatie_load(path=path) == ImportResult(created=2, updated=0, unchanged=0)
    assert organisatie_load(path=path) == ImportResult(created=0, updated=0, unchanged=2)
    changed = write(tmp_path, "v2.json", [{**UWV, "telefoon": "0900 1234"}, WATERSCHAP])
    assert organisatie_load(path=changed) == ImportResult(created=0, updated=1, unchanged=1)
    assert Organisatie.objects.get(slug="uwv").telefoon == "0900 1234"
    assert Organisatie.objects.get(slug="waterschap-zeventerp").is_demo


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ({**UWV, "slug": "ook-uwv", "website": "", "telefoon": ""}, ORGANISATIE_ONBEREIKBAAR),
        ({**UWV, "slug": "Geen Slug"}, "de code (slug) ontbreekt of is ongeldig"),
        ({**UWV}, "de code komt twee keer voor"),
        ({**UWV, "slug": "x", "doorverbinden": "ja"}, "true of false"),
    ],
)
def test_organisatie_load_refuses_the_file_as_a_whole(tmp_path, bad, fragment):
    path = write(tmp_path, "organisaties.json", [UWV, WATERSCHAP, bad])
    with pytest.raises(DomainError) as exc:
        organisatie_load(path=path)
    assert "organisaties.json, organisatie 3" in exc.value.message
    assert fragment in exc.value.message
    assert not Organisatie.objects.exists()


@pytest.mark.django_db
def test_organisatie_load_refuses_broken_json(tmp_path):
    path = tmp_path / "organisaties.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(DomainError, match="geen geldige JSON"):
        organisatie_load(path=path)


# --- product_organisaties_load ---------------------------------------------------------------


@pytest.mark.django_db
def test_product_organisaties_load_links_products_idempotently(tmp_path, national):
    organisatie_load(path=write(tmp_path, "organisaties.json", [UWV, WATERSCHAP]))
    path = write(tmp_path, "koppel.json", {"WW-uitkering": "uwv"})
    assert product_organisaties_load(path=path) == ImportResult(created=1, updated=0, unchanged=0)
    assert product_organisaties_load(path=path) == ImportResult(created=0, updated=0, unchanged=1)
    assert Product.objects.get(upl_naam="WW-uitkering").organisatie.slug == "uwv"
    assert Product.objects.get(upl_naam="zorgtoeslag").organisatie is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mapping", "fragment"),
    [
        ({"WW-uitkering": "uwv", "bestaat niet": "uwv"}, "'bestaat niet': onbekend product"),
        ({"WW-uitkering": "uwv", "zorgtoeslag": "toeslagen"}, "onbekende organisatie 'toeslagen'"),
    ],
)
def test_product_organisaties_load_refuses_bad_input_whole(tmp_path, national, mapping, fragment):
    organisatie_load(path=write(tmp_path, "organisaties.json", [UWV]))
    with pytest.raises(DomainError) as exc:
        product_organisaties_load(path=write(tmp_path, "product-organisaties.json", mapping))
    assert exc.value.message.startswith("product-organisaties.json, ")
    assert fragment in exc.value.message
    assert not Product.objects.filter(organisatie__isnull=False).exists()


@pytest.mark.django_db
def test_command_organisaties_laden_runs_both_and_refuses_as_a_whole(tmp_path, national, capsys):
    orgs = write(tmp_path, "organisaties.json", [UWV])
    good = write(tmp_path, "goed.json", {"WW-uitkering": "uwv"})
    call_command("organisaties_laden", organisaties=str(orgs), koppelingen=str(good))
    assert "1 nieuw" in capsys.readouterr().out
    assert Product.objects.get(upl_naam="WW-uitkering").organisatie.slug == "uwv"
    bad = write(tmp_path, "fout.json", {"WW-uitkering": "onbekend"})
    orgs2 = write(tmp_path, "org2.json", [UWV, WATERSCHAP])
    with pytest.raises(CommandError, match="er is niets gewijzigd"):
        call_command("organisaties_laden", organisaties=str(orgs2), koppelingen=str(bad))
    assert not Organisatie.objects.filter(slug="waterschap-zeventerp").exists()


@pytest.mark.django_db
@pytest.mark.skipif(
    not (ORGANISATIES_PATH.exists() and PRODUCT_ORGANISATIES_PATH.exists()),
    reason="organisaties.json / product-organisaties.json zijn (nog) niet meegeleverd",
)
def test_bundled_organisations_and_links_load_against_the_bundled_upl():
    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    first = organisatie_load()
    links = product_organisaties_load()
    assert first.created == len(json.loads(ORGANISATIES_PATH.read_text(encoding="utf-8")))
    assert links.total == len(json.loads(PRODUCT_ORGANISATIES_PATH.read_text(encoding="utf-8")))
    assert organisatie_load().created == 0
    assert product_organisaties_load().created == 0
    # Every bundled organisation can be reached.
    assert not Organisatie.objects.filter(website="", telefoon="").exists()


# --- API and admin ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_producten_api_includes_the_organisation(client, tmp_path, national):
    organisatie_load(path=write(tmp_path, "organisaties.json", [UWV]))
    product_organisaties_load(path=write(tmp_path, "k.json", {"WW-uitkering": "uwv"}))
    _, key = api_token_create(name="producten", scopes=["producten:lezen"])
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    data = client.get("/api/v1/producten/", {"overheidslaag": "rijk"}, **headers).json()
    rows = data["results"] if isinstance(data, dict) else data
    by_name = {row["uplNaam"] if "uplNaam" in row else row["upl_naam"]: row for row in rows}
    assert by_name["WW-uitkering"]["organisatie"] == {
        "code": "uwv",
        "naam": "UWV",
        "website": "https://www.uwv.nl",
        "telefoon": "088 898 92 94",
        "openingstijden": "maandag tot en met vrijdag 8.00–17.00 uur",
        "doorverbinden": True,
    }
    assert by_name["zorgtoeslag"]["organisatie"] is None


@pytest.mark.django_db
def test_admin_refuses_an_active_organisation_without_contact(client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.post(
        "/admin/catalogue/organisatie/add/",
        {"slug": "stil", "naam": "Stille dienst", "is_actief": "on"},
    )
    assert response.status_code == 200
    assert ORGANISATIE_ONBEREIKBAAR in response.content.decode()
    assert not Organisatie.objects.exists()
