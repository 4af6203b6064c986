"""The benchmark between municipalities: the export against the dashboard and the fixture, no
personal data in it, the import's validation (nothing stored on an error), and the page."""

import datetime as dt
import json

import pytest

from loket.contacts.constants import Afhandeling
from loket.insights.benchmark import benchmark_import
from loket.insights.models import BenchmarkMaand
from loket.insights.selectors import Filters, dashboard_get
from loket.insights.selectors.benchmark import KPIS, benchmark_export_get
from loket.insights.services import samenvattingen_update
from loket.insights.tests.conftest import at
from loket.insights.tests.test_kpis import D, contact, vraag, world  # noqa: F401
from loket.parties.models import DigitaalAdres, Partij, Persoon

MAART = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def export(world, settings):  # noqa: F811
    settings.LOKET_INWONERS = 2000
    samenvattingen_update()
    return benchmark_export_get(van=dt.date(2026, 2, 1), tot=dt.date(2026, 3, 31))


def test_export_equals_the_dashboard_for_each_month(export):
    maart = next(m for m in export["maanden"] if m["maand"] == "2026-03")
    kpis = {
        k.code: k
        for k in dashboard_get(
            filters=Filters(van=MAART[0], tot=MAART[1], per="maand"), today=dt.date(2026, 11, 1)
        ).kpis
    }
    for code, _naam, _hoger in KPIS:
        assert maart["kpis"][code] == {
            "waarde": kpis[code].waarde,
            "teller": kpis[code].teller,
            "noemer": kpis[code].noemer,
        }, code


def test_export_against_the_hand_computed_fixture(export):
    assert export["formaat"] == "loket-benchmark" and export["versie"] == 1
    assert export["gemeente"] == {"naam": "Zeventerpen", "inwoners": 2000}
    assert [m["maand"] for m in export["maanden"]] == ["2026-02", "2026-03"]
    februari, maart = export["maanden"]
    assert februari["vragen"] == 0 and februari["kpis"]["fcr"]["waarde"] is None
    k = maart["kpis"]
    assert (k["fcr"]["teller"], k["fcr"]["noemer"], k["fcr"]["waarde"]) == (3, 6, 50.0)
    assert (k["zelfservice"]["teller"], k["zelfservice"]["noemer"]) == (1, 6)
    # Calls: 1 of 3 within 30 s (the one hung up after 3 s does not count).
    assert (k["serviceniveau"]["teller"], k["serviceniveau"]["noemer"]) == (1, 3)
    assert (k["csat"]["teller"], k["csat"]["noemer"], k["csat"]["waarde"]) == (2, 4, 50.0)
    assert maart["contacten_per_kanaal"]["call"] == 2
    assert maart["contacten_per_kanaal"]["click"] == 1
    assert maart["vragen"] == 6
    assert maart["vragen_per_1000"] == 3.0  # 6 questions, 2,000 inhabitants
    assert maart["contactredenen_per_1000"] == {"Paspoort aanvragen": 3.0}


@pytest.mark.django_db
def test_export_holds_no_personal_data(world, client, make_user, kanalen, reden, product):  # noqa: F811
    partij = Partij.objects.create(soort="persoon", weergavenaam="Annelies Verhoeven-Bakker")
    Persoon.objects.create(
        partij=partij, bsn="999993653", voornamen="Annelies", geslachtsnaam="Verhoeven-Bakker"
    )
    DigitaalAdres.objects.create(partij=partij, soort="email", adres="annelies@voorbeeld.example")
    kc = contact(kanalen["telefoon"], at(D, 14), partij)
    v = vraag(kc, reden, product, Afhandeling.BEANTWOORD)
    v.vraagtekst = "Ik woon op de Kerkstraat 12, 7411 AB; mijn BSN is 999993653."
    v.save()
    client.force_login(make_user("teamleider"))
    texts = [
        client.get(f"/inzicht/benchmark/export.{f}?van=2026-01-01&tot=2026-04-30").content.decode(
            "utf-8"
        )
        for f in ("json", "csv")
    ]
    assert '"Zeventerpen"' in texts[0] and "Zeventerpen" in texts[1]
    for text in texts:
        for needle in (
            "999993653",
            "Annelies",
            "Verhoeven",
            "Kerkstraat",
            "7411",
            "annelies@",
            "P1",
            "KC-T-",
        ):
            assert needle.lower() not in text.lower(), needle


def _file(**changes):
    data = {
        "formaat": "loket-benchmark",
        "versie": 1,
        "gemeente": {"naam": "Buurdorp", "inwoners": 30000},
        "maanden": [
            {
                "maand": "2026-03",
                "kpis": {
                    code: {"waarde": 80.0, "teller": 80, "noemer": 100} for code, _n, _h in KPIS
                },
                "contacten_per_kanaal": {"click": 100, "call": 50, "face": 20},
                "vragen_per_1000": 6.5,
                "contactredenen_per_1000": {"Paspoort aanvragen": 1.2},
            }
        ],
    }
    data.update(changes)
    return json.dumps(data)


