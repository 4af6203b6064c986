"""Referral articles: they must name the organisation that handles it, the version freezes it,
and every channel (KCC panel, portal, API) says the same "Regelt u bij <organisatie>"."""

import html
import json

import pytest
from django.template.loader import render_to_string

from loket.api.services import api_token_create
from loket.catalogue.models import Organisatie
from loket.catalogue.services import (
    ORGANISATIES_PATH,
    PRODUCT_ORGANISATIES_PATH,
    UPL_DEFAULT_PATH,
    organisatie_create,
    organisaties_bundled_load,
    upl_import,
)
from loket.core.errors import DomainError
from loket.knowledge.constants import CATEGORIE_VERWIJZING
from loket.knowledge.models import Kennisartikel
from loket.knowledge.selectors import kennis_search
from loket.knowledge.services import (
    CONTENT_DIR,
    artikel_create,
    artikel_publish,
    artikel_update,
    kennis_load,
)

VERWIJS_MELDING = "Een verwijsartikel moet de organisatie noemen die het regelt."
VERWIJZINGEN = CONTENT_DIR / "verwijzingen.json"


@pytest.fixture
def uwv(db):
    return organisatie_create(
        slug="uwv",
        naam="UWV",
        website="https://www.uwv.nl",
        telefoon="088 898 92 94",
        openingstijden="maandag tot en met vrijdag 8.00–17.00 uur",
        doorverbinden=True,
    )


@pytest.fixture
def toeslagen(db):
    return organisatie_create(
        slug="toeslagen", naam="Dienst Toeslagen", telefoon="0800-0543", website=""
    )


@pytest.fixture
def ww(product, uwv):
    ww = product("WW-uitkering", gemeente=False)
    ww.organisatie = uwv
    ww.save()
    return ww


def _referral(**extra):
    fields = {
        "slug": "ww-aanvragen",
        "vraag": "Hoe vraag ik een WW-uitkering aan?",
        "antwoord": "<p>Dat regelt u bij UWV.</p>",
        "telefoonscript": "De WW vraagt u aan bij UWV, via uwv.nl.",
        "categorie": CATEGORIE_VERWIJZING,
    }
    return {**fields, **extra}


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_referral_category_without_organisation_is_refused():
    with pytest.raises(DomainError) as exc:
        artikel_create(**_referral())
    assert exc.value.message == VERWIJS_MELDING
    assert exc.value.field == "organisatie"
    assert not Kennisartikel.objects.exists()


@pytest.mark.django_db
def test_article_about_only_non_municipal_products_needs_an_organisation(ww, product):
    with pytest.raises(DomainError, match=VERWIJS_MELDING):
        artikel_create(**_referral(categorie="Werk"), producten=[ww])
    # A municipal product beside it makes it an ordinary article.
    bijstand = product("bijstand", gemeente=True)
    artikel_create(**_referral(categorie="Werk"), producten=[ww, bijstand])


@pytest.mark.django_db
def test_removing_the_organisation_of_a_referral_is_refused(uwv, ww):
    artikel = artikel_create(**_referral(), producten=[ww], organisatie=uwv)
    with pytest.raises(DomainError, match=VERWIJS_MELDING):
        artikel_update(artikel=artikel, revisie=artikel.revisie, organisatie=None)
    artikel.refresh_from_db()
    assert artikel.organisatie == uwv


@pytest.mark.django_db
def test_publish_refuses_a_referral_without_organisation(uwv):
    artikel = artikel_create(**_referral(), organisatie=uwv)
    Kennisartikel.objects.filter(pk=artikel.pk).update(organisatie=None)  # e.g. by hand in SQL
    artikel.refresh_from_db()
    with pytest.raises(DomainError, match=VERWIJS_MELDING):
        artikel_publish(artikel=artikel, revisie=artikel.revisie)
    assert not artikel.versies.exists()


@pytest.mark.django_db
def test_each_version_keeps_the_organisation_it_was_published_with(uwv, toeslagen):
    artikel = artikel_create(**_referral(), organisatie=uwv)
    eerste = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel.refresh_from_db()
    artikel = artikel_update(artikel=artikel, revisie=artikel.revisie, organisatie=toeslagen)
    tweede = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    eerste.refresh_from_db()
    assert eerste.organisatie == uwv
    assert tweede.organisatie == toeslagen


