"""Citizen journeys across apps (portal, selfservice, balie, meldingen): selfservice's small
Zeventerpen (forms, products, a household in the BRP) plus an appointment location."""

import datetime as dt

import pytest
from django.utils import timezone

from loket.selfservice.tests.conftest import BSN_HOOFD, wereld  # noqa: F401


@pytest.fixture
def locatie(wereld):  # noqa: F811
    from loket.balie.models import Locatie

    locatie = Locatie.objects.create(
        slug="stadhuis",
        naam="Stadhuis",
        adres="Markt 1, Zeventerpen",
        openingstijden={str(d): ["08:00", "20:00"] for d in range(7)},
        slotduur_minuten=15,
        balies_voor_afspraken=1,
        open_balies=1,
        gemiddelde_behandelduur_minuten=10,
    )
    locatie.producten.add(wereld.producten["verhuismelding"])
    return locatie


def volgende_werkdag():
    from loket.core.calendar import get_calendar

    day = timezone.localdate() + dt.timedelta(days=1)
    while get_calendar().is_holiday(day):
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def afspraak(wereld, locatie):  # noqa: F811
    from loket.balie.services import afspraak_book

    start = timezone.make_aware(dt.datetime.combine(volgende_werkdag(), dt.time(10, 0)))
    gemaakt, _ = afspraak_book(
        locatie=locatie,
        product=wereld.producten["verhuismelding"],
        start=start,
        naam="Jan Jansen",
        email="jan@voorbeeld.example",
        idempotency_key="afspraak-jan",
        partij=wereld.partij,
    )
    return gemaakt


@pytest.fixture
def als_jan(client, wereld):  # noqa: F811
    """The client logged in as Jan through the DigiD simulator."""
    response = client.post("/inloggen/digid-simulator/", {"bsn": BSN_HOOFD, "next": "/mijn/"})
    assert response.status_code == 302
    return client
