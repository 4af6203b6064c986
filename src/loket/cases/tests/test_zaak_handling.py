"""Zaak handling: transitions as data, informeren, suspension/extension/resumption, documents,
result, reopen, and concurrent status changes."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.accounts.services import team_add_member
from loket.cases.models import (
    Resultaattype,
    Statustype,
    Zaak,
    ZaakDocument,
    ZaakGebeurtenis,
    ZaakGebeurtenisSoort,
)
from loket.cases.services import (
    allowed_statustypen,
    resultaattype_create,
    zaak_add_document,
    zaak_add_note,
    zaak_assign,
    zaak_close,
    zaak_create,
    zaak_deadlines,
    zaak_extend,
    zaak_reopen,
    zaak_resume,
    zaak_set_status,
    zaak_suspend,
    zaaktype_create,
    zaaktype_set_transitions,
)
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.messaging.models import Bericht

MONDAY = dt.date(2026, 3, 2)
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def flexibel(team):
    """A zaaktype that may be suspended (at most 20 working days) and extended by 10."""
    zaaktype = zaaktype_create(
        identificatie="bezwaar",
        omschrijving="Bezwaarschrift",
        doorlooptijd_werkdagen=30,
        servicenorm_werkdagen=20,
        statustypen=[
            ("Ontvangen", True, "We hebben uw bezwaar ontvangen."),
            ("Hoorzitting gepland", True, "Er is een hoorzitting gepland."),
            ("In behandeling", False, ""),
            ("Afgehandeld", True, "Er is op uw bezwaar beslist."),
        ],
        team=team,
        opschorting_mogelijk=True,
        verlenging_mogelijk=True,
        verlengingstermijn_werkdagen=10,
    )
    zaaktype.opschortingstermijn_werkdagen = 20
    zaaktype.save()
    return zaaktype


def statustype(zaaktype, volgnummer):
    return Statustype.objects.get(zaaktype=zaaktype, volgnummer=volgnummer)


# --- transitions ---------------------------------------------------------------------------


def test_without_declared_transitions_a_zaak_moves_forward_and_may_skip(zaaktype, partij):
    zaak = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=MONDAY)
    assert [st.volgnummer for st in allowed_statustypen(zaak=zaak)] == [2, 3]
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 3))
    assert zaak.einddatum is not None


def test_declared_transitions_are_enforced_with_a_dutch_error(flexibel, partij):
    zaaktype_set_transitions(zaaktype=flexibel, overgangen=[(1, 3), (3, 2), (2, 3), (3, 4)])
    zaak = zaak_create(zaaktype=flexibel, initiator=partij, startdatum=MONDAY)
    with pytest.raises(DomainError) as exc:
        zaak_set_status(zaak=zaak, statustype=statustype(flexibel, 4))
    assert exc.value.field == "statustype"
    assert "wel naar 'In behandeling'" in exc.value.message
    assert zaak.statussen.count() == 1
    # Declared: back from 3 to 2 is allowed here, against volgnummer order.
    zaak_set_status(zaak=zaak, statustype=statustype(flexibel, 3))
    zaak_set_status(zaak=zaak, statustype=statustype(flexibel, 2))
    assert zaak.status.statustype.volgnummer == 2
    assert [s.volgnummer for s in allowed_statustypen(zaak=zaak)] == [3]


def test_a_status_of_another_zaaktype_is_refused_and_nothing_is_saved(zaaktype, flexibel):
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    events = ZaakGebeurtenis.objects.count()
    with pytest.raises(DomainError, match="hoort niet bij het zaaktype"):
        zaak_set_status(zaak=zaak, statustype=statustype(flexibel, 2))
    assert zaak.statussen.count() == 1
    assert ZaakGebeurtenis.objects.count() == events


def test_transitions_naming_unknown_statuses_are_refused(flexibel):
    with pytest.raises(DomainError, match="noemt een status"):
        zaaktype_set_transitions(zaaktype=flexibel, overgangen=[(1, 9)])


# --- informeren ----------------------------------------------------------------------------


def test_status_with_informeren_queues_one_message_to_the_initiator(zaaktype, partij):
    zaak = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=MONDAY)
    first = zaak.status
    bericht = Bericht.objects.get(sleutel=f"zaak:{zaak.uuid}:status:{first.pk}")
    assert bericht.partij == partij
    assert bericht.tekst.startswith("We hebben uw aanvraag ontvangen.")
    assert bericht.aanleiding_id == str(zaak.uuid)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 2))  # informeren=False
    assert Bericht.objects.filter(aanleiding_id=str(zaak.uuid)).count() == 1
    assert zaak.gebeurtenissen.filter(soort=ZaakGebeurtenisSoort.BERICHT).count() == 1


def test_without_initiator_no_message_is_queued(zaaktype):
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    assert not Bericht.objects.filter(aanleiding_id=str(zaak.uuid)).exists()


# --- suspension, extension, resumption -----------------------------------------------------


def test_suspension_is_refused_when_the_zaaktype_forbids_it(zaaktype):
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    before = (zaak.einddatum_gepland, zaak.uiterlijke_einddatum_afdoening)
    with pytest.raises(DomainError) as exc:
        zaak_suspend(zaak=zaak, reden="Wacht op stukken", datum=MONDAY)
    assert exc.value.field == "opschorting"
    assert "niet worden opgeschort" in exc.value.message
    zaak.refresh_from_db()
    assert zaak.opgeschort_sinds is None
    assert (zaak.einddatum_gepland, zaak.uiterlijke_einddatum_afdoening) == before
    assert not zaak.gebeurtenissen.filter(soort=ZaakGebeurtenisSoort.OPGESCHORT).exists()


def test_suspension_moves_both_dates_by_the_working_days_on_hold(flexibel):
    zaak = zaak_create(zaaktype=flexibel, startdatum=MONDAY)
    cal = get_calendar()
    assert zaak.einddatum_gepland == cal.add_working_days(MONDAY, 20)
    zaak_suspend(zaak=zaak, reden="Aanvullende stukken gevraagd", datum=dt.date(2026, 3, 4))
    with pytest.raises(DomainError, match="opgeschort"):
        zaak_set_status(zaak=zaak, statustype=statustype(flexibel, 2))
    zaak_resume(zaak=zaak, datum=dt.date(2026, 3, 11))  # Wed → next Wed: 5 working days
    zaak.refresh_from_db()
    assert zaak.opgeschort_werkdagen == 5
    assert zaak.einddatum_gepland == cal.add_working_days(MONDAY, 25)
    assert zaak.uiterlijke_einddatum_afdoening == cal.add_working_days(MONDAY, 35)
    soorten = list(zaak.gebeurtenissen.values_list("soort", flat=True))
    assert ZaakGebeurtenisSoort.OPGESCHORT in soorten and ZaakGebeurtenisSoort.HERVAT in soorten


def test_extension_within_the_limit_and_refused_beyond_it(flexibel, zaaktype):
    zaak = zaak_create(zaaktype=flexibel, startdatum=MONDAY)
    cal = get_calendar()
    zaak_extend(zaak=zaak, reden="Advies nodig", werkdagen=6)
    assert zaak.uiterlijke_einddatum_afdoening == cal.add_working_days(MONDAY, 36)
    with pytest.raises(DomainError, match="nog hoogstens 4 werkdagen"):
        zaak_extend(zaak=zaak, reden="Nog meer", werkdagen=5)
    zaak.refresh_from_db()
    assert zaak.verlengd_werkdagen == 6
    other = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    with pytest.raises(DomainError, match="niet worden verlengd"):
        zaak_extend(zaak=other, reden="x", werkdagen=1)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
    gap=st.integers(min_value=0, max_value=30),
    hold=st.integers(min_value=0, max_value=40),
    extension=st.integers(min_value=0, max_value=10),
)
def test_deadlines_after_suspension_and_extension_are_the_norm_plus_those_working_days(
    flexibel, start, gap, hold, extension
):
    """Property: whatever the order, einddatum_gepland = start + servicenorm + days on hold
    (capped at the zaaktype's limit) + extension working days, and the legal date likewise."""
    cal = get_calendar()
    zaak = zaak_create(zaaktype=flexibel, startdatum=start)
    suspend_on = start + dt.timedelta(days=gap)
    resume_on = suspend_on + dt.timedelta(days=hold)
    if extension:
        zaak_extend(zaak=zaak, reden="Complex", werkdagen=extension)
    zaak_suspend(zaak=zaak, reden="Wacht", datum=suspend_on)
    zaak_resume(zaak=zaak, datum=resume_on)
    on_hold = min(cal.working_days_between(suspend_on, resume_on), 20)
    zaak.refresh_from_db()
    assert zaak.opgeschort_werkdagen == on_hold
    assert zaak.einddatum_gepland == cal.add_working_days(start, 20 + on_hold + extension)
    assert zaak.uiterlijke_einddatum_afdoening == cal.add_working_days(
        start, 30 + on_hold + extension
    )
    # Both dates are working days and the legal date is never before the planned one.
    assert cal.is_working_day(zaak.einddatum_gepland)
    assert zaak.einddatum_gepland <= zaak.uiterlijke_einddatum_afdoening
    assert (zaak.einddatum_gepland, zaak.uiterlijke_einddatum_afdoening) == zaak_deadlines(
        zaaktype=flexibel,
        startdatum=start,
        opgeschort_werkdagen=on_hold,
        verlengd_werkdagen=extension,
    )


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
    norm=st.integers(min_value=1, max_value=60),
    extra=st.integers(min_value=0, max_value=60),
)
def test_extra_working_days_move_a_deadline_by_exactly_that_many_working_days(start, norm, extra):
    cal = get_calendar()
    before = cal.add_working_days(start, norm)
    after = cal.add_working_days(start, norm + extra)
    assert cal.working_days_between(before, after) == extra
    assert cal.is_working_day(after)


