"""The benchmark and channel-shift pages (issue 21) in a real browser: Plotly draws the charts,
every chart has its table, the import refuses a wrong file with a Dutch message at the field,
and axe-core finds no serious problems."""

import datetime as dt

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _contacts(product):
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Klantcontact, Vraag
    from loket.contacts.services import contactreden_create
    from loket.core.models import Kanaal
    from loket.insights.services import samenvattingen_recompute

    reden = contactreden_create(naam="Paspoort aanvragen")
    telefoon, _ = Kanaal.objects.get_or_create(
        code="telefoon", defaults={"naam": "Telefoon", "soort": "call"}
    )
    website, _ = Kanaal.objects.get_or_create(
        code="website", defaults={"naam": "Website", "soort": "click"}
    )
    vorige_maand = dt.date.today().replace(day=1) - dt.timedelta(days=10)
    for i, (kanaal, afhandeling) in enumerate(
        [
            (website, Afhandeling.ZELFSTANDIG),
            (telefoon, Afhandeling.BEANTWOORD),
            (website, Afhandeling.ZELFSTANDIG),
        ]
    ):
        kc = Klantcontact.objects.create(
            referentienummer=f"KC-BM-{i}",
            kanaal=kanaal,
            plaatsgevonden_op=dt.datetime.combine(vorige_maand, dt.time(10 + i), tzinfo=dt.UTC),
        )
        Vraag.objects.create(
            klantcontact=kc,
            vraagtekst="?",
            contactreden=reden,
            product=product,
            afhandeling=afhandeling,
        )
    samenvattingen_recompute()


def test_benchmark_beside_the_neighbours_and_a_refused_import(
    page, live_server, make_user, login, tmp_path
):
    from loket.catalogue.tests.factories import ProductFactory
    from loket.insights.demo import _benchmark_neighbours

    _contacts(ProductFactory(upl_naam="paspoort", titel="Paspoort"))
    _benchmark_neighbours(dt.date.today())
    make_user("teamleider", username="tl", password="geheim-123")
    login("tl", "geheim-123")
    page.goto(f"{live_server.url}/inzicht/benchmark/")
    page.wait_for_selector("#grafiek-benchmark-zelfservice .main-svg", timeout=15000)
    tabel = page.inner_text("#tabel-benchmark-zelfservice")
    assert "Lindewaard" in tabel and "Dommelhoven" in tabel and "Zeventerpen" in tabel
    assert "Lindewaard" in page.inner_text("#grafiek-benchmark-zelfservice")
    assert page.locator(".insights-grafiek").count() == 8
    assert_no_blocking_axe_violations(page, "benchmark")

    wrong = tmp_path / "export.csv"
    wrong.write_text("gemeente;maand\nBuurdorp;2026-03\n", encoding="utf-8")
    page.set_input_files("#id_bestand", str(wrong))
    page.click("button:has-text('Inlezen')")
    page.wait_for_selector("#bestand-fout")
    assert "is geen JSON" in page.inner_text("#bestand-fout")
    assert page.get_attribute("#id_bestand", "aria-invalid") == "true"
    assert_no_blocking_axe_violations(page, "benchmark-fout")


def test_channel_shift_per_product(page, live_server, make_user, login):
    from loket.catalogue.tests.factories import ProductFactory

    product = ProductFactory(upl_naam="paspoort", titel="Paspoort", voorkeurskanaal="click")
    _contacts(product)
    make_user("teamleider", username="tl", password="geheim-123")
    login("tl", "geheim-123")
    page.goto(f"{live_server.url}/inzicht/kanaalsturing/?per=maand")
    page.wait_for_selector("#grafiek-kanaalsturing .main-svg", timeout=15000)
    rij = page.locator("#tabel-kanaalsturing tbody tr").first.inner_text()
    assert "Paspoort" in rij and "Online (click)" in rij and "66,7%" in rij
    assert page.locator("#tabel-kanaalsturing-trend").is_visible()
    assert_no_blocking_axe_violations(page, "kanaalsturing")
