"""Finding a klant by phone number, e-mail address or KVK-nummer (issue 16, item 4)."""

import html
import importlib
import re

import pytest
from django.apps import apps
from django.db import connection

from loket.core.models import AuditEntry
from loket.kcc.selectors import PURPOSE_ZOEKEN
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import DigitaalAdres
from loket.parties.selectors import partij_search_contactgegeven
from loket.parties.tests.factories import DigitaalAdresFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def zoek(client, zoekterm):
    return client.get("/kcc/", {"zoek": "contact", "zoekterm": zoekterm})


@pytest.mark.parametrize(
    "getypt", ["06-12345678", "+31 6 1234 5678", "0031 6 12345678", "06 1234 5678", "+31612345678"]
)
def test_a_phone_number_is_found_however_it_is_typed(client, kcc_user, partij, getypt):
    DigitaalAdresFactory(partij=partij, soort=SoortDigitaalAdres.TELEFOON, adres="+31612345678")
    DigitaalAdresFactory(soort=SoortDigitaalAdres.TELEFOON, adres="+31687654321")  # someone else
    client.force_login(kcc_user)
    page = text(zoek(client, getypt))
    assert "Gevonden: 1 klant " in page
    assert "Fenna Terpstra" in page
    assert AuditEntry.objects.filter(
        user=kcc_user, object_id=str(partij.pk), purpose=PURPOSE_ZOEKEN
    ).exists()


def test_a_number_stored_as_typed_is_found_in_another_notation(kcc_user, partij):
    """Addresses stored before the validation rules (or in the admin) keep their notation."""
    DigitaalAdres.objects.create(
        partij=partij, soort=SoortDigitaalAdres.TELEFOON, adres="06 - 1234 5678"
    )
    found = partij_search_contactgegeven(
        user=kcc_user, purpose=PURPOSE_ZOEKEN, zoekterm="+31 (0)6 12345678"
    )
    assert found == [partij]


def test_an_email_address_matches_in_any_case(client, kcc_user, partij):
    DigitaalAdresFactory(partij=partij, adres="Fenna.Terpstra@Voorbeeld.example")
    client.force_login(kcc_user)
    page = text(zoek(client, "  fenna.terpstra@VOORBEELD.example "))
    assert "Gevonden: 1 klant " in page and "Fenna Terpstra" in page
    assert "Gevonden: 0" in text(zoek(client, "fenna@voorbeeld.example"))


def test_a_company_is_found_by_its_kvk_nummer_in_the_same_box(client, kcc_user):
    bedrijf = OrganisatieFactory(kvk_nummer="69599084", handelsnaam="Bakkerij De Terp")
    OrganisatieFactory(kvk_nummer="90004973", handelsnaam="Andere BV")
    client.force_login(kcc_user)
    page = text(zoek(client, "6959 9084"))
    assert "Gevonden: 1 klant " in page and "KVK 69599084" in page
    assert bedrijf.weergavenaam in page


def test_a_number_in_a_range_not_in_use_yet_is_still_found(kcc_user, partij):
    """The demo (and older data) hold numbers phonenumbers calls invalid (06-7…): a search
    must find what is stored, so it checks the length, not today's number plan."""
    DigitaalAdres.objects.create(
        partij=partij, soort=SoortDigitaalAdres.TELEFOON, adres="+31674197686"
    )
    found = partij_search_contactgegeven(
        user=kcc_user, purpose=PURPOSE_ZOEKEN, zoekterm="06-74197686"
    )
    assert found == [partij]


def test_a_company_is_found_by_its_phone_number(kcc_user):
    bedrijf = OrganisatieFactory(kvk_nummer="69599084", handelsnaam="Bakkerij De Terp")
    DigitaalAdresFactory(partij=bedrijf, soort=SoortDigitaalAdres.TELEFOON, adres="+31201234567")
    found = partij_search_contactgegeven(
        user=kcc_user, purpose=PURPOSE_ZOEKEN, zoekterm="020-1234567"
    )
    assert found == [bedrijf]


@pytest.mark.parametrize(
    ("getypt", "melding"),
    [
        ("12345", "'12345' is geen geldig telefoonnummer, e-mailadres of KVK-nummer"),
        ("fenna@", "E-mailadres: 'fenna@' is geen geldig e-mailadres"),
        ("1234567a", "geen geldig telefoonnummer, e-mailadres of KVK-nummer"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field(client, kcc_user, getypt, melding):
    client.force_login(kcc_user)
    response = zoek(client, getypt)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    # The message sits at the field (its error element), not only at the top of the form.
    fout = page.split('id="id_zoekterm_error"', 1)[1].split("</div>", 1)[0]
    assert melding in fout
    assert "Gevonden:" not in text(response)


def test_the_search_key_is_kept_in_step_and_filled_by_the_migration(partij):
    adres = DigitaalAdres.objects.create(
        partij=partij, soort=SoortDigitaalAdres.TELEFOON, adres="06-12345678"
    )
    assert adres.zoekwaarde == "+31612345678"
    adres.adres = "06-87654321"
    adres.save(update_fields=["adres"])
    adres.refresh_from_db()
    assert adres.zoekwaarde == "+31687654321"
    DigitaalAdres.objects.update(zoekwaarde="")
    migration = importlib.import_module("loket.parties.migrations.0002_digitaal_adres_zoekwaarde")
    migration.fill_zoekwaarde(apps, None)
    adres.refresh_from_db()
    assert adres.zoekwaarde == "+31687654321"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_phone_search_uses_the_index(kcc_user):
    qs = DigitaalAdres.objects.filter(
        soort=SoortDigitaalAdres.TELEFOON, zoekwaarde="+31612345678"
    ).values("partij_id")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "digitaal_adres_zoekwaarde" in plan
