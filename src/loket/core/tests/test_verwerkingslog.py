"""The processing log after Logius' Logboek Dataverwerkingen (issue 18): the register, the
mapping of purposes to activities, the data subject, the trace per request and the export."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from loket.core.audit import (
    OBJECT_TYPE_ACTIVITIES,
    PURPOSE_ACTIVITIES,
    Activiteit,
    audit_activity_for,
    audit_persons_read,
    audit_record,
    audit_record_many,
)
from loket.core.models import AuditAction, AuditEntry, Verwerkingsactiviteit
from loket.core.tracing import current_trace_id, parse_traceparent, trace_scope
from loket.parties.tests.factories import OrganisatieFactory, PersoonFactory

INCOMING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


# --- the register ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_activity_the_mapping_names_is_in_the_seeded_register():
    codes = set(Verwerkingsactiviteit.objects.values_list("code", flat=True))
    named = {code for _word, code in PURPOSE_ACTIVITIES} | set(OBJECT_TYPE_ACTIVITIES.values())
    named |= {Activiteit.API, Activiteit.DEFAULT}
    assert named <= codes
    naam = dict(Verwerkingsactiviteit.objects.values_list("code", "naam"))
    assert naam[Activiteit.KLANTCONTACT] == "Klantcontact afhandelen"
    assert naam[Activiteit.MELDING] == "Melding openbare ruimte afhandelen"
    assert naam[Activiteit.INZAGE] == "Inzageverzoek AVG"
    assert all(
        a.doel and a.rechtsgrond and a.bewaartermijn for a in Verwerkingsactiviteit.objects.all()
    )


@pytest.mark.django_db
def test_the_privacy_officer_maintains_the_register_in_the_admin(client, make_user):
    activiteit = Verwerkingsactiviteit.objects.get(code=Activiteit.ZAAK)
    url = f"/admin/core/verwerkingsactiviteit/{activiteit.pk}/change/"
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(make_user("beheerder"))
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "naam": "Zaak behandelen",
            "doel": "Aanvragen afhandelen.",
            "rechtsgrond": "AVG art. 6 lid 1 sub e; Paspoortwet",
            "bewaartermijn": "20 jaar",
            "is_actief": "on",
            "code": "iets-anders",  # read-only once created: ignored
        },
    )
    assert response.status_code == 302
    activiteit.refresh_from_db()
    assert (activiteit.bewaartermijn, activiteit.code) == ("20 jaar", Activiteit.ZAAK)
    admin = site._registry[Verwerkingsactiviteit]
    request = RequestFactory().get("/")
    request.user = make_user("beheerder")
    assert not admin.has_delete_permission(request, activiteit)


# --- the mapping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("purpose", "object_type", "code"),
    [
        ("Klantbeeld bij klantcontact KC-2026-000042", "", Activiteit.KLANTBEELD),
        ("Inkomend telefoongesprek (klantbeeld bij de beller)", "", Activiteit.KLANTBEELD),
        ("Klantcontact registreren", "", Activiteit.KLANTCONTACT),
        ("Klant zoeken voor klantcontact", "", Activiteit.KLANTCONTACT),
        ("Chatgesprek met de inwoner voeren", "", Activiteit.KLANTCONTACT),
        ("Werkvoorraad contactverzoeken behandelen", "", Activiteit.CONTACTVERZOEK),
        ("Contactverzoek behandelen", "", Activiteit.CONTACTVERZOEK),
        ("Interne taak gewijzigd via de Klantinteracties-API", "", Activiteit.CONTACTVERZOEK),
        ("Schriftelijke vragen beantwoorden (inbox)", "", Activiteit.KLANTCONTACT),
        ("Klantcontact aan de klant gekoppeld", "", Activiteit.KLANTCONTACT),
        ("Klant vastleggen", "", Activiteit.KLANTGEGEVENS),
        ("Contactgegevens van de klant bijhouden", "", Activiteit.KLANTGEGEVENS),
        ("Gegevensbeheer (beheerscherm)", "", Activiteit.KLANTGEGEVENS),
        ("Zaak behandelen in de backoffice", "", Activiteit.ZAAK),
        ("Werkvoorraad zaken behandelen", "", Activiteit.ZAAK),
        ("Melding openbare ruimte behandelen", "", Activiteit.MELDING),
        ("Beheer van de outbox", "", Activiteit.BERICHTEN),
        ("Beheer van klantgegevens (Django-beheer)", "", Activiteit.KLANTGEGEVENS),
        ("Kanaalvoorkeur van de klant bijhouden", "", Activiteit.KLANTGEGEVENS),
        ("Inzageverzoek (AVG artikel 15)", "", Activiteit.INZAGE),
        ("Verzoek tot wissen (AVG artikel 17)", "", Activiteit.WISSEN),
        ("Verantwoording: export van het auditlog", "core.auditentry", Activiteit.VERANTWOORDING),
        ("Beveiliging: te veel mislukte inlogpogingen", "accounts.user", Activiteit.VERANTWOORDING),
        # no word of the list: the kind of record decides, else the default
        ("Controle", "cases.zaak", Activiteit.ZAAK),
        ("Controle", "meldingen.melding", Activiteit.MELDING),
        ("Nieuwsgierig", "parties.partij", Activiteit.DEFAULT),
    ],
)
def test_the_activity_is_derived_from_the_purpose_and_the_record(purpose, object_type, code):
    assert audit_activity_for(purpose=purpose, object_type=object_type) == code


def test_another_systems_call_is_the_api_coupling_whatever_its_purpose():
    from loket.api.authentication import TokenUser
    from loket.api.models import ApiToken

    caller = TokenUser(ApiToken(name="KISS"))
    assert audit_activity_for(purpose="Zaak behandelen", user=caller) == Activiteit.API


@pytest.mark.django_db
def test_a_caller_may_name_the_activity(make_user):
    entry = audit_record(
        user=make_user("kcc-medewerker"),
        action=AuditAction.READ,
        obj=PersoonFactory(),
        purpose="Klantcontact",
        activity=Activiteit.INZAGE,
    )
    assert entry.activity_id == Activiteit.INZAGE


# --- the data subject -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_data_subject_is_the_persons_bsn_the_kvk_number_or_the_partij(make_user):
    user = make_user("kcc-medewerker")
    persoon = PersoonFactory(bsn="999993653")
    organisatie = OrganisatieFactory(kvk_nummer="68750110")
    naamloos = PersoonFactory(bsn=None)
    found = {}
    for obj in (persoon, organisatie, naamloos):
        fresh = type(obj).objects.get(pk=obj.pk)  # nothing loaded: the resolver asks
        entry = audit_record(user=user, action=AuditAction.READ, obj=fresh, purpose="Klantvraag")
        found[obj.pk] = (entry.data_subject_type, entry.data_subject_id)
    assert found[persoon.pk] == ("BSN", "999993653")
    assert found[organisatie.pk] == ("KVK", "68750110")
    assert found[naamloos.pk] == ("partij-uuid", str(naamloos.uuid))


@pytest.mark.django_db
def test_a_record_of_a_partij_names_that_partij_as_subject(make_user):
    from loket.parties.models import DigitaalAdres

    persoon = PersoonFactory(bsn="999990019")
    adres = DigitaalAdres.objects.create(partij=persoon, soort="email", adres="j@example.nl")
    entry = audit_record(
        user=make_user("kcc-medewerker"), action=AuditAction.UPDATE, obj=adres, purpose="Klant"
    )
    assert (entry.data_subject_type, entry.data_subject_id) == ("BSN", "999990019")


@pytest.mark.django_db
def test_a_list_read_resolves_every_persons_subject_in_one_query(
    make_user, django_assert_max_num_queries
):
    user = make_user("kcc-medewerker")
    personen = [PersoonFactory() for _ in range(5)]
    # one SELECT for the five subjects, one INSERT (plus the savepoint pair of bulk_create)
    with django_assert_max_num_queries(4):
        audit_persons_read(user=user, persons=personen, purpose="Werkvoorraad zaken behandelen")
    entries = AuditEntry.objects.filter(object_type="parties.partij")
    assert entries.count() == 5
    assert {e.data_subject_id for e in entries} == {p.persoon.bsn for p in personen}
    assert {e.activity_id for e in entries} == {Activiteit.ZAAK}
    audit_record_many(user=user, objects=personen[:2], purpose="Klant zoeken voor klantcontact")
    latest = AuditEntry.objects.order_by("-pk")[:2]
    assert all(e.data_subject_type == "BSN" and e.activity_id for e in latest)


# --- trace ids ------------------------------------------------------------------------------


def test_a_valid_traceparent_is_parsed_and_an_invalid_one_is_refused():
    assert parse_traceparent(INCOMING) == ("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
    for invalid in [
        "",
        "onzin",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  # upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  # all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  # all-zero span id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  # version ff
        f"{INCOMING}-extra",  # version 00 has exactly four fields
    ]:
        assert parse_traceparent(invalid) is None, invalid


@pytest.mark.django_db
def test_an_incoming_traceparent_is_kept_for_the_request(client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.get("/beheer/auditlog/", HTTP_TRACEPARENT=INCOMING)
    trace_id, span_id = parse_traceparent(response["traceparent"])
    assert trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert span_id != "00f067aa0ba902b7"  # Loket's own span in the caller's trace


@pytest.mark.django_db
def test_an_invalid_traceparent_is_replaced_by_a_new_trace(client, make_user):
    client.force_login(make_user("beheerder"))
    invalid = "00-00000000000000000000000000000000-00f067aa0ba902b7-01"
    first = client.get("/beheer/auditlog/", HTTP_TRACEPARENT=invalid)["traceparent"]
    second = client.get("/beheer/auditlog/")["traceparent"]
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", first)
    assert parse_traceparent(first) is not None
    assert parse_traceparent(first)[0] != parse_traceparent(second)[0]  # a trace per request


@pytest.mark.django_db
def test_entries_of_one_trace_share_its_id_and_each_has_its_own_span(make_user):
    user = make_user("kcc-medewerker")
    with trace_scope(INCOMING) as trace:
        first = audit_record(
            user=user, action=AuditAction.READ, obj=PersoonFactory(), purpose="Klantvraag"
        )
        second = audit_record(
            user=user, action=AuditAction.UPDATE, obj=PersoonFactory(), purpose="Klantvraag"
        )
        assert current_trace_id() == trace.trace_id
    assert current_trace_id() == ""
    assert first.trace_id == second.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert first.parent_span_id == second.parent_span_id == trace.span_id
    assert first.span_id != second.span_id
    outside = audit_record(user=user, action=AuditAction.READ, obj=user, purpose="Klantvraag")
    assert len(outside.trace_id) == 32 and outside.trace_id != first.trace_id


@pytest.mark.django_db
def test_a_message_and_a_notification_written_in_a_trace_carry_its_id():
    from loket.messaging.services import bericht_queue
    from loket.notificaties.models import Abonnement
    from loket.notificaties.services import notificatie_publish

    Abonnement.objects.create(naam="ontvanger", callback_url="https://ontvanger.example.nl/cb")
    with trace_scope(INCOMING):
        bericht, _created = bericht_queue(
            partij=PersoonFactory(),
            onderwerp="Uw aanvraag",
            tekst="Wij hebben uw aanvraag ontvangen.",
            kanaal="email",
            adres="j@example.nl",
            sleutel="test:trace",
        )
        notificatie = notificatie_publish(
            kanaal="zaken",
            hoofd_object="https://loket.example.nl/api/v1/zaken/1",
            resource="zaak",
            resource_url="https://loket.example.nl/api/v1/zaken/1",
            actie="create",
        )
    assert bericht.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert notificatie is not None
    assert notificatie.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"


# --- the export -----------------------------------------------------------------------------


def _export(client, **params):
    response = client.get("/beheer/auditlog/verwerkingslog/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.splitlines()]


@pytest.mark.django_db
def test_the_export_has_the_standards_fields_for_one_person(client, make_user):
    kcc = make_user("kcc-medewerker")
    persoon = PersoonFactory(bsn="999993653")
    ander = PersoonFactory(bsn="999990019")
    with trace_scope(INCOMING):
        entry = audit_record(
            user=kcc,
            action=AuditAction.READ,
            obj=persoon,
            purpose="Klantbeeld bij klantcontact KC-1",
        )
    audit_record(user=kcc, action=AuditAction.READ, obj=ander, purpose="Klantvraag")
    client.force_login(make_user("beheerder"))
    records = _export(client, kenmerk="999993653")
    assert len(records) == 1
    record = records[0]
    assert set(record) == {
        "trace_id",
        "span_id",
        "parent_span_id",
        "name",
        "start_time",
        "end_time",
        "status_code",
        "resource",
        "attributes",
        "loket",
    }
    assert record["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert record["span_id"] == entry.span_id and len(entry.span_id) == 16
    assert record["name"] == "read parties.partij"
    assert record["status_code"] == "STATUS_CODE_UNSET"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record["start_time"])
    assert record["start_time"] == record["end_time"]
    assert record["resource"]["attributes"]["service.name"] == "Loket"
    assert record["attributes"] == {
        "dpl.core.processing_activity_id": "urn:loket:verwerkingsactiviteit:klantbeeld-raadplegen",
        "dpl.core.data_subject_id": "999993653",
        "dpl.core.data_subject_id_type": "BSN",
    }
    assert record["loket"]["verwerkingsactiviteit"] == "Klantbeeld raadplegen"
    assert record["loket"]["doel"] == "Klantbeeld bij klantcontact KC-1"
    # The export is itself recorded, with its format.
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.detail["formaat"] == "verwerkingslog"
    assert export.activity_id == Activiteit.VERANTWOORDING


@pytest.mark.django_db
def test_the_export_of_a_period_leaves_out_other_days(client, make_user):
    import datetime as dt

    from django.utils import timezone

    kcc = make_user("kcc-medewerker")
    old = audit_record(user=kcc, action=AuditAction.READ, obj=PersoonFactory(), purpose="Klant")
    AuditEntry.objects.filter(pk=old.pk).update(occurred_at=timezone.now() - dt.timedelta(days=10))
    new = audit_record(user=kcc, action=AuditAction.READ, obj=PersoonFactory(), purpose="Klant")
    client.force_login(make_user("beheerder"))
    today = timezone.localdate().isoformat()
    records = _export(client, van=today, tot=today)
    reads = [r["loket"]["auditregel"] for r in records if r["loket"]["handeling"] == "read"]
    assert reads == [new.pk]  # (the export's own entry, written first, is of today too)
    assert old.pk not in [r["loket"]["auditregel"] for r in records]


@pytest.mark.django_db
def test_the_export_is_refused_without_the_audit_permission(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/beheer/auditlog/verwerkingslog/").status_code == 403
