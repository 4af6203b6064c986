"""The simulation's services: the conversation, the sandbox registration and the scoring."""

import datetime as dt

import pytest
from django.utils import timezone

from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.knowledge.models import Kennisartikel
from loket.training.constants import MAX_PUNTEN, Criterium, SessieStatus, Spreker
from loket.training.models import Oefenklant
from loket.training.scenarios import scenario_get
from loket.training.services import (
    Registratie,
    VraagRegistratie,
    sessie_actie,
    sessie_finish,
    sessie_search,
    sessie_start,
)

# The reference data is loaded once for this module (conftest); its tests share one xdist worker.
pytestmark = pytest.mark.xdist_group("training-test_services")

SCENARIO = "paspoort-verloopt-voor-vakantie"


def versie(slug):
    return Kennisartikel.objects.get(slug=slug).gepubliceerde_versie


def registratie(**changes) -> Registratie:
    vraag = {
        "vraagtekst": "Paspoort verloopt voor de vakantie, kan ik verlengen?",
        "contactreden": ("Reisdocumenten en rijbewijs", "Paspoort aanvragen"),
        "afhandeling": Afhandeling.BEANTWOORD,
        "product": "paspoort",
        "artikel": "paspoort-verlopen",
        "versie": 1,
    }
    vraag.update(changes)
    return Registratie(kanaal="telefoon", vragen=[VraagRegistratie(**vraag)])


def play(
    user,
    *,
    antwoord="paspoort-verlopen",
    sturen=True,
    aanbod="rijbewijs verlengen",
    registratie_=None,
    seconden=120,
):
    """A scripted trainee: asks, answers, steers, offers, registers."""
    start = timezone.now() - dt.timedelta(seconds=seconden)
    sessie = sessie_start(medewerker=user, scenario=SCENARIO, nu=start)
    sessie_actie(sessie=sessie, medewerker=user, soort="vraag", tekst="Wanneer vertrekt u?")
    sessie_actie(sessie=sessie, medewerker=user, soort="antwoord", versie=versie(antwoord))
    if sturen:
        sessie_actie(
            sessie=sessie,
            medewerker=user,
            soort="sturing",
            kanaal=Kanaal.objects.get(code="website"),
        )
    if aanbod:
        sessie_actie(
            sessie=sessie,
            medewerker=user,
            soort="aanbod",
            product=Product.objects.get(upl_naam=aanbod),
        )
    return sessie_finish(
        sessie=sessie,
        medewerker=user,
        registratie=registratie_ or registratie(),
        nu=start + dt.timedelta(seconds=seconden),
    )


def test_a_trainee_who_handles_the_scenario_well_scores_full_marks(trainingsdata, trainee):
    sessie = play(trainee)
    assert sessie.status == SessieStatus.AFGEROND
    assert sessie.scores == MAX_PUNTEN
    assert sessie.totaal == 100
    assert all(f["goed"] for f in sessie.feedback)
    assert sessie.registratie["vragen"][0]["product"] == "paspoort"


def _lost_only(good: dict, other: dict, criterium: str) -> None:
    assert other[criterium] < good[criterium], criterium
    for key, value in good.items():
        if key != criterium:
            assert other[key] == value, key


def test_a_wrong_answer_costs_the_answer_and_the_time_points(trainingsdata, trainee, make_user):
    good = play(trainee).scores
    other = make_user("kcc-medewerker")
    wrong = play(
        other,
        antwoord="rijbewijs-verlengen",
        registratie_=registratie(artikel="rijbewijs-verlengen"),
    )
    assert wrong.scores[Criterium.ANTWOORD] == 0
    assert wrong.scores[Criterium.TIJD] == 0  # a quick wrong answer is no quick handling
    for key in set(good) - {Criterium.ANTWOORD, Criterium.TIJD}:
        assert wrong.scores[key] == good[key], key
    tekst = next(f["tekst"] for f in wrong.feedback if f["criterium"] == "antwoord")
    assert "Mijn paspoort is (bijna) verlopen" in tekst  # names the right article


def test_skipping_the_proactive_offer_costs_only_the_proactivity_points(trainingsdata, trainee):
    good = play(trainee).scores
    skipped = play(trainee, aanbod=None)
    _lost_only(good, skipped.scores, Criterium.PROACTIEF)
    tekst = next(f["tekst"] for f in skipped.feedback if f["criterium"] == "proactief")
    assert "geen proactief aanbod" in tekst


def test_a_needless_contactverzoek_costs_only_the_handoff_points(trainingsdata, trainee):
    good = play(trainee).scores
    needless = play(
        trainee,
        registratie_=registratie(
            afhandeling=Afhandeling.CONTACTVERZOEK,
            team="burgerzaken",
            gevraagde_handeling="Klant terugbellen over paspoort",
        ),
    )
    _lost_only(good, needless.scores, Criterium.OVERDRACHT)
    tekst = next(f["tekst"] for f in needless.feedback if f["criterium"] == "overdracht")
    assert tekst.startswith("Onnodig contactverzoek")


def test_no_steering_and_slow_handling_lose_those_points(trainingsdata, trainee):
    sessie = play(trainee, sturen=False, seconden=240 * 2)
    assert sessie.scores[Criterium.KANAALSTURING] == 0
    assert sessie.scores[Criterium.TIJD] == 5  # half-way between the norm and three times it


