"""Scoring what matters: no points for what did not happen, follow-up questions count, and an
answer in the trainee's own words is checked against the article (costs and terms by value)."""

import datetime as dt

import pytest
from django.utils import timezone

from loket.contacts.constants import Afhandeling
from loket.core.models import Kanaal
from loket.knowledge.models import Kennisartikel
from loket.training.constants import MAX_PUNTEN, Criterium
from loket.training.scenarios import scenario_get
from loket.training.services import (
    Registratie,
    VraagRegistratie,
    sessie_actie,
    sessie_finish,
    sessie_start,
)

pytestmark = pytest.mark.xdist_group("training-test_scoring")


def versie(slug):
    return Kennisartikel.objects.get(slug=slug).gepubliceerde_versie


def feedback(sessie, criterium) -> str:
    return next(f["tekst"] for f in sessie.feedback if f["criterium"] == criterium)


def finish(sessie, user, *, seconden, **vraag):
    data = {
        "vraagtekst": "Vraag van de klant",
        "afhandeling": Afhandeling.BEANTWOORD,
        "contactreden": ("Overig", "Klacht"),
        **vraag,
    }
    return sessie_finish(
        sessie=sessie,
        medewerker=user,
        registratie=Registratie(kanaal="telefoon", vragen=[VraagRegistratie(**data)]),
        nu=sessie.gestart_op + dt.timedelta(seconds=seconden),
    )


def test_a_do_nothing_call_scores_zero_on_every_criterion_it_skipped(trainingsdata, trainee):
    # The trainee's report: a 3-second call, the grieving widow got no answer, 66/100.
    start = timezone.now() - dt.timedelta(seconds=3)
    sessie = sessie_start(medewerker=trainee, scenario="overlijden-echtgenoot", nu=start)
    sessie = finish(
        sessie,
        trainee,
        seconden=3,
        contactreden=("Geboorte, huwelijk en overlijden", "Overlijden"),
        product="overlijdensaangifte",
    )
    skipped = [
        Criterium.ANTWOORD,
        Criterium.VERVOLGVRAGEN,
        Criterium.KANAALSTURING,
        Criterium.PROACTIEF,
        Criterium.OVERDRACHT,
        Criterium.TIJD,
    ]
    assert {c: sessie.scores[c] for c in skipped} == dict.fromkeys(skipped, 0)
    # Only the registration itself happened: reason, product, question and channel, no article.
    assert sessie.scores[Criterium.REGISTRATIE] == 9
    assert sessie.totaal == 9
    assert "geen antwoord" in feedback(sessie, Criterium.OVERDRACHT)
    assert "Geen tijdscore" in feedback(sessie, Criterium.TIJD)
    assert "u gaf geen antwoord" in feedback(sessie, Criterium.KANAALSTURING)


def test_the_same_call_handled_well_earns_those_points(trainingsdata, trainee):
    start = timezone.now() - dt.timedelta(seconds=200)
    sessie = sessie_start(medewerker=trainee, scenario="overlijden-echtgenoot", nu=start)
    sessie_actie(
        sessie=sessie, medewerker=trainee, soort="vraag", tekst="Gecondoleerd. Hoe gaat het?"
    )
    sessie_actie(
        sessie=sessie, medewerker=trainee, soort="antwoord", versie=versie("overlijdensaangifte")
    )
    sessie = finish(
        sessie,
        trainee,
        seconden=200,
        contactreden=("Geboorte, huwelijk en overlijden", "Overlijden"),
        product="overlijdensaangifte",
        artikel="overlijdensaangifte",
    )
    assert sessie.scores == MAX_PUNTEN  # no steering and no offer fit: leaving them is right
    assert sessie.totaal == 100


def _paspoort(trainee, *, stuur_eerst: bool):
    """A run that does everything; `stuur_eerst` advises the website before answering, so the
    customer's follow-up question ("Kan ik die afspraak ergens online maken?") comes after it."""
    start = timezone.now() - dt.timedelta(seconds=120)
    sessie = sessie_start(medewerker=trainee, scenario="paspoort-verloopt-voor-vakantie", nu=start)
    website = Kanaal.objects.get(code="website")
    sessie_actie(sessie=sessie, medewerker=trainee, soort="vraag", tekst="Wanneer vertrekt u?")
    if stuur_eerst:
        sessie_actie(sessie=sessie, medewerker=trainee, soort="sturing", kanaal=website)
    sessie_actie(
        sessie=sessie, medewerker=trainee, soort="antwoord", versie=versie("paspoort-verlopen")
    )
    if not stuur_eerst:
        sessie_actie(sessie=sessie, medewerker=trainee, soort="sturing", kanaal=website)
    from loket.catalogue.models import Product

    sessie_actie(
        sessie=sessie,
        medewerker=trainee,
        soort="aanbod",
        product=Product.objects.get(upl_naam="rijbewijs verlengen"),
    )
    return finish(
        sessie,
        trainee,
        seconden=120,
        contactreden=("Reisdocumenten en rijbewijs", "Paspoort aanvragen"),
        product="paspoort",
        artikel="paspoort-verlopen",
    )


