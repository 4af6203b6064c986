import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from loket.cases.models import Zaak
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.messaging.models import Bericht
from loket.parties.models import Partij
from loket.registries.models import BrpPersoon
from loket.selfservice.models import Inzending, InzendingStatus, Route
from loket.selfservice.selectors import inzending_for_retry, inzending_list_for_partij
from loket.selfservice.services import (
    bijlage_add,
    concept_save,
    concept_start,
    inzending_submit,
    inzendingen_process,
    stap_validate,
)
from loket.selfservice.services import inzendingen as route  # where the route calls cases
from loket.selfservice.tests.conftest import BSN_BUURMAN, BSN_KIND, BSN_PARTNER, verhuis_gegevens


def _indienen(wereld, slug="verhuismelding", key="sleutel-1", **overrides):
    return inzending_submit(
        formulier=wereld.formulieren[slug],
        gegevens=verhuis_gegevens(wereld, **overrides) if slug == "verhuismelding" else overrides,
        idempotency_key=key,
        partij=wereld.partij,
    )


def _errors(excinfo) -> dict:
    return excinfo.value.as_dict()


# --- the Flits verhuismelding -----------------------------------------------------------------


def test_verhuismelding_is_handled_in_one_go(wereld):
    inzending, created = _indienen(wereld)

    assert created
    assert inzending.status == InzendingStatus.AFGEHANDELD
    assert inzending.route == Route.FLITS
    for persoon in (wereld.hoofd, wereld.partner):
        persoon.refresh_from_db()
        assert persoon.adres == wereld.nieuw
        assert persoon.datum_aanvang_adreshouding == timezone.localdate() + dt.timedelta(days=3)
    wereld.kind.refresh_from_db()
    assert wereld.kind.adres == wereld.oud  # not chosen as co-mover
    contact = inzending.klantcontact
    assert contact.kanaal.code == "website"
    assert contact.partij == wereld.partij
    vraag = contact.vragen.get()
    assert vraag.afhandeling == Afhandeling.ZELFSTANDIG
    assert vraag.product == wereld.producten["verhuismelding"]
    zaak = inzending.zaak
    assert zaak.einddatum == timezone.localdate()
    assert [s.statustype.omschrijving for s in zaak.statussen.all()] == [
        "Melding ontvangen",
        "Verwerkt",
    ]
    bericht = Bericht.objects.get(aanleiding_type="inzending", aanleiding_id=str(inzending.uuid))
    assert bericht.soort == "bevestiging"
    assert "Terpstraat 2" in bericht.tekst
    assert inzending.resultaat["personen"] == ["Jan Jansen", "Els Jansen"]
    assert list(inzending_list_for_partij(wereld.partij)) == [inzending]
    # One message about the move: the confirmation, not also the zaak's two status messages.
    assert not Bericht.objects.filter(aanleiding_type="zaak").exists()


def test_a_retried_submission_is_stored_once(wereld):
    first, _ = _indienen(wereld)
    berichten = Bericht.objects.count()
    # The retry arrives after the move is done: it must not be validated again, nor stored twice.
    again, created = _indienen(wereld)

    assert not created
    assert again.pk == first.pk
    assert Inzending.objects.count() == 1
    assert Klantcontact.objects.count() == 1
    assert Zaak.objects.count() == 1
    assert Bericht.objects.count() == berichten
    assert Bericht.objects.filter(aanleiding_type="inzending").count() == 1