# --- notes, documents, result, reopen, assignment ------------------------------------------


def stored_files() -> int:
    from django.core.files.storage import default_storage

    def walk(path):
        try:
            dirs, files = default_storage.listdir(path)
        except FileNotFoundError:
            return 0
        return len(files) + sum(walk(f"{path}/{d}" if path else d) for d in dirs)

    return walk("zaken")


def test_notes_and_a_valid_document_are_kept_on_the_timeline(zaaktype, make_user):
    user = make_user("backoffice-medewerker")
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    zaak_add_note(zaak=zaak, tekst="Klant gebeld, stukken volgen.", user=user)
    document = zaak_add_document(
        zaak=zaak,
        bestand=SimpleUploadedFile("besluit.pdf", PDF, content_type="application/pdf"),
        titel="Besluit",
        user=user,
    )
    assert document.grootte == len(PDF)
    with document.bestand.open("rb") as fh:
        assert fh.read() == PDF
    soorten = set(zaak.gebeurtenissen.values_list("soort", flat=True))
    assert {ZaakGebeurtenisSoort.NOTITIE, ZaakGebeurtenisSoort.DOCUMENT} <= soorten


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "application/octet-stream", "niet toegestaan"),
        ("nep.pdf", b"MZ\x90\x00 not a pdf", "application/pdf", "past niet bij de extensie"),
        ("foto.png", b"%PDF-1.4", "application/pdf", "extensie .png maar is van het type"),
        ("leeg.pdf", b"", "application/pdf", "leeg"),
    ],
)
def test_disallowed_documents_are_refused_and_nothing_is_stored(
    zaaktype, make_user, name, content, content_type, message
):
    files = stored_files()
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    with pytest.raises(DomainError) as exc:
        zaak_add_document(
            zaak=zaak,
            bestand=SimpleUploadedFile(name, content, content_type=content_type),
            user=make_user("backoffice-medewerker"),
        )
    assert message in exc.value.message
    assert exc.value.field == "bestand"
    assert not ZaakDocument.objects.exists()
    assert stored_files() == files


