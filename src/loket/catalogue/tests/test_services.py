import pytest

from loket.catalogue.models import Product
from loket.catalogue.services import ImportResult, upl_import
from loket.catalogue.tests.conftest import HEADER, ROWS, T, write_csv
from loket.core.errors import DomainError


@pytest.mark.django_db
def test_rows_are_grouped_per_product_with_their_legal_bases(upl_file):
    result = upl_import(rows_or_path=upl_file)
    assert result == ImportResult(created=3, updated=0, unchanged=0)
    paspoort = Product.objects.get(upl_naam="paspoort")
    assert paspoort.upl_uri == T + "paspoort"
    assert paspoort.is_gemeente and not paspoort.is_rijk
    assert paspoort.doelgroep_burger and not paspoort.doelgroep_bedrijf
    assert paspoort.is_aanvraag and not paspoort.is_melding
    assert paspoort.sdg_code == "B3"
    assert paspoort.grondslagen == [
        {
            "label": "Artikel 40 Paspoortwet",
            "uri": T + "PW_art_40",
            "link": "https://wetten.overheid.nl/jci1.3:c:BWBR0005212&artikel=40",
        },
        {
            "label": "Artikel 26 Paspoortwet",
            "uri": T + "PW_art_26",
            "link": "https://wetten.overheid.nl/jci1.3:c:BWBR0005212&artikel=26",
        },
    ]
    terras = Product.objects.get(upl_naam="terrasvergunning")
    assert terras.doelgroep_bedrijf and not terras.doelgroep_burger
    assert terras.grondslagen == []
    kenteken = Product.objects.get(upl_naam="kentekenbewijs")
    assert kenteken.is_rijk and not kenteken.is_gemeente


@pytest.mark.django_db
def test_the_placeholder_row_is_skipped(upl_file):
    upl_import(rows_or_path=upl_file)
    assert not Product.objects.filter(upl_naam__icontains="nog niet beschikbaar").exists()


@pytest.mark.django_db
def test_a_second_import_changes_nothing(upl_file):
    upl_import(rows_or_path=upl_file)
    stamps = dict(Product.objects.values_list("upl_naam", "updated_at"))
    assert upl_import(rows_or_path=upl_file) == ImportResult(created=0, updated=0, unchanged=3)
    assert dict(Product.objects.values_list("upl_naam", "updated_at")) == stamps


@pytest.mark.django_db
def test_a_changed_product_is_updated_and_its_enrichment_kept(tmp_path, upl_file):
    upl_import(rows_or_path=upl_file)
    Product.objects.filter(upl_naam="terrasvergunning").update(titel="Terras aanvragen")
    rows = list(ROWS)
    rows[3] = "terrasvergunning," + T + "terrasvergunning,,,,X,X,X,X,,X,,X,,,,,,"
    result = upl_import(rows_or_path=write_csv(tmp_path, rows, name="v2.csv"))
    assert result == ImportResult(created=0, updated=1, unchanged=2)
    terras = Product.objects.get(upl_naam="terrasvergunning")
    assert terras.doelgroep_burger
    assert terras.titel == "Terras aanvragen"


@pytest.mark.django_db
def test_rows_can_be_passed_as_mappings():
    header = HEADER.split(",")
    row = dict.fromkeys(header, "")
    row.update(UniformeProductnaam="hondenbelasting", URI=T + "hondenbelasting", Gemeente="X")
    assert upl_import(rows_or_path=[row]).created == 1
    assert Product.objects.get().is_gemeente