def test_another_visitors_key_never_returns_their_submission(wereld):
    """Before, a submit with someone else's key got their submission back (name, address, the
    move): the key is scoped to the visitor who made it, like the API's keys (issue 14/15)."""
    first, _ = _indienen(wereld)
    for partij in (None, Partij.objects.create(soort="persoon", weergavenaam="Buurman")):
        with pytest.raises(DomainError) as excinfo:
            inzending_submit(
                formulier=wereld.formulieren["verhuismelding"],
                gegevens=verhuis_gegevens(wereld),
                idempotency_key="sleutel-1",
                partij=partij,
            )
        assert "sleutel" in _errors(excinfo)
        assert inzending_for_retry(idempotency_key="sleutel-1", partij=partij) is None
    assert inzending_for_retry(idempotency_key="sleutel-1", partij=wereld.partij) == first
    assert Inzending.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"postcode": "8431AB", "huisnummer": "99"}, "postcode"),
        ({"postcode": "9999ZZ", "huisnummer": "4"}, "postcode"),  # another municipality
        ({"huisnummer": "1"}, "postcode"),  # the current address
        ({"huisnummer": "2a3"}, "huisnummer"),
        ({"verhuisdatum": "31-02-2026"}, "verhuisdatum"),
        ({"meeverhuizers": [BSN_BUURMAN]}, "meeverhuizers"),
        ({"anderen_verhuizen_mee": "ja", "anderen_namen": "  "}, "anderen_namen"),
        ({"email": "jan@"}, "email"),
    ],
)
def test_verhuismelding_bad_input_is_refused_at_the_field(wereld, overrides, field):
    with pytest.raises(DomainError) as excinfo:
        _indienen(wereld, **overrides)

    assert field in _errors(excinfo)
    assert Inzending.objects.count() == 0
    wereld.hoofd.refresh_from_db()
    assert wereld.hoofd.adres == wereld.oud


def test_move_date_more_than_four_weeks_ahead_is_refused(wereld):
    datum = timezone.localdate() + dt.timedelta(weeks=4, days=1)
    with pytest.raises(DomainError) as excinfo:
        _indienen(wereld, verhuisdatum=datum.isoformat())
    message = _errors(excinfo)["verhuisdatum"][0]
    assert "hoogstens 4 weken" in message


def test_unknown_address_message_is_dutch_and_names_the_bag(wereld):
    with pytest.raises(DomainError) as excinfo:
        _indienen(wereld, huisnummer="99")
    assert "BAG" in _errors(excinfo)["postcode"][0]


def test_a_late_report_is_accepted_but_goes_to_the_back_office(wereld):
    datum = timezone.localdate() - dt.timedelta(days=10)
    inzending, _ = _indienen(wereld, verhuisdatum=datum.isoformat())

    assert inzending.status == InzendingStatus.IN_BEHANDELING
    assert inzending.route == Route.BACKOFFICE
    assert "Te laat gemeld" in inzending.reden
    wereld.hoofd.refresh_from_db()
    assert wereld.hoofd.adres == wereld.oud
    zaak = inzending.zaak
    assert zaak.einddatum is None
    assert zaak.team == wereld.team
    assert zaak.einddatum_gepland == get_calendar().add_working_days(timezone.localdate(), 2)
    assert "Te laat gemeld" in zaak.omschrijving
    assert inzending.klantcontact.vragen.get().afhandeling == Afhandeling.ZAAK
    # One message that it was received: the zaak's first status tells the citizen.
    assert Bericht.objects.filter(partij=wereld.partij).count() == 1


def test_an_address_under_investigation_stops_the_automation(wereld):
    inzending, _ = _indienen(wereld, huisnummer="3")

    assert inzending.route == Route.BACKOFFICE
    assert "in onderzoek" in inzending.reden
    assert BrpPersoon.objects.filter(adres=wereld.onderzoek).count() == 0


def test_co_movers_not_living_here_go_to_the_back_office(wereld):
    inzending, _ = _indienen(
        wereld, anderen_verhuizen_mee="ja", anderen_namen="Piet Jansen, 01-01-1950"
    )
    assert inzending.route == Route.BACKOFFICE
    assert "Piet Jansen" in inzending.reden


