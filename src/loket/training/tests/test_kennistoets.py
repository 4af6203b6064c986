"""The kennistoets: generated from the knowledge base and the principles, checked automatically."""

import random

import pytest

from loket.core.errors import DomainError
from loket.knowledge.models import Kennisartikel
from loket.knowledge.search.analyzer import analyse
from loket.training.constants import (
    PRINCIPES_ONDERWERP,
    TOETS_KORT,
    TOETS_MEERKEUZE,
    TOETS_PRINCIPES,
    ToetsVraagSoort,
)
from loket.training.feiten import feiten
from loket.training.kennistoets import (
    AFLEIDER_BUUR,
    AFLEIDER_FEIT,
    _info,
    cloze,
    is_goed,
    meerkeuze_vraag,
)
from loket.training.models import ToetsVraag
from loket.training.services import toets_answer, toets_start
from loket.training.services.toets import _gepubliceerde_versies

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
        assert len(set(vraag.opties)) == 4
        _assert_same_kind_and_domain(vraag)
    assert len({v.onderwerp for v in meerkeuze}) > 1  # spread over categories
    assert sum(v.soort == ToetsVraagSoort.KORT for v in kennis) == TOETS_KORT
    themas = {v.juist["thema"] for v in vragen if v.onderwerp == PRINCIPES_ONDERWERP}
    assert len(themas) == TOETS_PRINCIPES  # one question per principle


def _assert_same_kind_and_domain(vraag):
    """Distractors of the same kind and domain: the same short answer with another cost or
    term of the same unit, or the short answers of articles of the same category."""
    artikel = vraag.versie.artikel
    juist = vraag.opties[vraag.juist["optie"]]
    fout = [o for i, o in enumerate(vraag.opties) if i != vraag.juist["optie"]]
    if vraag.juist["afleiders"] == AFLEIDER_BUUR:
        assert juist == vraag.versie.samenvatting
        bronnen = list(Kennisartikel.objects.filter(slug__in=vraag.juist["bronnen"]))
        assert len(bronnen) == 3 and artikel not in bronnen
        assert {a.categorie for a in bronnen} == {artikel.categorie}
        assert set(fout) == {a.gepubliceerde_versie.samenvatting for a in bronnen}
    else:
        assert vraag.juist["afleiders"] == AFLEIDER_FEIT
        het_feit = next(f for f in feiten(juist) if f.label == vraag.juist["feit"])
        for optie in fout:
            anders = [f for f in feiten(optie) if f not in feiten(juist)]
            assert len(anders) == 1, optie  # only the one fact differs
            assert (anders[0].soort, anders[0].eenheid) == (het_feit.soort, het_feit.eenheid)
            assert anders[0].waarde != het_feit.waarde
            assert optie.replace(anders[0].label, "") == juist.replace(het_feit.label, "")
        for bron in vraag.juist["bronnen"]:
            if bron != "variant":
                assert Kennisartikel.objects.get(slug=bron).categorie == artikel.categorie


def _vraag_for(slug, seed=1):
    versie = Kennisartikel.objects.get(slug=slug).gepubliceerde_versie
    versies = [
        v for v in _gepubliceerde_versies() if v.artikel.categorie == versie.artikel.categorie
    ]
    infos = {v.pk: _info(v) for v in versies}
    domein = [i for pk, i in infos.items() if pk != versie.pk]
    return meerkeuze_vraag(infos[versie.pk], domein, random.Random(seed))


def test_a_term_question_offers_other_terms_of_the_same_unit(trainingsdata):
    # "... u haalt het na ongeveer 5 werkdagen op."
    vraag = _vraag_for("paspoort-aanvragen")
    assert vraag.juist["afleiders"] == AFLEIDER_FEIT
    assert vraag.juist["feit"] == "5 werkdagen"
    assert all(w.endswith(" werkdagen") and w != "5 werkdagen" for w in vraag.juist["waarden"])
    _assert_same_kind_and_domain(
        ToetsVraag(opties=vraag.opties, juist=vraag.juist, versie=vraag.versie)
    )


def test_a_question_without_a_fact_offers_the_neighbouring_products_of_its_domain(trainingsdata):
    vraag = _vraag_for("paspoort-verlopen")
    assert vraag.juist["afleiders"] == AFLEIDER_BUUR
    _assert_same_kind_and_domain(
        ToetsVraag(opties=vraag.opties, juist=vraag.juist, versie=vraag.versie)
    )
    # The closest neighbours: other travel documents (a shared word), not an unrelated article.
    eigen = set(analyse(vraag.versie.vraag + " " + vraag.versie.samenvatting))
    for slug in vraag.juist["bronnen"]:
        ander = Kennisartikel.objects.get(slug=slug).gepubliceerde_versie
        assert eigen & set(analyse(ander.vraag + " " + ander.samenvatting)), slug


def test_an_item_keeps_its_options_from_test_to_test(trainingsdata):
    a, b = _vraag_for("paspoort-aanvragen", seed=1), _vraag_for("paspoort-aanvragen", seed=9)
    assert sorted(a.opties) == sorted(b.opties)


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
