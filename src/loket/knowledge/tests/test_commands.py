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
