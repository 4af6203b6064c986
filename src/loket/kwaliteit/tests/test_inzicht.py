"""A finished review's score reaches /inzicht/ (issue 20): the juistheid section that kwaliteit
registers in insights (insights.secties), next to FCR, per team and month against the norm."""

import pytest
from django.urls import reverse

from loket.insights.secties import _bouwers
from loket.kwaliteit.constants import Oordeel
from loket.kwaliteit.models import Beoordeling
from loket.kwaliteit.services import steekproef_draw

from .conftest import VORIGE_MAAND, moment
from .test_views import _post

pytestmark = pytest.mark.django_db


def _inzicht(client, **params) -> str:
    eind = moment(28).date()
    query = {"van": VORIGE_MAAND.isoformat(), "tot": eind.isoformat(), "per": "maand", **params}
    response = client.get(reverse("insights:home"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_kwaliteit_registers_its_section_in_insights():
    assert "juistheid" in _bouwers


def test_a_finished_reviews_score_reaches_the_inzicht_dashboard(client, wereld):
    goed = wereld.contact(op=moment(4))
    fout = wereld.contact(op=moment(6))
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    client.force_login(wereld.teamleider)

    html = _inzicht(client)
    assert 'id="sectie-juistheid"' in html
    assert "Geen gegevens in deze periode." in html.split('id="sectie-juistheid"')[1]

    _post(client, Beoordeling.objects.get(klantcontact=goed), Oordeel.VOLDOET)
    _post(client, Beoordeling.objects.get(klantcontact=fout), Oordeel.VOLDOET_NIET)
    html = _inzicht(client)
    sectie = html.split('id="sectie-juistheid"')[1].split("</section>")[0]
    assert 'id="kpi-juistheid"' in sectie
    assert "50,0%" in sectie
    assert "Norm ≥ 90%: <strong>niet gehaald</strong>" in sectie
    regel = sectie.split('scope="row">KCC</th>')[1].split("</tr>")[0]
    assert f"{VORIGE_MAAND.year}" in regel and "50,0%" in regel and "nee" in regel
    # Next to FCR: right after the first section.
    assert html.index('id="sectie-kwaliteit"') < html.index('id="sectie-juistheid"')
    assert html.index('id="sectie-juistheid"') < html.index('id="sectie-kanalen"')


def test_the_team_filter_applies_to_the_juistheid(client, wereld):
    beoordeling = wereld.contact(op=moment(4))
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    client.force_login(wereld.teamleider)
    _post(client, Beoordeling.objects.get(klantcontact=beoordeling), Oordeel.VOLDOET)
    assert "100,0%" in _inzicht(client, team=wereld.team.slug).split('id="sectie-juistheid"')[1]
    ander = wereld.buiten.teams.get()
    sectie = _inzicht(client, team=ander.slug).split('id="sectie-juistheid"')[1]
    assert "Geen gegevens in deze periode." in sectie.split("</section>")[0]
