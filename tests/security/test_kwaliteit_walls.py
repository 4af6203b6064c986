"""Team walls on the quality reviews (issue 20), probed from outside kwaliteit: a teamleider of
another team must neither read a finished review of this team (the contact, its findings) nor
turn it into a training scenario."""

from __future__ import annotations

import pytest
from django.urls import reverse

from loket.kwaliteit.constants import Oordeel
from loket.kwaliteit.models import Beoordeling
from loket.kwaliteit.tests.conftest import wereld  # noqa: F401 (fixture)
from loket.kwaliteit.tests.test_views import _post, _queued

pytestmark = pytest.mark.django_db


def test_a_teamleider_of_another_team_cannot_read_a_finished_review(client, wereld):  # noqa: F811
    beoordeling = _queued(wereld)
    client.force_login(wereld.teamleider)
    _post(client, beoordeling, Oordeel.VOLDOET, feedback="Alleen voor dit team.")
    beoordeling.refresh_from_db()
    assert beoordeling.reviewer_id == wereld.teamleider.pk
    client.force_login(wereld.buiten)
    url = reverse("kwaliteit:beoordeling", kwargs={"pk": beoordeling.pk})
    assert client.get(url).status_code == 404


def test_a_teamleider_of_another_team_cannot_make_a_scenario_of_it(client, wereld):  # noqa: F811
    beoordeling = _queued(wereld)
    client.force_login(wereld.teamleider)
    _post(client, beoordeling, Oordeel.VOLDOET, feedback="Alleen voor dit team.")
    client.force_login(wereld.buiten)
    client.post(reverse("kwaliteit:oefenscenario", kwargs={"pk": beoordeling.pk}))
    from loket.kwaliteit.models import Oefenscenario

    assert not Oefenscenario.objects.filter(beoordeling=beoordeling).exists()
    assert Beoordeling.objects.filter(pk=beoordeling.pk).exists()