def test_a_document_over_the_size_limit_is_refused(zaaktype, settings):
    settings.LOKET_ZAAK_DOCUMENT_MAX_BYTES = 1024
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    with pytest.raises(DomainError, match="te groot"):
        zaak_add_document(
            zaak=zaak,
            bestand=SimpleUploadedFile("groot.pdf", PDF + b"x" * 2000, "application/pdf"),
            user=None,
        )
    assert not ZaakDocument.objects.exists()


def test_close_with_result_then_reopen(zaaktype, flexibel, partij, make_user):
    user = make_user("teamleider")
    verleend = resultaattype_create(zaaktype=zaaktype, omschrijving="Verleend")
    elders = resultaattype_create(zaaktype=flexibel, omschrijving="Gegrond")
    zaak = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=MONDAY)
    with pytest.raises(DomainError, match="hoort niet bij het zaaktype"):
        zaak_close(zaak=zaak, resultaattype=elders, user=user)
    zaak.refresh_from_db()
    assert zaak.einddatum is None and zaak.resultaat is None
    zaak_close(zaak=zaak, resultaattype=verleend, user=user, toelichting="Akkoord")
    zaak.refresh_from_db()
    assert zaak.einddatum is not None and zaak.resultaat == verleend
    assert zaak.status.statustype.volgnummer == 3
    # The end status informs the citizen.
    assert Bericht.objects.filter(sleutel=f"zaak:{zaak.uuid}:status:{zaak.status.pk}").exists()
    with pytest.raises(DomainError, match="afgesloten"):
        zaak_extend(zaak=zaak, reden="x", werkdagen=1)
    zaak_reopen(zaak=zaak, reden="Bezwaar van de klant", user=user)
    zaak.refresh_from_db()
    assert zaak.einddatum is None and zaak.resultaat is None
    assert zaak.status.statustype.volgnummer == 2
    assert zaak.statussen.count() == 3  # nothing overwritten: history only grows
    assert Resultaattype.objects.count() == 2


