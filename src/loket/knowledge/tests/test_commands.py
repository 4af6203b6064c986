import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.django_db
def test_search_eval_prints_the_figures_and_a_json_last_line(tmp_path, product, capsys):
    product("paspoort")
    product("afvalcontainer")
    questions = tmp_path / "q.tsv"
    questions.write_text(
        "mijn paspoort is verlopen\tpaspoort|reisdocument\ncontainer kapot\tafvalcontainer\n"
    )
    call_command("search_eval", str(questions), "--json")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = json.loads(last)
    assert figures["n"] == 2
    assert figures["p_at_1"] == 1.0
    assert figures["mrr_at_5"] == 1.0
    assert set(figures["latency_ms"]) == {"p50", "p95"}


@pytest.mark.django_db
def test_search_eval_refuses_a_malformed_line_with_its_number(tmp_path):
    questions = tmp_path / "q.tsv"
    questions.write_text("goede vraag\tpaspoort\nzonder tab\n")
    with pytest.raises(CommandError, match="Regel 2"):
        call_command("search_eval", str(questions))


@pytest.mark.django_db
def test_search_eval_reports_each_kind_of_question(tmp_path, product, capsys):
    product("paspoort")
    product("afvalcontainer")
    questions = tmp_path / "q.tsv"
    questions.write_text(
        "# soort in de derde kolom\n"
        "mijn paspoort is verlopen\tpaspoort\tsms\n"
        "container kapot\tafvalcontainer\tsms\n"
        "container kapot\tpaspoort\tnood\n"
    )
    call_command("search_eval", str(questions), "--json", "--missers")
    out = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(out[-1])
    assert (figures["n"], figures["p_at_1"]) == (3, 0.667)
    assert figures["per_soort"]["sms"]["p_at_1"] == 1.0
    assert figures["per_soort"]["sms"]["n"] == 2
    assert figures["per_soort"]["nood"]["p_at_1"] == 0.0
    assert "nood:" in out
    assert "  mis: container kapot -> afvalcontainer (rang None)" in out


def test_bundled_blind_sets_name_existing_upl_products_and_a_kind():
    import csv

    from loket.catalogue.services import UPL_DEFAULT_PATH
    from loket.knowledge.evaluation import blind_files, lines_parse

    with UPL_DEFAULT_PATH.open(encoding="utf-8") as handle:
        names = {row["UniformeProductnaam"].lower() for row in csv.DictReader(handle)}
    lines = [
        line for path in blind_files() for line in lines_parse(path.read_text(encoding="utf-8"))
    ]
    assert len(lines) >= 150
    assert {line.kind for line in lines} >= {"lang", "sms", "eenvoudig", "alledaags", "nood"}
    unknown = {name for line in lines for name in line.answers} - names
    assert unknown == set()
