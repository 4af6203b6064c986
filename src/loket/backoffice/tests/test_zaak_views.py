"""The back-office pages for zaken and meldingen, through the test client."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from loket.accounts.services import team_add_member, team_create
from loket.cases.models import Zaak, ZaakDocument
from loket.cases.services import resultaattype_create, zaak_create, zaaktype_create
from loket.core.models import AuditEntry
from loket.meldingen.models import MeldCategorie, Melding
from loket.meldingen.services import melding_create
from loket.parties.tests.factories import PersoonFactory


@pytest.fixture
def team(db):
    return team_create(name="Vergunningen", slug="vergunningen")


@pytest.fixture
def bo(make_user, team):
    user = make_user("backoffice-medewerker", username="bo")
    team_add_member(team=team, user=user)
    return user


@pytest.fixture
def zaaktype(team):
    zaaktype = zaaktype_create(
        identificatie="evenement",
        omschrijving="Evenementenvergunning",
        doorlooptijd_werkdagen=40,
        servicenorm_werkdagen=20,
        statustypen=[
            ("Ontvangen", True, "Ontvangen."),
            ("In behandeling", False, ""),
            ("Afgehandeld", True, "Klaar."),
        ],
        team=team,
        opschorting_mogelijk=False,
    )
    resultaattype_create(zaaktype=zaaktype, omschrijving="Verleend")
    return zaaktype


@pytest.fixture
def zaak(zaaktype):
    return zaak_create(
        zaaktype=zaaktype,
        initiator=PersoonFactory(bsn="999993653"),
        startdatum=timezone.localdate(),
    )


def test_queue_shows_signals_and_backlog(client, bo, zaaktype, team):
    today = timezone.localdate()
    late = zaak_create(zaaktype=zaaktype, startdatum=today - dt.timedelta(days=90))
    fresh = zaak_create(zaaktype=zaaktype, startdatum=today)
    amber = zaak_create(zaaktype=zaaktype, startdatum=today - dt.timedelta(days=35))
    client.force_login(bo)
    response = client.get(reverse("backoffice:zaken"), {"team": team.slug, "lijst": "unassigned"})
    html = response.content.decode()
    assert response.status_code == 200
    row = lambda z: html.split(z.identificatie)[0].rsplit("<tr", 1)[1]  # noqa: E731
    assert 'data-signaal="rood"' in row(late)
    assert 'data-signaal="amber"' in row(amber)
    assert 'data-signaal=""' in row(fresh)
    assert (
        html.index(late.identificatie)
        < html.index(amber.identificatie)
        < html.index(fresh.identificatie)
    )
    assert 'data-team="vergunningen"' in html


def test_case_page_records_the_read_and_links_the_klantbeeld(client, bo, zaak):
    client.force_login(bo)
    response = client.get(reverse("backoffice:zaak", args=[zaak.pk]))
    assert response.status_code == 200
    assert (
        reverse("kcc:klantbeeld", kwargs={"uuid": zaak.initiator.uuid}) in response.content.decode()
    )
    # The first status informs the citizen: the queued message is listed on the page.
    html = response.content.decode()
    assert "Berichten aan de klant" in html and "Ontvangen." in html
    entry = AuditEntry.objects.get(user=bo, detail__zaak=zaak.identificatie)
    assert entry.purpose == "Zaak behandelen in de backoffice"


def test_other_teams_cannot_open_the_case(client, make_user, zaak):
    outsider = make_user("backoffice-medewerker")
    client.force_login(outsider)
    assert client.get(reverse("backoffice:zaak", args=[zaak.pk])).status_code == 403
    kcc = make_user("kcc-medewerker")
    client.force_login(kcc)
    assert client.get(reverse("backoffice:zaken")).status_code == 403


def test_status_note_document_and_close_through_the_page(client, bo, zaak, zaaktype):
    client.force_login(bo)
    url = lambda name: reverse(f"backoffice:{name}", args=[zaak.pk])  # noqa: E731
    tweede = zaaktype.statustypen.get(volgnummer=2)
    assert client.post(url("zaak_status"), {"statustype": tweede.pk}).status_code == 302
    assert client.post(url("zaak_notitie"), {"tekst": "Gebeld"}).status_code == 302
    bad = client.post(
        url("zaak_document"),
        {"titel": "x", "bestand": SimpleUploadedFile("x.exe", b"MZ", "application/x-msdownload")},
    )
    assert bad.status_code == 400
    assert "niet toegestaan" in bad.content.decode()
    assert not ZaakDocument.objects.exists()
    good = client.post(
        url("zaak_document"),
        {
            "titel": "Plan",
            "bestand": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
    )
    assert good.status_code == 302 and ZaakDocument.objects.count() == 1
    # Suspension is not allowed for this zaaktype: refused with a Dutch message at the page.
    refused = client.post(url("zaak_opschorten"), {"opschorten-reden": "Wachten"})
    assert refused.status_code == 400
    assert "kunnen niet worden opgeschort" in refused.content.decode()
    resultaat = zaaktype.resultaattypen.get()
    assert client.post(url("zaak_afsluiten"), {"resultaattype": resultaat.pk}).status_code == 302
    zaak.refresh_from_db()
    assert zaak.einddatum is not None and zaak.resultaat == resultaat
    # Reopening is for the teamleider.
    assert client.post(url("zaak_heropenen"), {"heropenen-reden": "x"}).status_code == 403


def test_an_illegal_status_keeps_the_form_and_names_the_field(client, bo, zaak, zaaktype):
    client.force_login(bo)
    url = reverse("backoffice:zaak_status", args=[zaak.pk])
    eind = zaaktype.statustypen.get(volgnummer=3)
    client.post(url, {"statustype": eind.pk})
    eerste = zaaktype.statustypen.get(volgnummer=1)
    zaak.refresh_from_db()
    # The zaak is closed now; any further status is refused.
    response = client.post(url, {"statustype": eerste.pk, "toelichting": "mijn tekst"})
    assert response.status_code == 400
    assert "afgesloten" in response.content.decode()


def test_teamleider_distributes(client, make_user, zaak, team, bo):
    leider = make_user("teamleider")
    client.force_login(leider)
    response = client.post(
        reverse("backoffice:zaak_toewijzen", args=[zaak.pk]), {"behandelaar": bo.pk}
    )
    assert response.status_code == 302
    assert Zaak.objects.get(pk=zaak.pk).behandelaar == bo
    client.force_login(bo)
    mine = client.get(reverse("backoffice:zaken"), {"team": team.slug, "lijst": "mine"})
    assert zaak.identificatie in mine.content.decode()


# --- meldingen -----------------------------------------------------------------------------


@pytest.fixture
def routed(team):
    MeldCategorie.objects.update(team=team)


def test_kcm_intake_registers_a_melding_and_shows_the_expected_date(client, make_user, routed):
    kcc = make_user("kcc-medewerker")
    client.force_login(kcc)
    page = client.get(reverse("backoffice:melding_nieuw"))
    assert page.status_code == 200
    response = client.post(
        reverse("backoffice:melding_nieuw"),
        {
            "tekst": "Lantaarnpaal doet het niet",
            "adres": "Kerkstraat 1",
            "kanaal": "telefoon",
            "sleutel": "abc",
        },
    )
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.kanaal == "telefoon" and melding.gemeld_door == kcc
    done = client.get(response["Location"])
    assert melding.referentie in done.content.decode()
    assert f"{melding.streefdatum:%d-%m-%Y}" in done.content.decode()
    # The same submission again (double click): stored once.
    client.post(
        reverse("backoffice:melding_nieuw"),
        {
            "tekst": "Lantaarnpaal doet het niet",
            "adres": "Kerkstraat 1",
            "kanaal": "telefoon",
            "sleutel": "abc",
        },
    )
    assert Melding.objects.count() == 1


def test_intake_without_location_keeps_the_text(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    response = client.post(
        reverse("backoffice:melding_nieuw"), {"tekst": "Stoeptegel los bij de bakker"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef de plek van de melding op" in html
    assert "Stoeptegel los bij de bakker" in html


def test_triage_queue_and_categorising(client, bo, team):
    categorie = MeldCategorie.objects.get(hoofdcategorie="Afval", subcategorie="Grofvuil")
    categorie.team = team
    categorie.save()
    melding = melding_create(tekst="Het carillon beiert onophoudelijk", adres="Markt 1")
    client.force_login(bo)
    triage = client.get(reverse("backoffice:triage"))
    assert melding.referentie in triage.content.decode()
    page = client.get(reverse("backoffice:melding", args=[melding.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("backoffice:melding_categorie", args=[melding.pk]),
        {"categorie": categorie.pk, "terug": "triage"},
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert not melding.in_triage and melding.team == team
    assert melding.correcties.count() == 1


def test_a_restricted_initiator_is_not_named_in_the_queue_and_the_case_says_why(
    client, bo, zaak, team
):
    """AVG art. 18: the person's data is kept but not used; the work goes on."""
    from loket.parties.services import partij_restrict

    naam = zaak.initiator.weergavenaam
    client.force_login(bo)
    lijst = lambda: client.get(  # noqa: E731
        reverse("backoffice:zaken"), {"team": team.slug, "lijst": "unassigned"}
    ).content.decode()
    assert naam in lijst() and "Verwerking beperkt" not in lijst()

    partij_restrict(partij=zaak.initiator, user=None, reden="AVG-verzoek")

    html = lijst()
    assert zaak.identificatie in html
    assert naam not in html and "Verwerking beperkt" in html
    pagina = client.get(reverse("backoffice:zaak", args=[zaak.pk])).content.decode()
    assert "Verwerking beperkt" in pagina and "AVG artikel 18" in pagina
