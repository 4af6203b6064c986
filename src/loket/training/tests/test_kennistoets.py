"""The kennistoets: generated from the knowledge base and the principles, checked automatically."""

import pytest

from loket.core.errors import DomainError
from loket.knowledge.models import ArtikelVersie, Kennisartikel
from loket.training.constants import (
    PRINCIPES_ONDERWERP,
    TOETS_KORT,
    TOETS_MEERKEUZE,
    TOETS_PRINCIPES,
    ToetsVraagSoort,
)
from loket.training.kennistoets import cloze, is_goed
from loket.training.services import toets_answer, toets_start

# The reference data is loaded once for this module (conftest); its tests share one xdist worker.
pytestmark = pytest.mark.xdist_group("training-test_kennistoets")


def test_numbers_are_checked_by_value_and_words_normalised():
    juist = {"getal": "84.50"}
    for antwoord in ("84,50", "€ 84,50", "84.5", " 84.50 euro"):
        assert is_goed(soort="kort", juist=juist, antwoord=antwoord), antwoord
    for antwoord in ("84", "64,60", "", "weet ik niet"):
        assert not is_goed(soort="kort", juist=juist, antwoord=antwoord), antwoord
    assert is_goed(soort="kort", juist={"woorden": ["vlot"]}, antwoord="Vlot.")
    assert not is_goed(soort="kort", juist={"woorden": ["vlot"]}, antwoord="flits")
    assert is_goed(soort="meerkeuze", juist={"optie": 2}, antwoord="2")
    assert not is_goed(soort="meerkeuze", juist={"optie": 2}, antwoord="1")


def test_a_cloze_leaves_out_the_cost_of_the_article(trainingsdata):
    versie = Kennisartikel.objects.get(slug="paspoort-verlopen").gepubliceerde_versie
    zin, waarde, eenheid = cloze(versie)
    assert (waarde, eenheid) == ("84.50", "euro")
    assert "€ …" in zin and "84,50" not in zin


def test_a_test_is_generated_from_the_knowledge_base_and_the_principles(trainingsdata, trainee):
    toets = toets_start(medewerker=trainee, seed=3)
    vragen = list(toets.vragen.order_by("volgnummer"))
    assert len(vragen) == toets.aantal_vragen == TOETS_MEERKEUZE + TOETS_KORT + TOETS_PRINCIPES
    kennis = [v for v in vragen if v.onderwerp != PRINCIPES_ONDERWERP]
    for vraag in kennis:
        assert vraag.versie is not None and vraag.artikel_id == vraag.versie.artikel_id
    meerkeuze = [v for v in kennis if v.soort == ToetsVraagSoort.MEERKEUZE]
    assert len(meerkeuze) == TOETS_MEERKEUZE
    for vraag in meerkeuze:
        # The right option is the article's own short answer; the others come from other articles.
        assert vraag.opties[vraag.juist["optie"]] == vraag.versie.samenvatting
        assert len(set(vraag.opties)) == 4
        others = ArtikelVersie.objects.filter(samenvatting__in=vraag.opties).exclude(
            artikel=vraag.versie.artikel
        )
        assert others.count() >= 3
    assert len({v.onderwerp for v in meerkeuze}) > 1  # spread over categories
    assert sum(v.soort == ToetsVraagSoort.KORT for v in kennis) == TOETS_KORT
    themas = {v.juist["thema"] for v in vragen if v.onderwerp == PRINCIPES_ONDERWERP}
    assert len(themas) == TOETS_PRINCIPES  # one question per principle


def _answers(toets, *, right: bool) -> dict[int, str]:
    answers = {}
    for vraag in toets.vragen.all():
        if vraag.soort == ToetsVraagSoort.MEERKEUZE:
            index = vraag.juist["optie"]
            answers[vraag.volgnummer] = str(index if right else (index + 1) % len(vraag.opties))
        elif "getal" in vraag.juist:
            answers[vraag.volgnummer] = (
                str(vraag.juist["getal"]).replace(".", ",") if right else "0"
            )
        else:
            answers[vraag.volgnummer] = vraag.juist["woorden"][0] if right else "geen idee"
    return answers


def test_answers_are_checked_and_the_result_recorded_once(trainingsdata, trainee):
    toets = toets_start(medewerker=trainee, seed=1)
    answers = _answers(toets, right=True)
    first = next(iter(answers))
    answers[first] = _answers(toets, right=False)[first]
    toets = toets_answer(toets=toets, medewerker=trainee, antwoorden=answers)
    assert toets.aantal_goed == toets.aantal_vragen - 1
    assert toets.vragen.get(volgnummer=first).is_goed is False
    with pytest.raises(DomainError, match="al ingeleverd"):
        toets_answer(toets=toets, medewerker=trainee, antwoorden=answers)


def test_every_question_must_be_answered(trainingsdata, trainee):
    toets = toets_start(medewerker=trainee, seed=2)
    answers = _answers(toets, right=True)
    answers[3] = " "
    with pytest.raises(DomainError) as exc:
        toets_answer(toets=toets, medewerker=trainee, antwoorden=answers)
    assert exc.value.field == "vraag_3"
    toets.refresh_from_db()
    assert toets.afgerond_op is None and not toets.vragen.exclude(antwoord="").exists()


def test_the_generator_is_deterministic_for_a_seed(trainingsdata, trainee, make_user):
    a = toets_start(medewerker=trainee, seed=5)
    b = toets_start(medewerker=make_user("kcc-medewerker"), seed=5)
    assert a.pk != b.pk
    vragen = [list(t.vragen.order_by("volgnummer").values_list("vraag", flat=True)) for t in (a, b)]
    assert vragen[0] == vragen[1]


def test_a_retried_start_returns_the_open_test(trainingsdata, trainee):
    first = toets_start(medewerker=trainee, seed=1)
    assert toets_start(medewerker=trainee, seed=2) == first
    from loket.training.models import Kennistoets

    assert Kennistoets.objects.count() == 1
