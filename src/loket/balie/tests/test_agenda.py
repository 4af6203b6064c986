"""The appointment confirmation and its .ics file (issue 16, item 11): RFC 5545 with local
times in Europe/Amsterdam, only by the appointment's own link."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from loket.balie import services
from loket.balie.models import Locatie
from loket.parties.tests.factories import PersoonFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def afspraak(wereld):
    product = wereld.producten["verhuismelding"]
    product.benodigdheden = "Uw huurcontract of koopakte.\nUw identiteitsbewijs."
    product.save(update_fields=["benodigdheden"])
    locatie = Locatie.objects.create(
        slug="stadhuis",
        naam="Stadhuis",
        adres="Markt 1, Zeventerpen",
        openingstijden={str(d): ["08:00", "20:00"] for d in range(7)},
        balies_voor_afspraken=1,
    )
    locatie.producten.add(product)
    # 10:00 local time (09:00 UTC in winter, 08:00 in summer).
    from loket.core.calendar import get_calendar

    day = timezone.localdate() + dt.timedelta(days=2)
    while get_calendar().is_holiday(day):
        day += dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=AMSTERDAM)
    gemaakt, _ = services.afspraak_book(
        locatie=locatie,
        product=product,
        start=start,
        naam="Jan Jansen",
        email="jan@voorbeeld.example",
        idempotency_key="agenda-1",
        partij=wereld.partij,
    )
    return gemaakt


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.mark.django_db
def test_ics_is_rfc5545_with_amsterdam_local_times(client, afspraak):
    response = client.get(f"/afspraken/beheren/{afspraak.token}/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content.decode()
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")  # CRLF only
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))  # folded
    lines = _unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and lines[-2] == "END:VCALENDAR"
    assert "TZID:Europe/Amsterdam" in lines and "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in lines
    local = afspraak.start.astimezone(AMSTERDAM)
    assert f"DTSTART;TZID=Europe/Amsterdam:{local:%Y%m%dT%H%M%S}" in lines
    assert local.hour == 10 and afspraak.start.astimezone(dt.UTC).hour != 10  # not UTC
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    assert f"UID:afspraak-{afspraak.uuid}@testserver" in lines
    assert "STATUS:CONFIRMED" in lines
    assert "LOCATION:Stadhuis\\, Markt 1\\, Zeventerpen" in lines
    beschrijving = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "Uw huurcontract of koopakte." in beschrijving and "\\n" in beschrijving


@pytest.mark.django_db
def test_ics_only_for_the_own_appointment(client, afspraak):
    assert client.get("/afspraken/beheren/niet-bestaand/agenda.ics").status_code == 404
    # Another logged-in citizen with the link: not theirs.
    ander = PersoonFactory(bsn="999990044", weergavenaam="Buurman")
    session = client.session
    session["loket_burger_partij"] = str(ander.uuid)
    session.save()
    assert client.get(f"/afspraken/beheren/{afspraak.token}/agenda.ics").status_code == 404


@pytest.mark.django_db
def test_confirmation_says_it_worked_and_what_to_bring(client, afspraak):
    page = client.get(f"/afspraken/beheren/{afspraak.token}/?gemaakt=1").content.decode()
    assert "Uw afspraak is gemaakt" in page
    assert "Wat neemt u mee?" in page and "Uw huurcontract of koopakte." in page
    assert f"/afspraken/beheren/{afspraak.token}/agenda.ics" in page


@pytest.mark.django_db
def test_cancelled_appointment_ics_says_cancelled(client, afspraak):
    services.afspraak_cancel(afspraak=afspraak)
    raw = client.get(f"/afspraken/beheren/{afspraak.token}/agenda.ics").content.decode()
    assert "STATUS:CANCELLED" in _unfold(raw)
