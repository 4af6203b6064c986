import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from loket.balie import selectors, services
from loket.balie.models import Afspraak, AfspraakStatus, Locatie, TicketStatus
from loket.core.errors import DomainError
from loket.messaging.models import Bericht


@pytest.fixture
def locatie(wereld):
    locatie = Locatie.objects.create(
        slug="stadhuis",
        naam="Stadhuis",
        adres="Markt 1, Zeventerpen",
        openingstijden={str(d): ["09:00", "12:00"] for d in range(7)},
        slotduur_minuten=15,
        balies_voor_afspraken=1,
        open_balies=1,
        gemiddelde_behandelduur_minuten=10,
    )
    locatie.producten.add(wereld.producten["verhuismelding"])
    return locatie


def _volgende_dag(locatie):
    from loket.core.calendar import get_calendar

    day = timezone.localdate() + dt.timedelta(days=1)
    while get_calendar().is_holiday(day):
        day += dt.timedelta(days=1)
    return day


def _boek(wereld, locatie, start, key="a1", **kw):
    return services.afspraak_book(
        locatie=locatie,
        product=wereld.producten["verhuismelding"],
        start=start,
        naam=kw.pop("naam", "Jan Jansen"),
        email=kw.pop("email", "jan@voorbeeld.example"),
        idempotency_key=key,
        link_voor=lambda a: f"https://loket.example/afspraken/beheren/{a.token}/",
        **kw,
    )


def test_slots_come_from_the_opening_hours(wereld, locatie):
    day = _volgende_dag(locatie)
    slots = selectors.tijdsloten(locatie=locatie, datum=day)
    assert len(slots) == 12  # 09:00-12:00 in quarters
    assert timezone.localtime(slots[0].start).time() == dt.time(9, 0)
    assert timezone.localtime(slots[-1].start).time() == dt.time(11, 45)
    assert all(s.vrij == 1 for s in slots)


def test_booking_confirms_and_fills_the_slot(wereld, locatie):
    slot = selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))[0]
    afspraak, created = _boek(wereld, locatie, slot.start)
    again, created_again = _boek(wereld, locatie, slot.start)  # double click
    assert created and not created_again and again.pk == afspraak.pk
    bericht = Bericht.objects.get(aanleiding_type="afspraak")
    assert afspraak.token in bericht.tekst and bericht.adres == "jan@voorbeeld.example"
    assert selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))[0].vrij == 0
    with pytest.raises(DomainError) as excinfo:
        _boek(wereld, locatie, slot.start, key="a2")
    assert excinfo.value.field == "tijdslot"


def test_booking_outside_opening_hours_or_for_another_product_is_refused(wereld, locatie):
    day = _volgende_dag(locatie)
    avond = timezone.make_aware(dt.datetime.combine(day, dt.time(19, 0)))
    with pytest.raises(DomainError) as excinfo:
        _boek(wereld, locatie, avond)
    assert excinfo.value.field == "tijdslot"
    slot = selectors.tijdsloten(locatie=locatie, datum=day)[0]
    with pytest.raises(DomainError) as excinfo:
        services.afspraak_book(
            locatie=locatie,
            product=wereld.producten["afvalpas"],
            start=slot.start,
            naam="Jan",
            email="jan@voorbeeld.example",
            idempotency_key="x",
        )
    assert excinfo.value.field == "locatie"


def test_bad_contact_details_are_named(wereld, locatie):
    slot = selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))[0]
    with pytest.raises(DomainError) as excinfo:
        _boek(wereld, locatie, slot.start, naam=" ", email="geen-mail")
    assert set(excinfo.value.as_dict()) == {"naam", "email"}
    assert Afspraak.objects.count() == 0


def test_reschedule_and_cancel(wereld, locatie):
    slots = selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))
    afspraak, _ = _boek(wereld, locatie, slots[0].start)
    services.afspraak_reschedule(afspraak=afspraak, start=slots[2].start)
    afspraak.refresh_from_db()
    assert afspraak.start == slots[2].start
    assert selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))[0].vrij == 1
    services.afspraak_cancel(afspraak=afspraak)
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.GEANNULEERD
    assert Bericht.objects.filter(aanleiding_id=str(afspraak.uuid)).count() == 3


def test_appointment_pages(client, wereld, locatie):
    product = wereld.producten["verhuismelding"]
    url = reverse("selfservice:afspraak_maken", kwargs={"product": product.uuid})
    page = client.get(url).content.decode()
    assert "Kies een tijd" in page
    response = client.post(
        url,
        {"sleutel": "s1", "locatie": "stadhuis", "naam": "Jan", "email": "fout", "tijdslot": ""},
    )
    assert response.status_code == 422
    assert 'value="fout"' in response.content.decode()
    slot = selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))[1]
    response = client.post(
        url,
        {
            "sleutel": "s1",
            "locatie": "stadhuis",
            "naam": "Jan",
            "email": "jan@voorbeeld.example",
            "tijdslot": slot.waarde,
        },
    )
    assert response.status_code == 302
    beheer = client.get(response["Location"]).content.decode()
    assert "Afspraak verzetten" in beheer and "Afspraak afzeggen" in beheer
    client.post(response["Location"], {"actie": "annuleren"})
    assert Afspraak.objects.get().status == AfspraakStatus.GEANNULEERD


