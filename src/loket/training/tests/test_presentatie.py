"""What the trainee and the teamleider read: the judgement matches the percentage shown, the
kennistoets result does not repeat the right answer as its explanation, durations as m:ss."""

from loket.training.models import ToetsVraag
from loket.training.selectors import Onderdeel
from loket.training.templatetags.training import duur


def test_the_judgement_follows_the_percentage_shown():
    # 79.6% is shown as 80%: the legend says 'sterk: 80% of meer', so it reads 'sterk'.
    bijna = Onderdeel("Kanaalsturing", behaald=7.96, maximum=10)
    assert (bijna.procent, bijna.oordeel) == (80, "sterk")
    # 59.6% is shown as 60%: not 'training helpt' (under 60%) but 'aandacht'.
    grens = Onderdeel("Tijd", behaald=5.96, maximum=10)
    assert (grens.procent, grens.oordeel) == (60, "aandacht")
    assert Onderdeel("Tijd", behaald=5.94, maximum=10).oordeel == "training"
    assert Onderdeel("Leeg").oordeel == ""


def test_an_explanation_that_only_repeats_the_right_option_is_not_shown_again():
    opties = ["U betaalt € 30.", "U betaalt € 45."]
    herhaling = ToetsVraag(opties=opties, juist={"optie": 0}, uitleg="U betaalt € 30. ")
    assert herhaling.uitleg_extra == ""
    eigen = ToetsVraag(opties=opties, juist={"optie": 0}, uitleg="Zie het kennisartikel.")
    assert eigen.uitleg_extra == "Zie het kennisartikel."
    kort = ToetsVraag(opties=[], juist={"getal": 30}, uitleg="Het juiste antwoord is 30")
    assert kort.uitleg_extra == "Het juiste antwoord is 30"


def test_a_duration_reads_as_minutes_and_seconds():
    assert duur(6) == "0:06"
    assert duur(185) == "3:05"
    assert duur(None) == "—"