def test_a_crash_while_closing_the_zaak_leaves_no_half_move(wereld, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(route, "zaak_set_status", broken)
    inzending, _ = _indienen(wereld)

    # Handed over: the back office gets a zaak with the reason; the BRP is untouched.
    assert inzending.status == InzendingStatus.IN_BEHANDELING
    assert "technische fout" in inzending.reden
    assert "database weg" in inzending.laatste_fout
    for persoon in (wereld.hoofd, wereld.partner):
        persoon.refresh_from_db()
        assert persoon.adres == wereld.oud
    assert inzending.resultaat == {}
    assert Zaak.objects.count() == 1 and Zaak.objects.get().einddatum is None
    assert Klantcontact.objects.count() == 1
    assert not Bericht.objects.filter(tekst__contains="verwerkt").exists()


def test_when_even_the_handover_fails_the_submission_is_kept_and_retried(wereld, monkeypatch):
    real = route.zaak_create

    def broken(**kwargs):
        raise RuntimeError("zaaksysteem onbereikbaar")

    monkeypatch.setattr(route, "zaak_create", broken)
    inzending, _ = _indienen(wereld)

    assert inzending.status == InzendingStatus.ONTVANGEN
    assert inzending.verwerkpogingen == 1
    wereld.hoofd.refresh_from_db()
    assert wereld.hoofd.adres == wereld.oud
    assert Klantcontact.objects.count() == 0 and Zaak.objects.count() == 0

    monkeypatch.setattr(route, "zaak_create", real)
    assert inzendingen_process() == 1
    inzending.refresh_from_db()
    assert inzending.status == InzendingStatus.AFGEHANDELD
    wereld.hoofd.refresh_from_db()
    assert wereld.hoofd.adres == wereld.nieuw
    assert Klantcontact.objects.count() == 1


def test_the_http_registry_refuses_so_the_move_goes_to_the_back_office(wereld, monkeypatch):
    from loket.registries.backends.demo import DemoBrp

    def refuse(self, bsns, adres, datum):
        raise DomainError("Een verhuizing kan niet via de BRP-koppeling worden geregistreerd.")

    monkeypatch.setattr(DemoBrp, "verhuizingen_registreren", refuse)
    inzending, _ = _indienen(wereld)
    assert inzending.route == Route.BACKOFFICE
    assert "BRP-koppeling" in inzending.reden


# --- other Flits products and Vlot --------------------------------------------------------------


def test_afvalpas_is_replaced_automatically(wereld):
    inzending, _ = _indienen(wereld, "afvalpas", reden="kwijt", email="jan@voorbeeld.example")
    assert inzending.status == InzendingStatus.AFGEHANDELD
    assert inzending.resultaat["pasnummer"].startswith("AP")
    assert inzending.zaak.einddatum is not None
    assert (
        inzending.resultaat["pasnummer"] in Bericht.objects.get(aanleiding_type="inzending").tekst
    )


def test_brp_uittreksel_is_made_at_once(wereld):
    inzending, _ = _indienen(wereld, "uittreksel-brp", doel="werkgever")
    document = inzending.resultaat["document"]
    assert "999993653" in document
    assert "Jan Jansen" in document
    assert "Terpstraat 1" in document


def test_conditional_field_is_required_only_when_shown(wereld):
    formulier = wereld.formulieren["uittreksel-brp"]
    with pytest.raises(DomainError) as excinfo:
        stap_validate(formulier=formulier, stap=0, gegevens={"doel": "anders"}, partij=None)
    assert "doel_anders" in _errors(excinfo)
    cleaned = stap_validate(
        formulier=formulier, stap=0, gegevens={"doel": "werkgever", "doel_anders": ""}, partij=None
    )
    assert cleaned == {"doel": "werkgever"}


def test_invalid_iban_is_refused_at_the_field(wereld):
    formulier = wereld.formulieren["parkeervergunning"]
    with pytest.raises(DomainError) as excinfo:
        stap_validate(
            formulier=formulier,
            stap=1,
            gegevens={"iban": "NL91 ABNA 0417 1643 01", "machtiging": "on"},
            partij=None,
        )
    assert "geen geldig IBAN" in _errors(excinfo)["iban"][0]
    ok = stap_validate(
        formulier=formulier,
        stap=1,
        gegevens={"iban": "nl91 abna 0417 1643 00", "machtiging": "on"},
        partij=None,
    )
    assert ok["iban"] == "NL91ABNA0417164300"


def test_vlot_product_opens_a_zaak_with_the_servicenorm(wereld):
    inzending, _ = _indienen(
        wereld,
        "parkeervergunning",
        kenteken="12-abc-3",
        iban="NL91ABNA0417164300",
        machtiging="on",
        email="jan@voorbeeld.example",
    )
    assert inzending.route == Route.BACKOFFICE
    assert inzending.reden == ""
    assert inzending.gegevens["kenteken"] == "12ABC3"
    assert inzending.zaak.einddatum_gepland == get_calendar().add_working_days(
        timezone.localdate(), 10
    )
    assert inzending.zaak.team == wereld.team


# --- concepts and attachments -------------------------------------------------------------------


def test_concept_is_prefilled_resumed_and_private(wereld):
    formulier = wereld.formulieren["verhuismelding"]
    concept = concept_start(formulier=formulier, partij=wereld.partij)
    assert concept.gegevens["email"] == "jan@voorbeeld.example"

    concept_save(
        concept=concept,
        stap=0,
        gegevens={"postcode": "8431", "huisnummer": "x"},
        partij=wereld.partij,
        valideren=False,
    )
    again = concept_start(formulier=formulier, partij=wereld.partij)
    assert again.pk == concept.pk
    assert again.gegevens["postcode"] == "8431"  # kept as typed
    assert again.stap == 0

    from loket.parties.models import Partij

    ander = Partij.objects.create(soort="persoon", weergavenaam="Ander")
    with pytest.raises(DomainError):
        concept_save(concept=concept, stap=0, gegevens={}, partij=ander)


def test_login_is_required_for_a_digid_form(wereld):
    with pytest.raises(DomainError) as excinfo:
        concept_start(formulier=wereld.formulieren["verhuismelding"], partij=None)
    assert excinfo.value.code == "login_required"


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("loonstrook.pdf", b"MZ\x90\x00 not a pdf", "geen echt PDF"),
        ("loonstrook.exe", b"MZ\x90\x00", "niet is toegestaan"),
        ("groot.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1), "te groot"),
    ],
)
def test_attachments_are_checked_for_type_and_size(
    wereld, tmp_path, settings, name, content, fragment
):
    settings.MEDIA_ROOT = tmp_path
    concept = concept_start(formulier=wereld.formulieren["kwijtschelding"], partij=wereld.partij)
    with pytest.raises(DomainError) as excinfo:
        bijlage_add(
            concept=concept,
            veld="bewijs_inkomen",
            upload=SimpleUploadedFile(name, content),
            partij=wereld.partij,
        )
    assert fragment in excinfo.value.message