# --- counter queue --------------------------------------------------------------------------------


def test_tickets_are_numbered_and_estimated(wereld, locatie):
    tickets = [services.ticket_draw(locatie=locatie) for _ in range(3)]
    assert [t.nummer for t in tickets] == ["B001", "B002", "B003"]
    assert selectors.ticket_wachttijd(ticket=tickets[2]) == (2, 20)  # 2 ahead × 10 min / 1 balie
    stand = selectors.wachtrij_stand(locatie=locatie)
    assert stand.wachtend == 3
    assert stand.voorspelde_wachttijd_minuten == 30
    assert stand.garantie_minuten == 15
    assert stand.extra_balie_nodig

    services.locatie_set_open_balies(locatie=locatie, open_balies=3)
    stand = selectors.wachtrij_stand(locatie=locatie)
    assert stand.voorspelde_wachttijd_minuten == 10
    assert not stand.extra_balie_nodig


def test_the_measured_service_time_replaces_the_default(wereld, locatie, make_user):
    user = make_user("teamleider")
    for _ in range(3):
        services.ticket_draw(locatie=locatie)
    for _ in range(3):
        ticket = services.ticket_call(locatie=locatie, balie=1, user=user)
        ticket.opgeroepen_op = timezone.now() - dt.timedelta(minutes=4)
        ticket.save()
        services.ticket_finish(ticket=ticket)
    stand = selectors.wachtrij_stand(locatie=locatie)
    assert stand.gemeten
    assert 3.9 <= stand.behandelduur_minuten <= 4.1


def test_appointments_due_are_called_first(wereld, locatie, make_user):
    walk_in = services.ticket_draw(locatie=locatie)
    afspraak = Afspraak.objects.create(
        locatie=locatie,
        product=wereld.producten["verhuismelding"],
        start=timezone.now(),
        eind=timezone.now() + dt.timedelta(minutes=15),
        naam="Els",
        email="els@voorbeeld.example",
        token="t",
        idempotency_key="k",
    )
    met_afspraak = services.ticket_draw(locatie=locatie, afspraak=afspraak)
    assert met_afspraak.nummer == "A002"
    first = services.ticket_call(locatie=locatie, balie=1, user=make_user("kcc-medewerker"))
    assert first.pk == met_afspraak.pk
    walk_in.refresh_from_db()
    assert walk_in.status == TicketStatus.WACHTEND


def test_counter_overview_needs_the_permission_and_signals(client, wereld, locatie, make_user):
    url = reverse("selfservice:balie", kwargs={"locatie": "stadhuis"})
    client.force_login(make_user("redacteur"))
    assert client.get(url).status_code == 403
    client.force_login(make_user("teamleider"))
    for _ in range(3):
        services.ticket_draw(locatie=locatie)
    page = client.get(url).content.decode()
    assert "Open een extra balie" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="balie-paneel"' in fragment and "<html" not in fragment
    client.post(url, {"actie": "oproepen", "balie": "1"})
    assert locatie.tickets.filter(status=TicketStatus.OPGEROEPEN).count() == 1


def test_kiosk_gives_a_ticket_with_a_live_estimate(client, wereld, locatie):
    url = reverse("selfservice:kiosk", kwargs={"locatie": "stadhuis"})
    assert "Welkom" in client.get(url).content.decode()
    response = client.post(url, {"product": str(wereld.producten["verhuismelding"].uuid)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "B001" in page and 'hx-trigger="every 15s"' in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Gelijktijdigheid op PostgreSQL")
def test_concurrent_bookings_never_overfill_a_slot(wereld, locatie):
    import threading

    from django.db import connections

    slot = selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))[0]
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def book(n):
        try:
            barrier.wait()
            _boek(wereld, locatie, slot.start, key=f"k{n}")
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.field or "?")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert outcomes.count("ok") == 1
    assert outcomes.count("tijdslot") == 9
    assert Afspraak.objects.filter(status=AfspraakStatus.GEPLAND).count() == 1


def test_a_citizens_coming_appointments(wereld, locatie):
    slots = selectors.tijdsloten(locatie=locatie, datum=_volgende_dag(locatie))
    mijn, _ = _boek(wereld, locatie, slots[0].start, key="m1", partij=wereld.partij)
    afgezegd, _ = _boek(wereld, locatie, slots[1].start, key="m2", partij=wereld.partij)
    services.afspraak_cancel(afspraak=afgezegd)
    _boek(wereld, locatie, slots[2].start, key="m3")  # someone else's
    assert list(selectors.afspraak_list_for_partij(wereld.partij)) == [mijn]
    assert list(selectors.afspraak_list_for_partij(None)) == []