# --- kennis_load ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_kennis_load_reads_the_organisation_and_is_idempotent(tmp_path, ww):
    item = {**_referral(), "producten": ["WW-uitkering"], "organisatie": "uwv"}
    (tmp_path / "verwijzingen.json").write_text(json.dumps([item]), encoding="utf-8")
    assert kennis_load(directory=tmp_path).created == 1
    assert kennis_load(directory=tmp_path).unchanged == 1
    artikel = Kennisartikel.objects.get(slug="ww-aanvragen")
    assert artikel.organisatie.slug == "uwv"
    assert artikel.gepubliceerde_versie.organisatie.slug == "uwv"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("organisatie", "fragment"),
    [("onbekend", "onbekende organisatie 'onbekend'"), ("", VERWIJS_MELDING)],
)
def test_kennis_load_refuses_a_bad_referral_naming_file_and_article(
    tmp_path, ww, organisatie, fragment
):
    good = {**_referral(slug="goed", categorie="Werk"), "producten": []}
    bad = {**_referral(), "producten": ["WW-uitkering"], "organisatie": organisatie}
    (tmp_path / "verwijzingen.json").write_text(json.dumps([good, bad]), encoding="utf-8")
    with pytest.raises(DomainError) as exc:
        kennis_load(directory=tmp_path)
    assert exc.value.message.startswith("verwijzingen.json, artikel 'ww-aanvragen': ")
    assert fragment in exc.value.message
    assert not Kennisartikel.objects.exists()  # the file is refused as a whole


# --- search and channels ----------------------------------------------------------------------


@pytest.fixture
def gepubliceerd(uwv, ww):
    artikel = artikel_create(**_referral(), producten=[ww], organisatie=uwv)
    artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel.refresh_from_db()
    return artikel


@pytest.mark.django_db
def test_search_result_carries_the_organisation_of_the_version(gepubliceerd, uwv):
    resultaat = kennis_search(q="WW-uitkering aanvragen")
    artikel = next(a for a in resultaat.antwoorden if a.versie)
    assert artikel.versie == gepubliceerd.gepubliceerde_versie
    assert artikel.organisatie == uwv
    assert artikel.regelt_u_bij.startswith("Regelt u bij UWV: https://www.uwv.nl")


@pytest.mark.django_db
def test_product_only_hit_of_a_national_product_carries_its_organisation(ww, uwv, product):
    product("bijstand", gemeente=True)
    resultaat = kennis_search(q="WW-uitkering")
    hit = next(a for a in resultaat.antwoorden if a.soort == "product")
    assert hit.producten == [ww]
    assert hit.organisatie == uwv
    municipal = kennis_search(q="bijstand").antwoorden[0]
    assert municipal.organisatie is None and municipal.regelt_u_bij == ""


@pytest.mark.django_db
def test_panel_shows_a_national_product_without_article_with_its_organisation(
    client, make_user, ww
):
    client.force_login(make_user("kcc-medewerker"))
    page = client.get("/kcc/kennis/", {"q": "WW-uitkering"}).content.decode()
    assert "Regelt u bij UWV" in page
    assert "088 898 92 94" in page
    assert "Doorverbinden mogelijk" in page


def _block(organisatie: Organisatie, *, kcc: bool = False) -> str:
    return render_to_string(
        "knowledge/_regelt_u_bij.html", {"organisatie": organisatie, "kcc": kcc}
    ).strip()