BAD_ROWS = [
    ("de kolom URI bevat geen geldige URL.", "paspoort,geen-url,,,,X,X,,,,,,,,,,,,"),
    ("de kolom UniformeProductnaam is leeg.", "," + T + "x,,,,X,,,,,,,,,,,,,"),
    (
        "de kolom Gemeente bevat 'ja'; verwacht is 'X' of leeg.",
        "hond," + T + "hond,,,,ja,,,,,,,,,,,,,",
    ),
    (
        "de kolom Grondslaglink bevat geen geldige URL.",
        "hond," + T + "hond,,,,X,,,,,,,,,,,,label,wet",
    ),
    (
        "de kolom SDG bevat geen geldige SDG-code ('B3,5').",
        "hond," + T + 'hond,,,,X,,,,"B3,5",,,,,,,,,',
    ),
    ("de regel heeft meer kolommen dan de kopregel.", "hond," + T + "hond,,,,X,,,,,,,,,,,,,,extra"),
    ("de regel heeft minder kolommen dan de kopregel.", "hond," + T + "hond,,,,X"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("reason", "bad"), BAD_ROWS)
def test_a_malformed_row_refuses_the_whole_file(tmp_path, products, reason, bad):
    before = list(Product.objects.order_by("pk").values())
    rows = [*ROWS[:2], bad, *ROWS[2:]]  # the bad row is on line 4 (header is line 1)
    with pytest.raises(DomainError) as excinfo:
        upl_import(rows_or_path=write_csv(tmp_path, rows))
    assert excinfo.value.message == f"Regel 4: {reason}"
    assert excinfo.value.field == "bestand"
    assert list(Product.objects.order_by("pk").values()) == before


@pytest.mark.django_db
def test_all_errors_are_reported_with_their_line_numbers(tmp_path):
    rows = [*ROWS, "a,geen-url,,,,X,,,,,,,,,,,,,", "b," + T + "b,,,,Y,,,,,,,,,,,,,"]
    with pytest.raises(DomainError) as excinfo:
        upl_import(rows_or_path=write_csv(tmp_path, rows))
    assert excinfo.value.errors["bestand"] == [
        "Regel 7: de kolom URI bevat geen geldige URL.",
        "Regel 8: de kolom Gemeente bevat 'Y'; verwacht is 'X' of leeg.",
    ]
    assert Product.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_column_is_refused(tmp_path):
    header = HEADER.replace(",Gemeente", "")
    with pytest.raises(DomainError) as excinfo:
        upl_import(rows_or_path=write_csv(tmp_path, [], header=header))
    assert excinfo.value.message == "Regel 1: de kolom Gemeente ontbreekt in de kopregel."


@pytest.mark.django_db
def test_undecodable_bytes_are_refused_with_their_line(tmp_path):
    rows = [*ROWS[:3], "gemeentelijke b\xe9lasting," + T + "gb,,,,X,,,,,,,,,,,,,"]
    with pytest.raises(DomainError) as excinfo:
        upl_import(rows_or_path=write_csv(tmp_path, rows, encoding="latin-1"))
    assert excinfo.value.message == "Regel 5: het bestand bevat tekens die geen geldige UTF-8 zijn."
    assert Product.objects.count() == 0


@pytest.mark.django_db
def test_rows_of_one_product_that_disagree_are_refused(tmp_path):
    rows = [*ROWS]
    rows[2] = rows[2].replace(",,,,X,X,,,B3,", ",X,,,X,X,,,B3,")  # second paspoort row: also Rijk
    with pytest.raises(DomainError) as excinfo:
        upl_import(rows_or_path=write_csv(tmp_path, rows))
    assert excinfo.value.message == (
        "Regel 4: de kolom Rijk wijkt af van regel 3 voor hetzelfde product 'paspoort'."
    )


@pytest.mark.django_db
def test_one_uri_for_two_products_is_refused(tmp_path):
    rows = [*ROWS, "paspoort zakelijk," + T + "paspoort,,,,X,,,,,,,,,,,,,"]
    with pytest.raises(DomainError) as excinfo:
        upl_import(rows_or_path=write_csv(tmp_path, rows))
    assert "Regel 7: de URI" in excinfo.value.message
    assert "'paspoort' (regel 3)" in excinfo.value.message


@pytest.mark.django_db
def test_a_missing_file_and_an_empty_file_are_refused(tmp_path):
    with pytest.raises(DomainError, match="bestaat niet"):
        upl_import(rows_or_path=tmp_path / "weg.csv")
    (tmp_path / "leeg.csv").write_bytes(b"")
    with pytest.raises(DomainError, match="leeg"):
        upl_import(rows_or_path=tmp_path / "leeg.csv")
    with pytest.raises(DomainError, match="geen producten"):
        upl_import(rows_or_path=write_csv(tmp_path, [ROWS[0]]))