@pytest.mark.django_db
def test_import_stores_every_month():
    rows = benchmark_import(data=_file(), bron="buurdorp.json")
    assert [(r.gemeente, r.maand, r.inwoners) for r in rows] == [("Buurdorp", "2026-03", 30000)]
    assert BenchmarkMaand.objects.get().cijfers["kpis"]["fcr"]["waarde"] == 80.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("gemeente;maand\nBuurdorp;2026-03", "is geen JSON"),
        (_file(formaat="iets-anders"), "formaat:"),
        (_file(versie=2), "versie:"),
        (_file(gemeente={"naam": "Buurdorp"}), "gemeente.inwoners:"),
        (_file(maanden=[]), "maanden:"),
        (_file(gemeente={"naam": "Zeventerpen", "inwoners": 600}), "eigen gemeente"),
        (
            _file(
                maanden=[
                    {"maand": "2026-04", "kpis": {}, "contacten_per_kanaal": {}},
                ]
            ),
            "maanden[0].kpis.zelfservice.waarde: ontbreekt",
        ),
        (
            _file(maanden=[{"maand": "maart", "kpis": {}, "contacten_per_kanaal": {}}]),
            "maanden[0].maand:",
        ),
    ],
)
def test_import_refuses_a_wrong_format_and_stores_nothing(data, fragment):
    from loket.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        benchmark_import(data=data)
    assert fragment in exc.value.as_dict()["bestand"][0]
    assert not BenchmarkMaand.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_month_already_imported_and_stores_nothing():
    from loket.core.errors import DomainError

    benchmark_import(data=_file())
    tweede = json.loads(_file())
    april = dict(tweede["maanden"][0], maand="2026-04")
    tweede["maanden"].insert(0, april)
    with pytest.raises(DomainError) as exc:
        benchmark_import(data=json.dumps(tweede))
    assert "Buurdorp is voor 2026-03 al ingelezen" in exc.value.as_dict()["bestand"][0]
    assert list(BenchmarkMaand.objects.values_list("maand", flat=True)) == ["2026-03"]


@pytest.mark.django_db
def test_page_imports_and_shows_the_neighbour_with_the_best_marked(world, client, make_user):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    samenvattingen_update()
    client.force_login(make_user("teamleider"))
    url = "/inzicht/benchmark/?van=2026-03-01&tot=2026-03-31"
    response = client.post(
        url, {"bestand": SimpleUploadedFile("b.json", _file().encode(), "application/json")}
    )
    assert response.status_code == 200
    assert "Ingelezen: 1 maanden van Buurdorp" in response.content.decode()
    html = client.get(url).content.decode()
    assert 'id="tabel-benchmark-fcr"' in html and 'id="grafiek-benchmark-fcr"' in html
    fcr = html.split('id="tabel-benchmark-fcr"')[1].split("</table>")[0]
    # Zeventerpen 50% against Buurdorp 80%: Buurdorp is best in March.
    assert "maart 2026" in fcr and "50,0%" in fcr and "80,0%" in fcr
    assert fcr.split("maart 2026")[1].split("</tr>")[0].rstrip().endswith("Buurdorp</td>")
    # A second import of the same month: a Dutch error at the field, nothing stored.
    response = client.post(
        url, {"bestand": SimpleUploadedFile("b.json", _file().encode(), "application/json")}
    )
    assert response.status_code == 400
    assert "al ingelezen; er is niets opgeslagen" in response.content.decode()
    assert BenchmarkMaand.objects.count() == 1
    # Without a file: a Dutch message, no HTML required attribute.
    response = client.post(url, {})
    assert response.status_code == 400 and "Kies het JSON-bestand" in response.content.decode()
    assert " required" not in response.content.decode().split('name="bestand"')[1][:200]


def test_benchmark_refused_without_view_insights(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/inzicht/benchmark/").status_code == 403
    assert client.get("/inzicht/benchmark/export.json").status_code == 403


@pytest.mark.django_db
def test_demo_neighbours_are_valid_exports_moved_onto_the_last_twelve_months():
    from loket.insights.demo import _benchmark_neighbours

    assert _benchmark_neighbours(dt.date(2026, 12, 4)) == 24
    maanden = sorted(
        set(BenchmarkMaand.objects.filter(gemeente="Lindewaard").values_list("maand", flat=True))
    )
    assert maanden[0] == "2025-12" and maanden[-1] == "2026-11" and len(maanden) == 12
    assert set(BenchmarkMaand.objects.values_list("gemeente", flat=True)) == {
        "Lindewaard",
        "Dommelhoven",
    }
