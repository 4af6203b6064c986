import pytest

from loket.api.services import api_token_create
from loket.knowledge.selectors import kennis_search
from loket.knowledge.services import artikel_create, artikel_publish, artikel_update

URL = "/api/v1/kennis/zoeken"


@pytest.fixture
def published(product):
    container = product("afvalcontainer")
    artikel = artikel_create(
        slug="container",
        vraag="Mijn afvalcontainer is kapot",
        antwoord="<p>Meld het online.</p>",
        telefoonscript="Zeg: u kunt het melden.",
        producten=[container],
        synoniemen=["kliko"],
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel = artikel_update(
        artikel=artikel, revisie=artikel.revisie + 1, antwoord="<p>Nieuw concept</p>"
    )
    return artikel


def auth(scopes):
    _, key = api_token_create(name="test", scopes=scopes)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.mark.django_db
def test_search_api_returns_product_names_uris_and_the_published_version(client, published):
    response = client.get(URL, {"q": "kliko stuk", "kanaal": "telefoon"}, **auth(["kennis:lezen"]))
    assert response.status_code == 200
    first = response.json()["antwoorden"][0]
    assert first["soort"] == "artikel"
    assert first["versie"]["nummer"] == 1
    assert first["tekst"] == "Zeg: u kunt het melden."
    assert first["producten"] == [
        {
            "uplNaam": "afvalcontainer",
            "uri": "http://standaarden.overheid.nl/owms/terms/afvalcontainer",
        }
    ]


@pytest.mark.django_db
def test_every_channel_renders_the_same_published_version_not_the_draft(client, published):
    api = client.get(URL, {"q": "kliko"}, **auth(["kennis:lezen"])).json()["antwoorden"][0]
    for kanaal in ("web", "telefoon", "email", "kort"):
        hit = kennis_search(q="kliko", kanaal=kanaal).antwoorden[0]
        assert hit.versie.nummer == api["versie"]["nummer"] == 1
    assert api["tekst"] == "<p>Meld het online.</p>"  # not the unpublished "Nieuw concept"


@pytest.mark.django_db
def test_search_api_needs_the_kennis_scope_and_validates_input(client, published):
    assert client.get(URL, {"q": "kliko"}).status_code == 401
    assert client.get(URL, {"q": "kliko"}, **auth(["producten:lezen"])).status_code == 403
    bad = client.get(URL, {"q": "kliko", "kanaal": "fax"}, **auth(["kennis:lezen"]))
    assert bad.status_code == 400
    assert "kanaal" in bad.json()
    empty = client.get(URL, {"q": ""}, **auth(["kennis:lezen"])).json()
    assert empty["antwoorden"] == [] and "Typ uw vraag" in empty["melding"]


@pytest.mark.django_db
def test_the_api_gives_the_safety_lines_the_portal_shows(client, published):
    """Every channel shows the same safety line first: a chat or KISS on the API as well."""
    danger = client.get(URL, {"q": "mijn vader slaat mij"}, **auth(["kennis:lezen"])).json()
    assert [lijn["nummer"] for lijn in danger["hulplijnen"]] == ["112", "0800-2000"]
    quiet = client.get(URL, {"q": "paspoort verlengen"}, **auth(["kennis:lezen"])).json()
    assert quiet["hulplijnen"] == []
