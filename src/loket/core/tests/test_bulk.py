"""core.bulk: rows inserted with multi-row statements read back through the ORM as they went in,
on SQLite and PostgreSQL; fields not named get their defaults; explicit keys and the sequences."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from loket.accounts.tests.factories import UserFactory
from loket.cases.models import Zaak
from loket.cases.tests.factories import ZaaktypeFactory
from loket.contacts.models import Klantcontact
from loket.core.bulk import insert_rows, max_pk, pk_sequences_reset
from loket.core.models import Kanaal
from loket.parties.models import Partij

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.django_db
def test_values_of_every_field_type_read_back_equal_through_the_orm():
    telefoon = Kanaal.objects.get(code="telefoon")
    medewerker = UserFactory()
    partij_uuid = uuid.uuid4()
    # JSON, UUID, boolean and a nullable foreign key, set and not set.
    first = max_pk(Partij) + 1
    insert_rows(
        Partij,
        ["id", "uuid", "soort", "weergavenaam", "indicatie_geheimhouding", "voorkeurskanaal_id"],
        [
            (first, partij_uuid, "persoon", "Ayşe de Vries", True, telefoon.pk),
            (first + 1, uuid.uuid4(), "organisatie", "Bakkerij 't Hoekje", False, None),
        ],
    )
    insert_rows(Partij, ["id", "soort", "weergavenaam", "tags"], [(first + 2, "persoon", "X", [])])
    pk_sequences_reset([Partij])  # before rows whose keys the database gives
    insert_rows(
        Partij,
        ["soort", "weergavenaam", "tags"],
        [("persoon", "Jan", ["oudere", {"zorg": [1, None, "ja"]}])],
    )
    ayse = Partij.objects.get(pk=first)
    assert (ayse.uuid, ayse.weergavenaam, ayse.indicatie_geheimhouding) == (
        partij_uuid,
        "Ayşe de Vries",
        True,
    )
    assert ayse.voorkeurskanaal == telefoon
    bakker = Partij.objects.get(pk=first + 1)
    assert (bakker.voorkeurskanaal_id, bakker.indicatie_geheimhouding) == (None, False)
    assert bakker.tags == []  # the default of a field not named
    assert Partij.objects.get(weergavenaam="Jan").tags == ["oudere", {"zorg": [1, None, "ja"]}]

    # Datetimes (aware, a moment whose UTC date is the day before), durations, booleans.
    late = dt.datetime(2026, 7, 1, 0, 30, 15, 123456, tzinfo=AMS)
    winter = dt.datetime(2026, 1, 2, 9, 5, tzinfo=dt.UTC)
    contact_pk = max_pk(Klantcontact) + 1
    insert_rows(
        Klantcontact,
        [
            "id",
            "uuid",
            "referentienummer",
            "kanaal_id",
            "partij_id",
            "medewerker_id",
            "plaatsgevonden_op",
            "duur",
            "indicatie_contact_gelukt",
            "vertrouwelijk",
            "geanonimiseerd_op",
        ],
        [
            (
                contact_pk,
                uuid.uuid4(),
                "KC-1",
                telefoon.pk,
                first,
                medewerker.pk,
                late,
                dt.timedelta(minutes=4, seconds=5, microseconds=7),
                False,
                True,
                winter,
            ),
            (
                contact_pk + 1,
                uuid.uuid4(),
                "KC-2",
                telefoon.pk,
                None,
                None,
                winter,
                None,
                True,
                False,
                None,
            ),
        ],
    )
    pk_sequences_reset([Klantcontact])
    contact = Klantcontact.objects.get(pk=contact_pk)
    assert contact.plaatsgevonden_op == late
    assert timezone.localtime(contact.plaatsgevonden_op).date() == dt.date(2026, 7, 1)
    assert contact.duur == dt.timedelta(minutes=4, seconds=5, microseconds=7)
    assert (contact.indicatie_contact_gelukt, contact.vertrouwelijk) == (False, True)
    assert (contact.partij_id, contact.medewerker_id) == (first, medewerker.pk)
    assert contact.geanonimiseerd_op == winter
    other = Klantcontact.objects.get(pk=contact_pk + 1)
    assert (other.partij_id, other.medewerker_id, other.duur, other.geanonimiseerd_op) == (
        None,
        None,
        None,
        None,
    )
    assert other.plaatsgevonden_op == winter
    assert Klantcontact.objects.filter(plaatsgevonden_op__date=dt.date(2026, 7, 1)).count() == 1

    # Dates, set and null; a foreign key given as a model's key.
    zaaktype = ZaaktypeFactory()
    insert_rows(
        Zaak,
        [
            "identificatie",
            "zaaktype_id",
            "startdatum",
            "einddatum_gepland",
            "uiterlijke_einddatum_afdoening",
            "einddatum",
        ],
        [
            (
                "Z-1",
                zaaktype.pk,
                dt.date(2026, 2, 27),
                dt.date(2026, 3, 3),
                dt.date(2028, 2, 29),
                None,
            ),
            (
                "Z-2",
                zaaktype.pk,
                dt.date(2025, 12, 31),
                dt.date(2026, 1, 5),
                dt.date(2026, 1, 9),
                dt.date(2026, 1, 2),
            ),
        ],
    )
    z1, z2 = Zaak.objects.get(identificatie="Z-1"), Zaak.objects.get(identificatie="Z-2")
    assert (z1.startdatum, z1.uiterlijke_einddatum_afdoening, z1.einddatum) == (
        dt.date(2026, 2, 27),
        dt.date(2028, 2, 29),
        None,
    )
    assert z2.einddatum == dt.date(2026, 1, 2)
    assert Zaak.objects.filter(startdatum__year=2025).get() == z2


@pytest.mark.django_db
def test_fields_not_named_get_their_defaults_and_a_fresh_uuid_per_row():
    telefoon = Kanaal.objects.get(code="telefoon")
    before = timezone.now()
    moment = dt.datetime(2026, 5, 1, 10, tzinfo=AMS)
    insert_rows(
        Klantcontact,
        ["referentienummer", "kanaal_id", "plaatsgevonden_op"],
        [(f"KC-D{i}", telefoon.pk, moment) for i in range(3)],
    )
    contacts = list(Klantcontact.objects.filter(referentienummer__startswith="KC-D"))
    assert len(contacts) == 3
    assert len({c.uuid for c in contacts}) == 3
    for contact in contacts:
        assert contact.taal == "nld"
        assert contact.indicatie_contact_gelukt is True
        assert contact.vertrouwelijk is False
        assert contact.inhoud == contact.gesprek_id == contact.idempotency_client == ""
        assert contact.idempotency_key is None
        assert before <= contact.created_at <= timezone.now()
        assert contact.updated_at == contact.created_at


@pytest.mark.django_db
def test_many_rows_go_in_several_statements_and_the_sequence_moves_past_explicit_keys():
    first = max_pk(Partij) + 1
    rows = [(first + i, "persoon", f"Inwoner {i}") for i in range(2_345)]
    assert insert_rows(Partij, ["id", "soort", "weergavenaam"], rows) == 2_345
    assert insert_rows(Partij, ["id", "soort", "weergavenaam"], []) == 0
    assert Partij.objects.filter(pk__gte=first).count() == 2_345
    assert Partij.objects.get(pk=first + 2_344).weergavenaam == "Inwoner 2344"
    pk_sequences_reset([Partij])
    created = Partij.objects.create(soort="persoon", weergavenaam="Na de lading")
    assert created.pk > first + 2_344
    assert max_pk(Partij) == created.pk


@pytest.mark.django_db
def test_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match="geen_kolom"):
        insert_rows(Partij, ["soort", "geen_kolom"], [("persoon", 1)])
