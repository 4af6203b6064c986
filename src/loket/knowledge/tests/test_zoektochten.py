"""Search to contact (issue 21): a portal search and its answer read are linked through the
visitor's session; the retention engine clears a logged-in citizen after two days when the
daily job did not."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from loket.knowledge.models import Antwoordbezoek, Zoektocht
from loket.knowledge.tests.factories import KennisartikelFactory
from loket.parties.tests.factories import PersoonFactory
from loket.privacy.retention import retention_run

pytestmark = pytest.mark.django_db


def test_a_portal_search_then_an_answer_page_marks_the_search_without_its_words():
    artikel = KennisartikelFactory(vraag="Hoe vraag ik een paspoort aan?", gepubliceerd=True)
    client = Client()
    client.get("/zoeken/", {"q": "paspoort jan jansen 999993653"})
    zoektocht = Zoektocht.objects.get()
    assert zoektocht.antwoord_gelezen is False and zoektocht.partij is None
    client.get(f"/zoeken/antwoord/{artikel.slug}/")
    zoektocht.refresh_from_db()
    assert zoektocht.antwoord_gelezen and zoektocht.artikel == artikel
    assert Antwoordbezoek.objects.filter(artikel=artikel).count() == 1
    velden = [str(v) for v in Zoektocht.objects.values().get().values()]
    assert not any("jansen" in v.lower() or "999993653" in v for v in velden)


def test_retention_clears_the_citizen_of_an_unlinked_search_after_two_days():
    partij = PersoonFactory()
    oud = Zoektocht.objects.create(aantal_resultaten=1, partij=partij, ingelogd=True)
    jong = Zoektocht.objects.create(aantal_resultaten=1, partij=partij, ingelogd=True)
    Zoektocht.objects.filter(pk=oud.pk).update(gezocht_op=timezone.now() - dt.timedelta(days=3))

    retention_run(now=timezone.now(), soorten=["zoektochten"])

    oud.refresh_from_db()
    jong.refresh_from_db()
    assert oud.partij is None and oud.ingelogd
    assert jong.partij == partij
