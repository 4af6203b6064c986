"""Scenarios from practice (issue 20): a scenario a teamleider made from a reviewed contact
plays in the simulation beside the JSON ones, and "Mijn kwaliteit" leads the agent from the
review to it and to the JSON scenarios on the same product."""

import pytest
from django.urls import reverse

from loket.catalogue.tests.factories import ProductFactory
from loket.kwaliteit.constants import Oordeel
from loket.kwaliteit.models import Beoordeling
from loket.kwaliteit.services import oefenscenario_create, steekproef_draw
from loket.kwaliteit.tests.conftest import VORIGE_MAAND, moment, wereld  # noqa: F401
from loket.kwaliteit.tests.test_views import _post
from loket.training.models import TrainingSessie
from loket.training.scenarios import PRAKTIJK_KENMERK, scenario_get, scenario_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def praktijk(client, wereld):  # noqa: F811
    contact = wereld.contact(op=moment(5), product=ProductFactory(upl_naam="paspoort"))
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    beoordeling = Beoordeling.objects.get(klantcontact=contact)
    client.force_login(wereld.teamleider)
    _post(client, beoordeling, Oordeel.DEELS, feedback="Noem ook de kosten.")
    beoordeling.refresh_from_db()
    return beoordeling, oefenscenario_create(beoordeling=beoordeling, user=wereld.teamleider)


def test_a_scenario_from_a_review_is_playable_beside_the_json_ones(praktijk, wereld):  # noqa: F811
    _, oefen = praktijk
    scenario = scenario_get(slug=oefen.slug)
    assert scenario.opening == "Wanneer is mijn paspoort klaar?"
    assert scenario.goed.artikelen == ("paspoort-klaar",)
    assert scenario.goed.product == "paspoort"
    # Domain and oefenklant of the JSON scenario on the same product.
    assert scenario.domein == "burgerzaken"
    assert scenario.klant == scenario_get(slug="paspoort-verloopt-voor-vakantie").klant
    assert PRAKTIJK_KENMERK in scenario.kenmerken
    assert "Noem ook de kosten." in scenario.goed.uitleg
    slugs = [s.slug for s in scenario_list(praktijk=True)]
    assert oefen.slug in slugs and "paspoort-verloopt-voor-vakantie" in slugs
    assert oefen.slug in [s.slug for s in scenario_list(domein="burgerzaken", praktijk=True)]
    assert oefen.slug not in [s.slug for s in scenario_list()]


def test_the_agent_goes_from_mijn_kwaliteit_to_the_scenario_and_starts_it(
    client,
    praktijk,
    wereld,  # noqa: F811
):
    beoordeling, oefen = praktijk
    client.force_login(wereld.agent)
    onderwerp = reverse("praktijk:onderwerp", kwargs={"pk": beoordeling.pk})
    assert onderwerp in client.get(reverse("kwaliteit:mijn")).content.decode()
    html = client.get(onderwerp).content.decode()
    assert "Scenario uit dit contact" in html
    assert reverse("training:start", kwargs={"slug": oefen.slug}) in html
    # The simulation's own scenario on the same product is offered too.
    assert reverse("training:start", kwargs={"slug": "paspoort-verloopt-voor-vakantie"}) in html

    response = client.post(reverse("training:start", kwargs={"slug": oefen.slug}))
    sessie = TrainingSessie.objects.get(medewerker=wereld.agent)
    assert response["Location"] == reverse("training:sessie", kwargs={"uuid": sessie.uuid})
    assert sessie.scenario == oefen.slug
    pagina = client.get(response["Location"]).content.decode()
    assert "Wanneer is mijn paspoort klaar?" in pagina


def test_another_agents_review_topic_is_not_found(client, praktijk, wereld):  # noqa: F811
    beoordeling, _ = praktijk
    client.force_login(wereld.collega)
    onderwerp = reverse("praktijk:onderwerp", kwargs={"pk": beoordeling.pk})
    assert client.get(onderwerp).status_code == 404


def test_the_simulations_home_lists_the_scenarios_from_practice(client, praktijk, wereld):  # noqa: F811
    _, oefen = praktijk
    client.force_login(wereld.agent)
    html = client.get(reverse("training:home")).content.decode()
    assert reverse("training:start", kwargs={"slug": oefen.slug}) in html
    assert reverse("training:start", kwargs={"slug": "paspoort-verloopt-voor-vakantie"}) in html
