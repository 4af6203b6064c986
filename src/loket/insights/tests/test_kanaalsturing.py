"""Channel shift per product: the mix per kind of channel, the share via the preferred channel
and, for Flits products, without staff, from the day summaries; and the page."""

import datetime as dt

import pytest

from loket.catalogue.models import Dienstverleningsformule
from loket.contacts.constants import Afhandeling
from loket.insights.selectors import Filters
from loket.insights.selectors.kanaalsturing import kanaalsturing_get
from loket.insights.services import samenvattingen_update
from loket.insights.tests.conftest import at
from loket.insights.tests.test_kpis import D, contact, vraag, world  # noqa: F401

PERIODE = Filters(van=dt.date(2026, 3, 1), tot=dt.date(2026, 4, 30), per="maand")


@pytest.fixture
def sturing(world, kanalen, reden, product):  # noqa: F811
    flits = Dienstverleningsformule.objects.create(
        code="flits-test", naam="Flits (test)", belofte="Direct klaar", zonder_medewerker=True
    )
    product.voorkeurskanaal = "click"
    product.dienstverleningsformule = flits
    product.save()
    april = D + dt.timedelta(days=35)
    vraag(contact(kanalen["website"], at(april, 10)), reden, product, Afhandeling.ZELFSTANDIG)
    samenvattingen_update()
    return kanaalsturing_get(filters=PERIODE)


def test_mix_preferred_channel_and_flits_share_per_product(sturing, product, product2):
    overzicht = {r[0]: r for r in sturing.tabellen[0].rijen}
    paspoort, rijbewijs = overzicht["Paspoort"], overzicht["Rijbewijs"]
    # Product, formula, preferred, online, phone, counter, rest, via preferred %, first, last,
    # shift, without staff %, the formula's target (none of its own: the norm 'formule'), met.
    assert paspoort == [
        "Paspoort",
        "Flits (test)",
        "Online (click)",
        2,
        2,
        0,
        0,
        50.0,
        33.3,
        100.0,
        66.7,
        50.0,
        95.0,
        "nee",
    ]
    assert rijbewijs[3:7] == [1, 0, 0, 2]
    assert rijbewijs[7:] == [None, None, None, None, None, None, None]
    assert sturing.tabellen[0].links[0].startswith("?van=2026-03-01")


def test_trend_per_month_for_all_products_against_their_own_preferred_channel(sturing):
    trend = sturing.tabellen[1].rijen
    assert [r[0] for r in trend] == ["maart 2026", "april 2026"]
    maart, april = trend
    assert maart[1:5] == [2, 2, 0, 2]  # online, phone, counter, e-mail and other
    assert maart[9] == 33.3  # paspoort only has a preferred channel: 1 of its 3 online
    assert april[9] == 100.0 and april[10] == 100.0


def test_trend_for_one_product(world, sturing, product):  # noqa: F811
    f = Filters(van=PERIODE.van, tot=PERIODE.tot, per="maand", product=product)
    trend = kanaalsturing_get(filters=f).tabellen[1].rijen
    assert [r[1:5] for r in trend] == [[1, 2, 0, 0], [1, 0, 0, 0]]


def test_page_renders_the_table_and_chart(sturing, client, make_user, product):
    client.force_login(make_user("teamleider"))
    response = client.get("/inzicht/kanaalsturing/?van=2026-03-01&tot=2026-04-30&per=maand")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="tabel-kanaalsturing"' in html and 'id="grafiek-kanaalsturing"' in html
    assert "Paspoort" in html and "66,7" in html
    csv = client.get(
        "/inzicht/export/kanaalsturing/kanaalsturing.csv?van=2026-03-01&tot=2026-04-30&per=maand"
    )
    assert csv.status_code == 200 and "Paspoort" in csv.content.decode("utf-8")
    assert client.get("/inzicht/kanaalsturing/?van=gisteren").status_code == 400


def test_kanaalsturing_refused_without_view_insights(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/inzicht/kanaalsturing/").status_code == 403


def test_a_formulas_own_target_replaces_the_norm(sturing, product):
    """Dienstverleningsformule.doel_procent: the Flits formula's own target for the share
    handled with no human, on this page and on /inzicht/digitaal/."""
    from loket.insights.selectors.digitaal import formule_doel_get

    product.dienstverleningsformule.doel_procent = 40
    product.dienstverleningsformule.save()

    rij = {r[0]: r for r in kanaalsturing_get(filters=PERIODE).tabellen[0].rijen}["Paspoort"]
    assert rij[-3:] == [50.0, 40.0, "ja"]
    digitaal = formule_doel_get(filters=PERIODE).tabellen[0].rijen
    assert [r[0] for r in digitaal] == ["Paspoort"] and digitaal[0][4:] == [50.0, 40.0, "ja"]
