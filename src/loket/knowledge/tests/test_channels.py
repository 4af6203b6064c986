"""Same answer on every channel: the KCC panel, the citizen portal, the e-mail reply and the API
all render the same published version of an article, and all move on to a newly published one."""

import html
import re

import pytest

from loket.api.services import api_token_create
from loket.knowledge.email import email_antwoord, email_kern
from loket.knowledge.models import Kennisartikel
from loket.knowledge.services import artikel_publish, artikel_update

SAMPLE = 10


# The bundled knowledge base is loaded once for this module; its tests share one xdist worker.
pytestmark = pytest.mark.xdist_group("knowledge-test_channels")


@pytest.fixture(scope="module")
def sample(bundled_kennis):
    """The primary keys of a sample of the bundled articles, spread over the alphabet."""
    pks = list(Kennisartikel.objects.order_by("slug").values_list("pk", flat=True))
    step = max(len(pks) // SAMPLE, 1)
    return pks[::step][:SAMPLE]


@pytest.fixture
def bundled(db, sample):
    """The sampled articles, read afresh for each test (a test may publish a new version)."""
    artikelen = Kennisartikel.objects.select_related("gepubliceerde_versie").in_bulk(sample)
    return [artikelen[pk] for pk in sample]


@pytest.fixture
def kcm_client(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    return client


@pytest.fixture
def api_headers(db):
    _, key = api_token_create(name="kanalen", scopes=["kennis:lezen"])
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def _zonder_links(text: str) -> str:
    return re.sub(r'href="[^"]*"', 'href=""', text)


def _channels(client, kcm_client, api_headers, artikel) -> dict:
    """What each channel shows for the article's own question: version pk, number and text."""
    versie = artikel.gepubliceerde_versie
    shown = {}

    panel = kcm_client.get("/kcc/kennis/", {"q": versie.vraag}).content.decode()
    shown["panel"] = (
        f'data-versie="{versie.pk}"' in panel
        and f'data-nummer="{versie.nummer}"' in panel
        and html.escape(versie.telefoonscript) in panel
    )

    # The portal renders the same text; only its links point at Loket's own pages for the
    # article's products (portal.selectors.artikel_links), so hrefs are compared apart.
    portal = _zonder_links(client.get("/zoeken/", {"q": versie.vraag}).content.decode())
    page = _zonder_links(client.get(f"/zoeken/antwoord/{artikel.slug}/").content.decode())
    antwoord = _zonder_links(versie.antwoord)
    shown["portal"] = (
        f'data-versie="{versie.pk}"' in portal
        and antwoord in portal
        and f'data-versie="{versie.pk}"' in page
        and antwoord in page
        and f"versie {versie.nummer}" in page
    )

    for product in artikel.producten.all():
        product_page = _zonder_links(
            client.get(f"/zoeken/product/{product.uuid}/", follow=True).content.decode()
        )
        shown[f"product {product.upl_naam}"] = (
            f'data-versie="{versie.pk}"' in product_page and antwoord in product_page
        )

    onderwerp, tekst = email_antwoord(versie=versie)
    shown["email"] = versie.vraag in onderwerp and email_kern(versie) in tekst

    api = client.get("/api/v1/kennis/zoeken", {"q": versie.vraag}, **api_headers).json()
    hits = [a for a in api["antwoorden"] if a["versie"] and a["titel"] == versie.vraag]
    shown["api"] = bool(hits) and (
        hits[0]["versie"]["artikel"] == str(artikel.uuid)
        and hits[0]["versie"]["nummer"] == versie.nummer
        # the API too gives the links as addresses in Loket (absolute), the text is the same
        and _zonder_links(hits[0]["tekst"]) == antwoord
    )
    return shown


@pytest.mark.django_db
def test_every_channel_shows_the_same_published_version_of_a_sample_of_articles(
    client, kcm_client, api_headers, bundled
):
    assert len(bundled) == SAMPLE
    for artikel in bundled:
        shown = _channels(client, kcm_client, api_headers, artikel)
        assert all(shown.values()), (artikel.slug, shown)


@pytest.mark.django_db
def test_after_publishing_a_new_version_every_channel_shows_the_new_one(
    client, kcm_client, api_headers, bundled, django_capture_on_commit_callbacks
):
    for artikel in bundled[:3]:
        oud = artikel.gepubliceerde_versie
        with django_capture_on_commit_callbacks(execute=True):
            bijgewerkt = artikel_update(
                artikel=artikel,
                revisie=artikel.revisie,
                antwoord=f"<p>Nieuw antwoord voor {artikel.slug}.</p>",
                telefoonscript=f"Zeg: nieuw antwoord voor {artikel.slug}.",
                email=f"Geachte heer/mevrouw,\n\nNieuw antwoord voor {artikel.slug}.\n\n"
                "Met vriendelijke groet,\n\nKCC",
            )
            nieuw = artikel_publish(artikel=bijgewerkt, revisie=bijgewerkt.revisie)
        artikel.refresh_from_db()
        assert artikel.gepubliceerde_versie == nieuw and nieuw.nummer == oud.nummer + 1
        shown = _channels(client, kcm_client, api_headers, artikel)
        assert all(shown.values()), (artikel.slug, shown)
        panel = kcm_client.get("/kcc/kennis/", {"q": nieuw.vraag}).content.decode()
        assert f'data-versie="{oud.pk}"' not in panel
        assert oud.antwoord not in client.get(f"/zoeken/antwoord/{artikel.slug}/").content.decode()
        _, tekst = email_antwoord(versie=nieuw)
        assert f"Nieuw antwoord voor {artikel.slug}." in tekst


@pytest.mark.django_db
def test_email_reply_replaces_salutation_and_closing_and_falls_back_to_the_web_text(bundled):
    versie = bundled[0].gepubliceerde_versie
    onderwerp, tekst = email_antwoord(versie=versie, aanhef="Beste mevrouw Terpstra")
    assert onderwerp == f"Uw vraag: {versie.vraag}"
    assert tekst.startswith("Beste mevrouw Terpstra,\n\n")
    assert tekst.rstrip().endswith("Met vriendelijke groet,\n\nGemeente Zeventerpen")
    assert tekst.count("Met vriendelijke groet") == 1

    artikel = bundled[1]
    with_empty_email = artikel_update(
        artikel=artikel,
        revisie=artikel.revisie,
        email="",
        antwoord='<p>Kom naar <a href="https://x.example/balie">de balie</a>.</p>'
        "<ul><li>Neem uw paspoort mee.</li></ul>",
    )
    versie = artikel_publish(artikel=with_empty_email, revisie=with_empty_email.revisie)
    _, tekst = email_antwoord(versie=versie)
    assert "Kom naar de balie (https://x.example/balie).\n\n- Neem uw paspoort mee." in tekst
    assert "<" not in tekst


@pytest.mark.django_db
def test_portal_without_a_query_asks_for_words_and_needs_no_login(client):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label class="utrecht-form-label" for="portaal-q">Waar zoekt u naar?</label>' in page
    assert "Typ uw vraag" in page
    assert "portaal-resultaat" not in page


@pytest.mark.django_db
def test_portal_cuts_a_very_long_query_with_a_notice(client, bundled):
    page = client.get("/zoeken/", {"q": "paspoort " * 80}).content.decode()
    assert 'class="utrecht-alert utrecht-alert--warning"' in page
    assert "500" in page


@pytest.mark.django_db
def test_portal_answer_page_of_an_unknown_or_unpublished_article_is_404(client, bundled):
    assert client.get("/zoeken/antwoord/bestaat-niet/").status_code == 404
    artikel = bundled[0]
    Kennisartikel.objects.filter(pk=artikel.pk).update(status="gearchiveerd")
    assert client.get(f"/zoeken/antwoord/{artikel.slug}/").status_code == 404


@pytest.mark.django_db
def test_start_page_has_the_citizen_search_box(client):
    page = client.get("/").content.decode()
    assert 'action="/zoeken/"' in page and "Waar zoekt u naar?" in page