def _channels(client, kcm_client, headers, artikel) -> dict:
    """Per channel: does it show this version with this organisation's "Regelt u bij" block?"""
    versie = artikel.gepubliceerde_versie
    organisatie = versie.organisatie
    shown = {}
    panel = kcm_client.get("/kcc/kennis/", {"q": versie.vraag}).content.decode()
    shown["panel"] = (
        f'data-versie="{versie.pk}"' in panel
        and f'data-nummer="{versie.nummer}"' in panel
        and _block(organisatie, kcc=True) in panel
        and html.escape(versie.telefoonscript) in panel
    )
    portal = client.get("/zoeken/", {"q": versie.vraag}).content.decode()
    page = client.get(f"/zoeken/antwoord/{artikel.slug}/").content.decode()
    shown["portal"] = (
        f'data-versie="{versie.pk}"' in portal
        and _block(organisatie) in portal
        and f'data-versie="{versie.pk}"' in page
        and _block(organisatie) in page
    )
    api = client.get("/api/v1/kennis/zoeken", {"q": versie.vraag}, **headers).json()
    hits = [a for a in api["antwoorden"] if a["versie"] and a["titel"] == versie.vraag]
    shown["api"] = bool(hits) and (
        hits[0]["versie"]["nummer"] == versie.nummer
        and hits[0]["versie"]["artikel"] == str(artikel.uuid)
        and hits[0]["organisatie"]["naam"] == organisatie.naam
        and hits[0]["organisatie"]["telefoon"] == organisatie.telefoon
        and hits[0]["organisatie"]["website"] == organisatie.website
        and hits[0]["regeltUBij"] == organisatie.verwijstekst
        and hits[0]["regeltUBij"].startswith(f"Regelt u bij {organisatie.naam}")
    )
    return shown


@pytest.fixture
def kcm_client(client, make_user):
    from django.test import Client

    other = Client()
    other.force_login(make_user("kcc-medewerker"))
    return other


@pytest.fixture
def api_headers(db):
    _, key = api_token_create(name="kanalen", scopes=["kennis:lezen"])
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.mark.django_db
def test_referral_renders_identically_in_panel_portal_and_api(
    client, kcm_client, api_headers, gepubliceerd
):
    assert _channels(client, kcm_client, api_headers, gepubliceerd) == {
        "panel": True,
        "portal": True,
        "api": True,
    }


@pytest.mark.django_db
@pytest.mark.skipif(
    not (
        ORGANISATIES_PATH.exists() and PRODUCT_ORGANISATIES_PATH.exists() and VERWIJZINGEN.exists()
    ),
    reason="organisaties.json, product-organisaties.json of verwijzingen.json ontbreekt nog",
)
def test_each_seeded_organisation_renders_identically_in_panel_portal_and_api(
    client, kcm_client, api_headers
):
    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    organisaties_bundled_load()
    kennis_load()
    bundled = json.loads(ORGANISATIES_PATH.read_text(encoding="utf-8"))
    failures = {}
    covered = 0
    for item in bundled:
        artikel = (
            Kennisartikel.objects.filter(
                organisatie__slug=item["slug"], gepubliceerde_versie__isnull=False
            )
            .select_related("gepubliceerde_versie__organisatie")
            .order_by("slug")
            .first()
        )
        if artikel is None:
            continue  # an organisation without a referral article yet (products only)
        covered += 1
        shown = _channels(client, kcm_client, api_headers, artikel)
        if not all(shown.values()):
            failures[f"{item['slug']} ({artikel.slug})"] = shown
    assert covered, "geen enkele meegeleverde organisatie heeft een verwijsartikel"
    assert failures == {}


# --- redactie -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_redactie_form_offers_the_organisation_and_refuses_a_referral_without(
    client, make_user, uwv
):
    client.force_login(make_user("redacteur"))
    page = client.get("/kennis/redactie/nieuw/").content.decode()
    assert 'name="organisatie"' in page and ">UWV</option>" in page
    data = {
        "slug": "ww",
        "vraag": "Hoe vraag ik WW aan?",
        "antwoord": "<p>Bij UWV.</p>",
        "categorie": CATEGORIE_VERWIJZING,
    }
    response = client.post("/kennis/redactie/nieuw/", data)
    assert response.status_code == 400
    assert VERWIJS_MELDING in response.content.decode()
    response = client.post("/kennis/redactie/nieuw/", {**data, "organisatie": uwv.pk})
    assert response.status_code == 302
    assert Kennisartikel.objects.get(slug="ww").organisatie == uwv
