"""Customer journeys over every closed zaak, read from their daily summary (issue 22: they were
computed per request over the latest 20,000 zaken, 1-1.7 s)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.cases.models import Zaak
from loket.cases.tests.factories import ZaakFactory, ZaaktypeFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact, Vraag
from loket.insights import summaries
from loket.insights.models import KlantreisDagTotaal, Persona
from loket.insights.selectors import klantreizen_get
from loket.insights.selectors.filters import Filters
from loket.insights.tests.conftest import at
from loket.parties.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 10)
EIND = dt.date(2026, 3, 20)


def _filters() -> Filters:
    return Filters(van=dt.date(2026, 3, 1), tot=dt.date(2026, 3, 31))


def _contact(kanaal, partij, moment, product, reden):
    contact = Klantcontact.objects.create(
        referentienummer=f"KC-{Klantcontact.objects.count() + 1}",
        kanaal=kanaal,
        partij=partij,
        plaatsgevonden_op=moment,
    )
    Vraag.objects.create(
        klantcontact=contact,
        vraagtekst="Hoe staat het met mijn aanvraag?",
        contactreden=reden,
        product=product,
        afhandeling=Afhandeling.BEANTWOORD,
    )
    return contact


def _closed_zaak(zaaktype, partij, start=START, eind=EIND):
    zaak = ZaakFactory(zaaktype=zaaktype, initiator=partij)
    Zaak.objects.filter(pk=zaak.pk).update(startdatum=start, einddatum=eind)
    return zaak


@pytest.fixture
def zaaktype(product):
    return ZaaktypeFactory(product=product)


def test_a_journey_holds_the_initiators_contacts_about_the_product_in_its_window(
    kanalen, reden, product, product2, zaaktype
):
    Persona.objects.create(naam="Ouderen", slug="ouderen", tags=["75plus"])
    partij = PersoonFactory()
    partij.tags = ["75plus"]
    partij.save()
    _contact(kanalen["website"], partij, at(START - dt.timedelta(days=12)), product, reden)
    _contact(kanalen["telefoon"], partij, at(START + dt.timedelta(days=2)), product, reden)
    # Outside the window (41 days before the start, the day after the end) or about another
    # product: not part of the journey.
    _contact(kanalen["balie"], partij, at(START - dt.timedelta(days=41)), product, reden)
    _contact(kanalen["balie"], partij, at(EIND + dt.timedelta(days=1)), product, reden)
    _contact(kanalen["balie"], partij, at(START), product2, reden)
    _closed_zaak(zaaktype, partij)
    _closed_zaak(zaaktype, PersoonFactory())  # no contact at all
    summaries.rebuild_all()

    reis = klantreizen_get(filters=_filters(), product=product)

    assert reis.zaken == 2
    assert reis.gemiddeld_contacten == 1.0
    patronen = dict((r[0], r[1]) for r in reis.tabellen[0].rijen)
    assert patronen == {
        "online → telefoon → zaak afgerond": 1,
        "geen contact → zaak afgerond": 1,
    }
    persona = {r[0]: r[1:] for r in reis.tabellen[1].rijen}
    assert persona == {"Ouderen": [1, 2.0], "Geen persona": [1, 0.0]}


def test_a_contact_linked_to_the_initiator_later_joins_the_journey(
    kanalen, reden, product, zaaktype
):
    partij = PersoonFactory()
    _closed_zaak(zaaktype, partij)
    summaries.rebuild_all()
    assert [
        r[0] for r in klantreizen_get(filters=_filters(), product=product).tabellen[0].rijen
    ] == ["geen contact → zaak afgerond"]

    # An anonymous call during the zaak, identified afterwards: the marked days are rebuilt by
    # the worker's summary run, as the dashboard's are.
    contact = _contact(kanalen["telefoon"], None, at(START + dt.timedelta(days=1)), product, reden)
    contact.partij = partij
    contact.save()
    assert summaries.rebuild_marked() > 0

    reis = klantreizen_get(filters=_filters(), product=product)
    assert [r[0] for r in reis.tabellen[0].rijen] == ["telefoon → zaak afgerond"]


def test_the_page_reads_summaries_not_zaken(kanalen, reden, product, zaaktype):
    """The cost of the page does not grow with the zaken: a fixed number of queries over the
    summary rows (one per day × journey), however many zaken closed."""
    for i in range(12):
        partij = PersoonFactory()
        _contact(kanalen["telefoon"], partij, at(START), product, reden)
        _closed_zaak(zaaktype, partij, eind=EIND + dt.timedelta(days=i % 3))
    summaries.rebuild_all()
    assert KlantreisDagTotaal.objects.count() == 3

    with CaptureQueriesContext(connection) as queries:
        reis = klantreizen_get(filters=_filters(), product=product)
    assert reis.zaken == 12
    assert len(queries) == 2  # the summary rows and the personas