def test_a_run_that_ignores_the_follow_up_question_loses_points_and_is_told(trainingsdata, trainee):
    answered = _paspoort(trainee, stuur_eerst=False)
    assert answered.totaal == 100
    ignored = _paspoort(trainee, stuur_eerst=True)
    assert ignored.scores[Criterium.VERVOLGVRAGEN] == 5  # one of the two questions answered
    assert ignored.totaal == 95
    vraag = scenario_get(slug="paspoort-verloopt-voor-vakantie").beurten[1].tekst
    assert "Kan ik die afspraak ergens online maken?" in vraag
    assert vraag in feedback(ignored, Criterium.VERVOLGVRAGEN)
    # The recorded line is what the score reads.
    antwoord = ignored.acties.get(soort="antwoord")
    assert antwoord.gegevens["beurt"] == 1


def test_a_how_long_question_is_not_answered_by_channel_advice(trainingsdata, trainee):
    sessie = sessie_start(medewerker=trainee, scenario="verhuizing-binnen-zeventerpen")
    sessie_actie(
        sessie=sessie,
        medewerker=trainee,
        soort="antwoord",
        versie=versie("verhuizing-binnen-gemeente"),
    )
    assert "Hoe lang van tevoren" in sessie.regels.order_by("volgnummer").last().tekst
    website = Kanaal.objects.get(code="website")
    sessie_actie(sessie=sessie, medewerker=trainee, soort="sturing", kanaal=website)
    done = finish(sessie, trainee, seconden=100)
    assert done.scores[Criterium.VERVOLGVRAGEN] == 0
    assert "Hoe lang van tevoren mag dat?" in feedback(done, Criterium.VERVOLGVRAGEN)


def _grofvuil(trainee, tekst):
    sessie = sessie_start(medewerker=trainee, scenario="grofvuil-bank")
    sessie_actie(sessie=sessie, medewerker=trainee, soort="antwoord", tekst=tekst)
    return sessie


def test_a_free_text_answer_with_the_right_cost_scores_and_a_wrong_cost_does_not(
    trainingsdata, trainee, make_user
):
    # The article: "wij halen tot 3 m³ grofvuil op voor €30 per keer".
    right = _grofvuil(trainee, "Maak online een afspraak, dan halen wij het op voor 30 euro.")
    assert right.regels.order_by("volgnummer").last().tekst.startswith("Dertig euro, prima")
    right = finish(right, trainee, seconden=60)
    assert right.scores[Criterium.ANTWOORD] == MAX_PUNTEN[Criterium.ANTWOORD]
    assert right.scores[Criterium.TIJD] == MAX_PUNTEN[Criterium.TIJD]

    other = make_user("kcc-medewerker")
    wrong = _grofvuil(other, "Maak online een afspraak, dan halen wij het op voor € 50,00.")
    # The customer notices: no next line of the script, the reaction to a wrong answer.
    assert "Dertig euro" not in wrong.regels.order_by("volgnummer").last().tekst
    wrong = finish(wrong, other, seconden=60)
    assert wrong.scores[Criterium.ANTWOORD] == 0
    assert wrong.scores[Criterium.TIJD] == 0
    tekst = feedback(wrong, Criterium.ANTWOORD)
    assert "u noemde € 50, maar volgens het kennisartikel zijn de kosten € 30" in tekst


def test_a_term_is_checked_by_value_and_a_missing_fact_is_named(trainingsdata, trainee, make_user):
    scenario = "paspoort-verloopt-voor-vakantie"
    # paspoort-aanvragen: "u haalt het na ongeveer 5 werkdagen op".
    zinnen = {
        "goed": "U vraagt aan de balie op afspraak een nieuw paspoort aan, na 5 werkdagen klaar.",
        "fout": "U vraagt aan de balie op afspraak een nieuw paspoort aan, na 10 werkdagen klaar.",
        "onvolledig": "U vraagt een nieuw paspoort aan aan de balie van het gemeentehuis.",
    }
    scores, teksten = {}, {}
    for naam, zin in zinnen.items():
        user = make_user("kcc-medewerker")
        sessie = sessie_start(medewerker=user, scenario=scenario)
        sessie_actie(sessie=sessie, medewerker=user, soort="antwoord", tekst=zin)
        sessie = finish(sessie, user, seconden=60)
        scores[naam] = sessie.scores[Criterium.ANTWOORD]
        teksten[naam] = feedback(sessie, Criterium.ANTWOORD)
    assert scores["goed"] == MAX_PUNTEN[Criterium.ANTWOORD]
    assert scores["fout"] == 0
    assert "u noemde 10 werkdagen" in teksten["fout"] and "5 werkdagen" in teksten["fout"]
    assert 0 < scores["onvolledig"] < MAX_PUNTEN[Criterium.ANTWOORD]
    assert "u noemde niet: 5 werkdagen" in teksten["onvolledig"]


def test_own_words_beside_the_right_article_are_checked_too(trainingsdata, trainee):
    sessie = sessie_start(medewerker=trainee, scenario="grofvuil-bank")
    sessie_actie(
        sessie=sessie,
        medewerker=trainee,
        soort="antwoord",
        versie=versie("grofvuil-ophalen"),
        tekst="Dat kost 40 euro per keer.",
    )
    sessie = finish(sessie, trainee, seconden=60)
    assert sessie.scores[Criterium.ANTWOORD] == 0
    assert "€ 40" in feedback(sessie, Criterium.ANTWOORD)
