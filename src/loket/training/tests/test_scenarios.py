"""The scenarios are data; every reference they make must exist in the loaded data."""

from collections import Counter

from loket.training.constants import Domein
from loket.training.scenarios import klanten_data, scenario_list, scenario_references_check


def test_every_scenario_reference_exists_in_the_loaded_data(trainingsdata):
    assert scenario_references_check() == []


def test_at_least_30_scenarios_cover_every_domain_and_the_hard_cases():
    scenarios = scenario_list()
    assert len(scenarios) >= 30
    per_domein = Counter(s.domein for s in scenarios)
    assert set(per_domein) == set(Domein.values)
    kenmerken = Counter(k for s in scenarios for k in s.kenmerken)
    for hard in ("boze beller", "herhaalvraag", "andere overheid", "klacht", "kwetsbare burger"):
        assert kenmerken[hard] >= 1, hard
    # A question for another government body is referred to an organisation.
    anders = [s for s in scenarios if "andere overheid" in s.kenmerken]
    assert all(s.goed.organisatie and "doorverwezen" in s.goed.afhandeling for s in anders)


def test_every_scenario_customer_is_a_fictitious_sandbox_person():
    klanten = klanten_data()
    for scenario in scenario_list():
        klant = klanten[scenario.klant]
        assert "bsn" not in klant  # sandbox data: no BSN, never a BRP person
        assert klant["woonplaats"]


def test_a_reference_check_reports_a_missing_article(trainingsdata):
    from loket.knowledge.models import Kennisartikel

    Kennisartikel.objects.filter(slug="paspoort-verlopen").update(gepubliceerde_versie=None)
    problems = scenario_references_check()
    assert "paspoort-verloopt-voor-vakantie: onbekend artikel paspoort-verlopen" in problems