def test_assignment_by_teamleider_only_to_team_members(zaaktype, team, make_user):
    from django.core.exceptions import PermissionDenied

    leider = make_user("teamleider")
    lid = make_user("backoffice-medewerker")
    buiten = make_user("backoffice-medewerker")
    team_add_member(team=team, user=lid)
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    with pytest.raises(PermissionDenied):
        zaak_assign(zaak=zaak, behandelaar=lid, user=buiten)
    with pytest.raises(DomainError, match="geen lid van het team"):
        zaak_assign(zaak=zaak, behandelaar=buiten, user=leider)
    zaak_assign(zaak=zaak, behandelaar=lid, user=leider)
    assert Zaak.objects.get(pk=zaak.pk).behandelaar == lid
    zaak_assign(zaak=zaak, behandelaar=buiten, user=buiten)  # taking it yourself
    assert Zaak.objects.get(pk=zaak.pk).behandelaar == buiten


# --- concurrency ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_behandelaars_setting_a_status_at_once_lose_no_update(flexibel, partij):
    """On PostgreSQL the zaak row lock serialises both: each status is appended, in order, and
    the zaak's current status is the last one written."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("Rijvergrendeling wordt op PostgreSQL getest.")
    zaak = zaak_create(zaaktype=flexibel, initiator=partij, startdatum=MONDAY)
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def run(volgnummer):
        try:
            barrier.wait()
            zaak_set_status(
                zaak=Zaak.objects.get(pk=zaak.pk), statustype=statustype(flexibel, volgnummer)
            )
            outcomes[volgnummer] = "ok"
        except DomainError as exc:
            outcomes[volgnummer] = exc.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    zaak.refresh_from_db()
    history = list(zaak.statussen.order_by("datum_status_gezet", "id"))
    if outcomes == {2: "ok", 3: "ok"}:
        # 2 then 3: both kept, current is 3.
        assert [s.statustype.volgnummer for s in history] == [1, 2, 3]
        assert zaak.status == history[-1]
    else:
        # 3 first: setting 2 afterwards is going back and is refused, never silently lost.
        assert outcomes[3] == "ok" and "kan niet terug" in outcomes[2]
        assert [s.statustype.volgnummer for s in history] == [1, 3]
    assert zaak.status.statustype.volgnummer == 3


def test_the_klantbeeld_list_carries_the_last_message_to_the_citizen(zaaktype, partij, make_user):
    from loket.cases.selectors import zaak_list_for_party

    zaak = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=MONDAY)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 2))  # informeren=False
    kcc = make_user("kcc-medewerker")
    row = zaak_list_for_party(partij=partij, user=kcc, purpose="Klantvraag").get()
    assert row.laatste_bericht_status == "Ontvangen"
    assert row.laatste_bericht_tekst == "We hebben uw aanvraag ontvangen."
    assert row.aantal_berichten == 1
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 3))
    row = zaak_list_for_party(partij=partij, user=kcc, purpose="Klantvraag").get()
    assert (row.laatste_bericht_status, row.aantal_berichten) == ("Afgehandeld", 2)


def test_the_case_timeline_shows_statuses_and_events_newest_first(zaaktype, make_user):
    from loket.cases.selectors import zaak_timeline

    user = make_user("backoffice-medewerker")
    zaak = zaak_create(zaaktype=zaaktype, startdatum=MONDAY)
    zaak_add_note(zaak=zaak, tekst="Eerste notitie", user=user)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 2), user=user)
    soorten = [entry.soort for entry in zaak_timeline(zaak=zaak)]
    assert soorten[0] == "status" and "notitie" in soorten and "aangemaakt" in soorten
    assert soorten.count("status") == 2  # one entry per status, not doubled by its event


def test_the_closing_message_asks_how_satisfied_the_citizen_is(team, partij):
    from loket.insights.models import Tevredenheidsmeting
    from loket.messaging.services import toestemming_record

    toestemming_record(partij=partij, tevredenheid=True)  # the survey only with consent

    zaaktype = zaaktype_create(
        identificatie="afvalpas-vervangen",
        omschrijving="Afvalpas vervangen",
        doorlooptijd_werkdagen=5,
        servicenorm_werkdagen=2,
        statustypen=[("Ontvangen", False, ""), ("Afgehandeld", True, "Uw nieuwe pas is onderweg.")],
        team=team,
    )
    zaak = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=MONDAY)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 2))

    meting = Tevredenheidsmeting.objects.get(zaak=zaak)
    bericht = Bericht.objects.get(aanleiding_id=str(zaak.uuid))
    assert bericht.tekst.startswith("Uw nieuwe pas is onderweg.")
    assert f"/tevredenheid/{meting.token}/" in bericht.tekst
