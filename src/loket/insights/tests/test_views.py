import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from loket.insights.models import Tevredenheidsmeting


@pytest.fixture
def teamleider(client, make_user):
    client.force_login(make_user("teamleider"))
    return client


def test_dashboard_for_teamleider_and_not_for_kcc(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/inzicht/").status_code == 403
    client.force_login(make_user("beheerder"))
    r = client.get("/inzicht/")
    assert r.status_code == 200
    assert "Afgehandeld bij eerste contact" in r.content.decode()
    assert "vendor/plotly/plotly.min.js" in r.content.decode()


def test_anonymous_is_sent_to_login(client, db):
    r = client.get("/inzicht/")
    assert r.status_code == 302


def test_end_before_start_is_400_with_the_field(teamleider):
    r = teamleider.get("/inzicht/?van=2026-03-10&tot=2026-03-01")
    assert r.status_code == 400
    html = r.content.decode()
    assert 'id="f-tot-fout"' in html and "De einddatum ligt vóór de begindatum." in html
    assert 'value="2026-03-10"' in html  # what was typed stays


def test_unknown_team_is_400(teamleider):
    r = teamleider.get("/inzicht/?team=niemand")
    assert r.status_code == 400
    assert "Onbekend team" in r.content.decode()


def test_exports_csv_and_xlsx(teamleider):
    r = teamleider.get("/inzicht/export/dashboard/kanalen.csv?van=2026-01-01&tot=2026-03-31")
    assert r.status_code == 200
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Kanaal;Contacten")
    r = teamleider.get("/inzicht/export/dashboard/kanalen.xlsx?van=2026-01-01&tot=2026-03-31")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A1"].value == "Kanaalmix en kosten"
    assert teamleider.get("/inzicht/export/dashboard/bestaat-niet.csv").status_code == 404
    assert (
        teamleider.get(
            "/inzicht/export/dashboard/kanalen.csv?van=2026-03-10&tot=2026-03-01"
        ).status_code
        == 400
    )


def test_other_pages_render(teamleider):
    for url in (
        "/inzicht/contactredenen/",
        "/inzicht/klantreizen/",
        "/inzicht/maandrapport/?maand=2026-02",
    ):
        assert teamleider.get(url).status_code == 200, url
    assert teamleider.get("/inzicht/maandrapport/?maand=2026-99").status_code == 400


def test_staffing_calculator_shows_the_issue_vector(teamleider):
    r = teamleider.get(
        "/inzicht/personeelsplanning/?gesprekken=100&interval=30&aht=180&doel_seconden=20&doel_procent=80&uitval=30"
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert (
        "<strong>14 medewerkers</strong>" in html and "<strong>20 roosterplaatsen</strong>" in html
    )
    assert teamleider.get("/inzicht/personeelsplanning/?aht=nul").status_code == 400


def test_survey_is_answered_once(client, db):
    meting = Tevredenheidsmeting.objects.create(token="abc")
    assert client.get("/tevredenheid/abc/").status_code == 200
    r = client.post("/tevredenheid/abc/", {"score": "9", "opmerking": "Snel geholpen"})
    assert r.status_code == 400
    assert "Snel geholpen" in r.content.decode()
    assert "Tevredenheid: kies een cijfer van 1 tot en met 5." in r.content.decode()
    r = client.post("/tevredenheid/abc/", {"score": "4", "opmerking": "Snel geholpen"})
    assert r.status_code == 200 and "Dank u wel" in r.content.decode()
    client.post("/tevredenheid/abc/", {"score": "1"})
    meting.refresh_from_db()
    assert (meting.score, meting.opmerking) == (4, "Snel geholpen")
    assert client.get("/tevredenheid/onbekend/").status_code == 404


def test_dashboard_shows_no_personal_data(teamleider, kanalen):
    from loket.contacts.models import Klantcontact
    from loket.parties.models import Partij

    partij = Partij.objects.create(soort="persoon", weergavenaam="Geheime Naam")
    Klantcontact.objects.create(
        referentienummer="KC-X",
        kanaal=kanalen["telefoon"],
        partij=partij,
        plaatsgevonden_op=dt.datetime.now(dt.UTC),
        onderwerp="Geheim onderwerp",
    )
    html = teamleider.get("/inzicht/").content.decode()
    assert "Geheime Naam" not in html and "Geheim onderwerp" not in html


def test_teamleider_starts_on_the_dashboard(make_user):
    from loket.accounts.selectors import user_home_url

    assert user_home_url(user=make_user("teamleider")) == "/inzicht/"


def test_the_dashboard_only_reads_and_the_worker_keeps_the_figures_current(
    teamleider, kanalen, reden, product
):
    """Before, every GET rebuilt the marked days under select_for_update (a write per read, and
    readers waited on each other). Now a GET writes nothing and says when figures still wait;
    the worker's job `inzicht_bijwerken` (core.jobs) brings them in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Klantcontact, Vraag
    from loket.core import jobs
    from loket.insights.models import ContactDagTotaal, VerouderdeDag
    from loket.insights.tests.conftest import at

    contact = Klantcontact.objects.create(
        referentienummer="KC-A-1",
        kanaal=kanalen["telefoon"],
        plaatsgevonden_op=at(dt.date(2026, 3, 2)),
    )
    Vraag.objects.create(
        klantcontact=contact,
        vraagtekst="Hoe verleng ik mijn paspoort?",
        contactreden=reden,
        product=product,
        afhandeling=Afhandeling.BEANTWOORD,
    )
    assert VerouderdeDag.objects.exists()  # the contact marked its day
    with CaptureQueriesContext(connection) as queries:
        html = teamleider.get("/inzicht/?van=2026-03-01&tot=2026-04-15").content.decode()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        or "FOR UPDATE" in q["sql"].upper()
    ]
    # The login session's last-activity stamp (StaffIdleTimeoutMiddleware) is not the dashboard's.
    assert [sql for sql in writes if "django_session" not in sql] == []
    assert "worden door de achtergrondworker verwerkt" in html
    assert not ContactDagTotaal.objects.exists()

    assert jobs.tick()["inzicht_bijwerken"] > 0
    assert not VerouderdeDag.objects.exists()
    assert ContactDagTotaal.objects.exists()
    html = teamleider.get("/inzicht/?van=2026-03-01&tot=2026-04-15").content.decode()
    assert "worden door de achtergrondworker verwerkt" not in html


@pytest.mark.django_db
def test_numbering_a_contact_marks_no_day_but_moving_it_does(kanalen):
    from loket.contacts.models import Klantcontact
    from loket.insights.models import VerouderdeDag
    from loket.insights.tests.conftest import at

    contact = Klantcontact.objects.create(
        referentienummer="tmp-1",
        kanaal=kanalen["telefoon"],
        plaatsgevonden_op=at(dt.date(2026, 3, 2)),
    )
    assert VerouderdeDag.objects.exists()
    VerouderdeDag.objects.all().delete()
    contact.referentienummer = "KC-2026-000001"
    contact.save(update_fields=["referentienummer"])
    assert not VerouderdeDag.objects.exists()
    contact.plaatsgevonden_op = at(dt.date(2026, 3, 9))
    contact.save(update_fields=["plaatsgevonden_op"])
    assert VerouderdeDag.objects.filter(datum=dt.date(2026, 3, 9)).exists()