def test_a_referral_scenario_scores_the_organisation(trainingsdata, trainee):
    sessie = sessie_start(medewerker=trainee, scenario="waterschapsbelasting")
    sessie_actie(
        sessie=sessie,
        medewerker=trainee,
        soort="antwoord",
        versie=versie("waterschapsbelasting-zeventerp"),
    )
    vraag = dict(
        vraagtekst="Zuiveringsheffing",
        contactreden=("Overig", "Vraag voor andere overheid"),
        afhandeling=Afhandeling.DOORVERWEZEN,
        product="waterschapsbelasting",
        artikel="waterschapsbelasting-zeventerp",
        organisatie="belastingdienst",
    )
    fout = sessie_finish(
        sessie=sessie,
        medewerker=trainee,
        registratie=Registratie(kanaal="telefoon", vragen=[VraagRegistratie(**vraag)]),
    )
    assert fout.scores[Criterium.OVERDRACHT] == 12
    overdracht = next(f for f in fout.feedback if f["criterium"] == Criterium.OVERDRACHT)
    assert "Waterschap De Zeven Terpen" in overdracht["tekst"]


def test_the_customer_answers_in_turn_and_reacts_to_a_wrong_answer(trainingsdata, trainee):
    scenario = scenario_get(slug=SCENARIO)
    sessie = sessie_start(medewerker=trainee, scenario=SCENARIO)
    assert [r.tekst for r in sessie.regels.all()] == [scenario.opening]
    sessie_actie(sessie=sessie, medewerker=trainee, soort="vraag", tekst="Wanneer reist u?")
    regels = list(sessie.regels.order_by("volgnummer"))
    assert regels[-2].spreker == Spreker.MEDEWERKER and regels[-2].tekst == "Wanneer reist u?"
    assert regels[-1].tekst == scenario.beurten[0].tekst
    sessie_actie(sessie=sessie, medewerker=trainee, soort="antwoord", versie=versie("afvalpas"))
    assert sessie.regels.order_by("volgnummer").last().tekst == scenario.bij_fout_antwoord
    sessie_actie(
        sessie=sessie, medewerker=trainee, soort="antwoord", versie=versie("paspoort-verlopen")
    )
    assert sessie.regels.order_by("volgnummer").last().tekst == scenario.beurten[1].tekst


def test_actions_are_validated_with_a_dutch_message_at_the_field(trainingsdata, trainee):
    sessie = sessie_start(medewerker=trainee, scenario=SCENARIO)
    with pytest.raises(DomainError) as exc:
        sessie_actie(sessie=sessie, medewerker=trainee, soort="vraag", tekst="  ")
    assert exc.value.field == "tekst"
    with pytest.raises(DomainError) as exc:
        sessie_actie(sessie=sessie, medewerker=trainee, soort="antwoord")
    assert exc.value.field == "tekst"
    with pytest.raises(DomainError) as exc:
        sessie_finish(
            sessie=sessie,
            medewerker=trainee,
            registratie=registratie(afhandeling=Afhandeling.CONTACTVERZOEK),
        )
    assert exc.value.field == "vragen.0.team"
    with pytest.raises(DomainError) as exc:
        sessie_finish(sessie=sessie, medewerker=trainee, registratie=Registratie(kanaal="telefoon"))
    assert exc.value.field == "vragen"
    sessie.refresh_from_db()
    assert sessie.status == SessieStatus.BEZIG  # nothing half-written
    assert not sessie.acties.filter(soort="registratie").exists()


def test_a_finished_session_is_scored_once(trainingsdata, trainee):
    sessie = play(trainee)
    with pytest.raises(DomainError, match="al afgerond"):
        sessie_finish(sessie=sessie, medewerker=trainee, registratie=registratie())
    assert sessie.acties.filter(soort="registratie").count() == 1


def test_another_employee_cannot_act_in_my_session(trainingsdata, trainee, make_user):
    sessie = sessie_start(medewerker=trainee, scenario=SCENARIO)
    with pytest.raises(DomainError):
        sessie_actie(
            sessie=sessie, medewerker=make_user("kcc-medewerker"), soort="vraag", tekst="Hallo"
        )


def test_searches_are_recorded_once_while_typing(trainingsdata, trainee):
    sessie = sessie_start(medewerker=trainee, scenario=SCENARIO)
    for q in ("pa", "pas", "paspo", "paspoort verlopen"):
        sessie_search(sessie=sessie, medewerker=trainee, q=q)
    sessie_search(sessie=sessie, medewerker=trainee, q="rijbewijs")
    assert [a.gegevens["q"] for a in sessie.acties.order_by("volgnummer")] == [
        "paspoort verlopen",
        "rijbewijs",
    ]


def test_the_sandbox_customer_has_session_dates_and_no_bsn(trainingsdata, trainee):
    sessie = sessie_start(medewerker=trainee, scenario=SCENARIO)
    klant = Oefenklant.objects.get(ref="sanne-de-boer")
    assert sessie.oefenklant == klant
    paspoort = sessie.klantbeeld["documenten"][0]
    vandaag = timezone.localdate()
    assert paspoort["geldig_tot"] == (vandaag + dt.timedelta(days=40)).isoformat()
    assert paspoort["verloopt_binnenkort"] is True
    assert "bsn" not in sessie.klantbeeld


def test_a_retried_start_returns_the_same_session(trainingsdata, trainee):
    first = sessie_start(medewerker=trainee, scenario=SCENARIO)
    assert sessie_start(medewerker=trainee, scenario=SCENARIO) == first
    sessie_actie(sessie=first, medewerker=trainee, soort="vraag", tekst="Waarmee kan ik helpen?")
    assert sessie_start(medewerker=trainee, scenario=SCENARIO) != first  # a real second try
