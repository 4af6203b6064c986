"""Issue 16, item 16: the audit log answers "who looked at my data?" for one citizen: search by
BSN, name, KC- or ZAAK-number, one row per visit, employees by name, date and employee filters
and a CSV export that is itself audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.accounts.constants import Role
from loket.core.models import AuditAction, AuditEntry
from tests.security.conftest import session_client

pytestmark = pytest.mark.django_db

LOG = "/beheer/auditlog/"


@pytest.fixture
def visit(world):
    """The KCC medewerker (with a full name) opens the klantbeeld of `world.eigen.persoon`."""
    kcc = world.users[Role.KCC]
    kcc.first_name, kcc.last_name = "Karin", "de Klant"
    kcc.save()
    AuditEntry.objects.all().delete()
    response = session_client(kcc).get(reverse("kcc:klantbeeld", args=[world.eigen.persoon.uuid]))
    assert response.status_code == 200
    return kcc


def _rows(response) -> list[str]:
    return [row for row in response.content.decode().split('<tr class="utrecht-table__row">')[2:]]


def test_a_klantbeeld_visit_is_one_row_with_what_was_read(world, visit):
    reads = AuditEntry.objects.filter(
        object_type="parties.partij", object_id=str(world.eigen.persoon.pk)
    )
    assert reads.count() == 1
    gegevens = reads.get().detail["gegevens"]
    assert {"klantcontacten", "zaken"} <= set(gegevens)


@pytest.mark.parametrize(
    "term",
    [
        lambda w: "999993653",  # BSN
        lambda w: "eigen",  # achternaam
        lambda w: w.verzoek_kc,  # KC-number of one of their contacts
        lambda w: w.eigen.zaak.identificatie,  # ZAAK-number of one of their zaken
        lambda w: w.eigen.zaak.identificatie.lower(),
    ],
    ids=["bsn", "naam", "kc-nummer", "zaaknummer", "zaaknummer-kleine-letters"],
)
def test_search_by_bsn_name_kc_or_zaak_number_finds_the_visit(world, visit, term):
    world.verzoek_kc = world.eigen.verzoek.klantcontact.referentienummer
    beheerder = session_client(world.users[Role.BEHEERDER])
    response = beheerder.get(LOG, {"kenmerk": term(world)})
    assert response.status_code == 200
    rows = _rows(response)
    assert len(rows) == 1
    assert "Karin de Klant" in rows[0]  # the person, not only the login name
    assert "klantcontacten" in rows[0]
    # The other team's person is not in the answer.
    assert "Ander" not in response.content.decode().split("<tbody")[1]


def test_filters_on_employee_and_date_range(world, visit):
    beheerder = session_client(world.users[Role.BEHEERDER])
    today = timezone.localdate()
    bsn = "999993653"
    response = beheerder.get(LOG, {"kenmerk": bsn, "medewerker": visit.pk, "van": today})
    assert len(_rows(response)) == 1
    other = world.users[Role.TEAMLEIDER]
    assert (
        "Geen regels gevonden"
        in beheerder.get(LOG, {"kenmerk": bsn, "medewerker": other.pk}).content.decode()
    )
    tomorrow = today + dt.timedelta(days=1)
    assert "Geen regels gevonden" in beheerder.get(LOG, {"van": tomorrow}).content.decode()
    response = beheerder.get(LOG, {"van": tomorrow, "tot": today})
    assert response.status_code == 400
    assert "&#x27;Tot en met&#x27; ligt vóór &#x27;Van&#x27;" in response.content.decode()


def test_csv_export_holds_the_selection_and_is_itself_audited(world, visit):
    beheerder_user = world.users[Role.BEHEERDER]
    beheerder = session_client(beheerder_user)
    response = beheerder.get(reverse("beheer:audit_log_export"), {"kenmerk": "999993653"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:2] == ["tijdstip", "medewerker"]
    assert len(rows) == 2 and rows[1][1] == "Karin de Klant"
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.user == beheerder_user
    assert export.detail == {"filters": {"kenmerk": "999993653"}, "regels": 1}