def test_attachment_moves_to_the_submission(wereld, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    formulier = wereld.formulieren["kwijtschelding"]
    concept = concept_start(formulier=formulier, partij=wereld.partij)
    bijlage = bijlage_add(
        concept=concept,
        veld="bewijs_inkomen",
        upload=SimpleUploadedFile("loonstrook.pdf", b"%PDF-1.4\n%%EOF\n"),
        partij=wereld.partij,
    )
    gegevens = {
        "aanslagnummer": "2026-123",
        "inkomen": "aow",
        "iban": "NL91ABNA0417164300",
        "email": "jan@voorbeeld.example",
    }
    inzending, _ = inzending_submit(
        formulier=formulier,
        gegevens=gegevens,
        idempotency_key=concept.sleutel,
        partij=wereld.partij,
        concept=concept,
    )
    bijlage.refresh_from_db()
    assert bijlage.inzending == inzending and bijlage.concept is None
    concept.refresh_from_db()
    assert concept.inzending == inzending


def test_required_attachment_missing_is_named(wereld):
    with pytest.raises(DomainError) as excinfo:
        _indienen(
            wereld,
            "kwijtschelding",
            aanslagnummer="1",
            inkomen="aow",
            iban="NL91ABNA0417164300",
            email="a@b.nl",
        )
    assert "bewijs_inkomen" in _errors(excinfo)


# --- concurrency (PostgreSQL) -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Gelijktijdigheid op PostgreSQL")
def test_fifty_concurrent_duplicate_submits_store_one_submission(wereld):
    import threading

    from django.db import connections

    barrier = threading.Barrier(50)
    results: list = []
    errors: list = []

    def submit():
        try:
            barrier.wait()
            inzending, created = _indienen(wereld, key="dubbelklik")
            results.append((inzending.pk, created))
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(results) == 50
    assert len({pk for pk, _ in results}) == 1
    assert sum(1 for _, created in results if created) == 1
    assert Inzending.objects.count() == 1
    assert Klantcontact.objects.count() == 1
    assert Zaak.objects.count() == 1
    assert Bericht.objects.filter(aanleiding_type="inzending").count() == 1
    assert BrpPersoon.objects.filter(adres=wereld.nieuw).count() == 2


def test_kind_can_move_along(wereld):
    inzending, _ = _indienen(wereld, meeverhuizers=[BSN_PARTNER, BSN_KIND])
    assert BrpPersoon.objects.filter(adres=wereld.nieuw).count() == 3
    assert inzending.status == InzendingStatus.AFGEHANDELD


def test_the_retry_command_routes_what_was_left(wereld, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    def broken(**kwargs):
        raise RuntimeError("weg")

    monkeypatch.setattr(route, "zaak_create", broken)
    inzending, _ = _indienen(wereld, "afvalpas", reden="kapot", email="jan@voorbeeld.example")
    assert inzending.status == InzendingStatus.ONTVANGEN
    monkeypatch.undo()
    out = StringIO()
    call_command("inzendingen_verwerken", stdout=out)
    assert "1 inzending(en) alsnog verwerkt" in out.getvalue()
    inzending.refresh_from_db()
    assert inzending.status == InzendingStatus.AFGEHANDELD
    assert inzending.verwerkpogingen == 2


def test_a_form_definition_is_checked(wereld):
    from loket.selfservice.admin import FormulierAdminForm

    form = FormulierAdminForm(
        data={
            "slug": "x",
            "titel": "X",
            "product": wereld.producten["afvalpas"].pk,
            "stappen": '[{"titel": "Een", "velden": [{"naam": "a", "type": "onbekend"}]}]',
            "inloggen_verplicht": "",
            "is_actief": "on",
        }
    )
    assert not form.is_valid()
    assert "onbekend type" in form.errors["stappen"][0]


def test_expired_concepts_are_cleaned_up(wereld):
    from loket.selfservice.models import Concept
    from loket.selfservice.services import concepten_purge_expired

    oud = concept_start(formulier=wereld.formulieren["verhuismelding"], partij=wereld.partij)
    Concept.objects.filter(pk=oud.pk).update(verloopt_op=timezone.now() - dt.timedelta(days=1))
    vers = concept_start(formulier=wereld.formulieren["afvalpas"], partij=wereld.partij)
    assert concepten_purge_expired() == 1
    assert list(Concept.objects.values_list("pk", flat=True)) == [vers.pk]


def test_the_worker_planner_queues_one_retry_and_the_task_routes_the_submission(
    wereld, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from loket.core.jobs import tick as planner_tick
    from loket.selfservice.tasks import inzendingen_verwerken_taak

    def broken(**kwargs):
        raise RuntimeError("weg")

    monkeypatch.setattr(route, "zaak_create", broken)
    inzending, _ = _indienen(wereld, "afvalpas", reden="kapot", email="jan@voorbeeld.example")
    assert inzending.status == InzendingStatus.ONTVANGEN
    monkeypatch.undo()

    assert planner_tick()["inzendingen"] is True
    assert planner_tick()["inzendingen"] is False  # one waiting task is enough
    queued = DBTaskResult.objects.filter(task_path=inzendingen_verwerken_taak.module_path)
    assert queued.count() == 1

    assert inzendingen_verwerken_taak.call() == {"verwerkt": 1, "concepten_opgeruimd": 0}
    inzending.refresh_from_db()
    assert inzending.status == InzendingStatus.AFGEHANDELD
