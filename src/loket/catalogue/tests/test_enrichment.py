"""Service formulas, product enrichment and life events (`loket catalogus_verrijken`)."""

import json

import pytest
from django.core.management import call_command

from loket.catalogue.models import (
    Dienstverleningsformule,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Product,
)
from loket.catalogue.services import (
    ENRICHMENT_PATH,
    UPL_DEFAULT_PATH,
    catalogus_enrich,
    formule_check,
    product_kanalen_check,
    upl_import,
)
from loket.core.errors import DomainError

LIFE_EVENTS = {
    "verhuizen",
    "geboorte",
    "overlijden",
    "trouwen",
    "18-worden",
    "met-pensioen",
    "eigen-bedrijf",
}


@pytest.fixture
def upl(db):
    upl_import(rows_or_path=UPL_DEFAULT_PATH)


@pytest.mark.django_db
def test_the_bundled_file_gives_every_product_a_formula(upl):
    result = catalogus_enrich()

    assert set(Dienstverleningsformule.objects.values_list("code", flat=True)) == {
        "flits",
        "direct",
        "vlot",
        "maatwerk",
    }
    assert not Product.objects.filter(dienstverleningsformule__isnull=True).exists()
    assert result.producten_verrijkt >= 40
    enriched = Product.objects.exclude(titel="")
    assert enriched.count() >= 40
    assert not enriched.filter(kosten="").exists()
    assert not enriched.filter(voorkeurskanaal="").exists()
    assert not enriched.filter(complexiteit="").exists()
    # Not enriched: municipal products are Vlot, other bodies' products Direct.
    assert Product.objects.get(upl_naam="kentekenbewijs").dienstverleningsformule.code == "direct"
    assert Product.objects.get(upl_naam="leges").dienstverleningsformule.code == "vlot"
    assert result.standaardformule["direct"] > 0 and result.standaardformule["vlot"] > 0


@pytest.mark.django_db
def test_the_flits_products_are_online_first_and_always_open(upl):
    catalogus_enrich()

    flits = Product.objects.filter(dienstverleningsformule__code="flits")
    assert set(flits.values_list("upl_naam", flat=True)) == {
        "verhuismelding",
        "afvalpas",
        "brp-uittreksel",
    }
    for product in flits:
        assert product.kanaal_click and product.voorkeurskanaal == "click"
        assert product.dienstverleningsformule.altijd_beschikbaar
        assert product.dienstverleningsformule.zonder_medewerker
    formule = Dienstverleningsformule.objects.get(code="flits")
    assert formule.max_afhandeltijd_minuten == 1
    assert "24 uur per dag, 7 dagen per week" in formule.garanties
    maatwerk = Dienstverleningsformule.objects.get(code="maatwerk")
    assert maatwerk.eerste_reactie_werkdagen == 2
    assert "Persoonlijk contact binnen 2 werkdagen" in maatwerk.garanties


@pytest.mark.django_db
def test_life_events_list_their_products_in_order(upl):
    catalogus_enrich()

    assert set(Levensgebeurtenis.objects.values_list("slug", flat=True)) >= LIFE_EVENTS
    verhuizen = [
        link.product.upl_naam
        for link in LevensgebeurtenisProduct.objects.filter(
            levensgebeurtenis__slug="verhuizen"
        ).order_by("volgorde")
    ]
    assert verhuizen[:3] == ["verhuismelding", "parkeervergunning", "afvalpas"]
    assert "hondenbelasting" in verhuizen


@pytest.mark.django_db
def test_a_second_run_keeps_what_a_redacteur_changed_unless_overwriting(upl):
    catalogus_enrich()
    Product.objects.filter(upl_naam="paspoort").update(titel="Paspoort (eigen tekst)")

    again = catalogus_enrich()

    assert again.producten_verrijkt == 0 and again.koppelingen == 0
    assert Product.objects.get(upl_naam="paspoort").titel == "Paspoort (eigen tekst)"
    catalogus_enrich(overschrijven=True)
    assert Product.objects.get(upl_naam="paspoort").titel == "Paspoort aanvragen"


