import csv

import pytest
from django.core.management import CommandError, call_command

from loket.catalogue.models import Product
from loket.catalogue.services import UPL_DEFAULT_PATH, UPL_PLACEHOLDER
from loket.catalogue.tests.conftest import ROWS, write_csv


def test_the_bundled_upl_has_512_municipal_names_including_the_placeholder():
    with UPL_DEFAULT_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gemeentelijk = {row["UniformeProductnaam"] for row in rows if row["Gemeente"] == "X"}
    assert len(gemeentelijk) == 512
    assert UPL_PLACEHOLDER in gemeentelijk


@pytest.mark.django_db
def test_import_upl_reads_the_bundled_file_once(capsys):
    call_command("import_upl")
    out = capsys.readouterr().out
    # 512 municipal names in the file, one of them the placeholder that is skipped.
    assert Product.objects.filter(is_gemeente=True).count() == 511
    assert Product.objects.count() == 1213
    assert "1213 producten (1213 nieuw, 0 gewijzigd, 0 ongewijzigd)" in out
    assert "511 gemeentelijke producten" in out
    paspoort = Product.objects.get(upl_naam="paspoort")
    assert paspoort.is_gemeente and paspoort.doelgroep_burger and paspoort.is_aanvraag
    assert all(g["uri"].startswith("http") for g in paspoort.grondslagen)
    assert len(paspoort.grondslagen) >= 1

    call_command("import_upl")
    out = capsys.readouterr().out
    assert "(0 nieuw, 0 gewijzigd, 1213 ongewijzigd)" in out
    assert Product.objects.count() == 1213


@pytest.mark.django_db
def test_a_malformed_file_is_refused_with_its_line_number_and_nothing_is_written(tmp_path):
    rows = [*ROWS, "hondenbelasting,niet-een-url,,,,X,X,,,,,,,,,,,,"]
    path = write_csv(tmp_path, rows)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_upl", str(path))
    assert "Regel 7: de kolom URI bevat geen geldige URL." in str(excinfo.value)
    assert "er is niets gewijzigd" in str(excinfo.value)
    assert Product.objects.count() == 0


def test_the_console_script_maps_import_upl_with_dashes(monkeypatch):
    from django.core import management

    import loket.__main__

    calls = []
    monkeypatch.setattr("sys.argv", ["loket", "import-upl", "upl.csv"])
    monkeypatch.setattr(management, "execute_from_command_line", calls.append)
    loket.__main__.main()
    assert calls == [["loket", "import_upl", "upl.csv"]]
    # and the command it maps to exists
    assert "import_upl" in management.get_commands()