@pytest.mark.django_db
def test_a_broken_file_is_refused_as_a_whole(upl, tmp_path):
    data = json.loads(ENRICHMENT_PATH.read_text(encoding="utf-8"))
    data["producten"][0]["voorkeurskanaal"] = "face"
    data["producten"][0]["kanalen"] = ["click", "call"]
    data["producten"].append({"upl": "bestaat niet", "formule": "vlot", "kanalen": ["call"]})
    path = tmp_path / "producten.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(DomainError) as caught:
        catalogus_enrich(path=path)

    message = caught.value.message
    assert "product 1 ('verhuismelding'): Het voorkeurskanaal (aan de balie)" in message
    assert "('bestaat niet'): onbekend product" in message
    assert not Dienstverleningsformule.objects.exists()
    assert not Product.objects.exclude(titel="").exists()


def test_a_fully_automatic_formula_needs_the_online_channel():
    flits = Dienstverleningsformule(code="flits", naam="Flits", zonder_medewerker=True)
    with pytest.raises(DomainError) as caught:
        product_kanalen_check(
            kanaal_click=False,
            kanaal_call=True,
            kanaal_face=False,
            voorkeurskanaal="call",
            formule=flits,
        )
    assert caught.value.field == "kanaal_click"
    with pytest.raises(DomainError) as caught:
        product_kanalen_check(
            kanaal_click=True,
            kanaal_call=True,
            kanaal_face=False,
            voorkeurskanaal="call",
            formule=flits,
        )
    assert caught.value.field == "voorkeurskanaal"
    with pytest.raises(DomainError, match="minstens één kanaal"):
        product_kanalen_check(
            kanaal_click=False,
            kanaal_call=False,
            kanaal_face=False,
            voorkeurskanaal="",
            formule=None,
        )


def test_formula_guarantees_must_be_measurable():
    with pytest.raises(DomainError) as caught:
        formule_check(values={"naam": "Snel", "belofte": "Snel klaar", "zonder_medewerker": True})
    assert caught.value.field == "max_afhandeltijd_minuten"
    with pytest.raises(DomainError) as caught:
        formule_check(
            values={
                "naam": "Snel",
                "belofte": "x",
                "max_afhandeltijd_minuten": 5,
                "max_afhandeltijd_werkdagen": 2,
            }
        )
    assert caught.value.field == "max_afhandeltijd_werkdagen"
    formule_check(values={"naam": "Vlot", "belofte": "Binnen de norm."})
    with pytest.raises(DomainError) as caught:
        formule_check(values={"naam": "Vlot", "belofte": "x", "doel_procent": 120})
    assert caught.value.field == "doel_procent" and "100 procent" in str(caught.value)
    formule_check(values={"naam": "Vlot", "belofte": "x", "doel_procent": 90})


@pytest.mark.django_db
def test_the_bundled_formulas_carry_their_target(upl):
    catalogus_enrich()
    doelen = dict(Dienstverleningsformule.objects.values_list("code", "doel_procent"))
    assert doelen["flits"] == 90 and all(1 <= d <= 100 for d in doelen.values() if d)


@pytest.mark.django_db
def test_the_command_reports_and_refuses_in_dutch(upl, tmp_path, capsys):
    call_command("catalogus_verrijken")
    out = capsys.readouterr().out
    assert "Formules: 4 nieuw" in out and "Levensgebeurtenissen: 8 nieuw" in out

    broken = tmp_path / "kapot.json"
    broken.write_text("{", encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="niet verrijkt; er is niets gewijzigd"):
        call_command("catalogus_verrijken", bestand=str(broken))


@pytest.mark.django_db
def test_every_product_has_a_page_address(upl):
    paspoort = Product.objects.get(upl_naam="paspoort")
    assert paspoort.slug == "paspoort"
    assert paspoort.get_absolute_url() == "/producten/paspoort/"
    melding = Product.objects.get(upl_naam="melding openbare ruimte (algemeen)")
    assert melding.slug == "melding-openbare-ruimte-algemeen"
    assert not Product.objects.filter(slug__isnull=True).exists()
    nieuw = Product.objects.create(upl_naam="nieuw product", upl_uri="http://example.org/nieuw")
    assert nieuw.slug == "nieuw-product"
