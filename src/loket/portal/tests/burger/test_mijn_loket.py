"""Mijn Loket (issue 16, item 10): appointments and meldingen as sections, contact details and
message consent, a document to the citizen's own zaak, and "Stel een vraag"."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory
from loket.parties.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def buurman(wereld):
    return PersoonFactory(bsn="999990044", weergavenaam="Buurman Bakker")


@pytest.fixture
def zaak_jan(wereld):
    from loket.cases.models import Zaaktype
    from loket.cases.tests.factories import ZaakFactory

    return ZaakFactory(
        zaaktype=Zaaktype.objects.get(identificatie="parkeervergunning"), initiator=wereld.partij
    )


# --- appointments ------------------------------------------------------------------------------


def test_appointments_are_their_own_section_and_cancel_through_balie(
    als_jan, wereld, afspraak, locatie, buurman
):
    from loket.balie.models import AfspraakStatus
    from loket.balie.services import afspraak_book
    from loket.messaging.models import Bericht

    andere, _ = afspraak_book(
        locatie=locatie,
        product=wereld.producten["verhuismelding"],
        start=afspraak.start + dt.timedelta(hours=1),
        naam="Buurman Bakker",
        email="buurman@voorbeeld.example",
        idempotency_key="afspraak-buurman",
        partij=buurman,
    )
    page = als_jan.get("/mijn/afspraken/").content.decode()
    assert "Komende afspraken" in page and "Stadhuis" in page
    assert f"/afspraken/beheren/{afspraak.token}/" in page  # reschedule (balie's page)
    assert andere.token not in page
    overzicht = als_jan.get("/mijn/").content.decode()  # a card on the overview too
    assert "Alle afspraken" in overzicht and f"/afspraken/beheren/{afspraak.token}/" in overzicht

    # Someone else's appointment cannot be cancelled from here.
    assert als_jan.post(f"/mijn/afspraken/{andere.uuid}/afzeggen/").status_code == 404
    andere.refresh_from_db()
    assert andere.status == AfspraakStatus.GEPLAND

    voor = Bericht.objects.filter(partij=wereld.partij).count()
    response = als_jan.post(f"/mijn/afspraken/{afspraak.uuid}/afzeggen/")
    assert response.status_code == 302
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.GEANNULEERD
    assert Bericht.objects.filter(partij=wereld.partij).count() == voor + 1  # balie's message
    page = als_jan.get("/mijn/afspraken/").content.decode()
    assert "is afgezegd" in page and "afgezegd" in page


# --- meldingen ---------------------------------------------------------------------------------


def test_meldingen_with_their_status_are_their_own_section(als_jan, wereld, buurman):
    from loket.meldingen.models import MeldingStatus
    from loket.meldingen.services import melding_create

    eigen = melding_create(
        tekst="Lantaarnpaal kapot bij de kerk", adres="Kerkpad 3", melder=wereld.partij
    )
    eigen.status = MeldingStatus.INGEPLAND
    eigen.afhandeling = "Wij vervangen de lamp volgende week."
    eigen.save()
    melding_create(tekst="Geheim van de buurman", adres="Dorpsstraat 9", melder=buurman)
    page = als_jan.get("/mijn/meldingen/").content.decode()
    assert eigen.referentie in page and "Ingepland" in page
    assert "Wij vervangen de lamp volgende week." in page
    assert "Geheim van de buurman" not in page
    overzicht = als_jan.get("/mijn/").content.decode()
    assert "Alle meldingen" in overzicht and "Ingepland" in overzicht


# --- contact details and consent ---------------------------------------------------------------


def test_contact_details_bad_phone_is_refused_in_dutch_and_nothing_is_written(als_jan, wereld):
    from loket.messaging.models import Toestemming
    from loket.parties.models import DigitaalAdres

    voor = list(DigitaalAdres.objects.filter(partij=wereld.partij).values_list("adres", flat=True))
    response = als_jan.post(
        "/mijn/gegevens/",
        {"email": "nieuw@voorbeeld.example", "telefoon": "12345", "berichten": "sms"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Telefoonnummer: &#x27;12345&#x27; is geen geldig telefoonnummer." in page
    assert 'aria-invalid="true"' in page
    assert (
        list(DigitaalAdres.objects.filter(partij=wereld.partij).values_list("adres", flat=True))
        == voor
    )
    assert not Toestemming.objects.filter(partij=wereld.partij).exists()

    response = als_jan.post(
        "/mijn/gegevens/", {"email": "geen-adres", "telefoon": "", "berichten": "email"}
    )
    assert response.status_code == 422
    assert (
        "E-mailadres: &#x27;geen-adres&#x27; is geen geldig e-mailadres."
        in response.content.decode()
    )


def test_contact_details_and_sms_consent_are_saved(als_jan, wereld):
    from loket.messaging.models import Toestemming
    from loket.messaging.services import bericht_kanaal_for
    from loket.parties.models import DigitaalAdres

    response = als_jan.post(
        "/mijn/gegevens/",
        {"email": "jan.nieuw@voorbeeld.example", "telefoon": "06 12345678", "berichten": "sms"},
    )
    assert response.status_code == 302
    standaard = dict(
        DigitaalAdres.objects.filter(partij=wereld.partij, is_standaard_adres=True).values_list(
            "soort", "adres"
        )
    )
    assert standaard == {"email": "jan.nieuw@voorbeeld.example", "telefoonnummer": "+31612345678"}
    toestemming = Toestemming.objects.get(partij=wereld.partij)
    assert (toestemming.sms, toestemming.email) == (True, False)
    wereld.partij.refresh_from_db()
    assert bericht_kanaal_for(wereld.partij) == ("sms", "+31612345678")
    page = als_jan.get("/mijn/gegevens/").content.decode()
    assert 'value="sms" checked' in page

    # Mijn Loket only: nothing goes out by e-mail or SMS any more.
    als_jan.post(
        "/mijn/gegevens/",
        {"email": "jan.nieuw@voorbeeld.example", "telefoon": "06 12345678", "berichten": "mijn"},
    )
    wereld.partij.refresh_from_db()
    assert bericht_kanaal_for(wereld.partij) == ("inbox", "")


# --- a document to the citizen's own zaak ------------------------------------------------------


def test_document_upload_to_own_zaak_is_checked_and_stored_like_zaak_documents(
    als_jan, wereld, zaak_jan, buurman
):
    from loket.cases.models import ZaakDocument
    from loket.cases.tests.factories import ZaakFactory

    url = f"/mijn/zaken/{zaak_jan.uuid}/document/"
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = als_jan.post(url, {"bestand": exe})
    assert response.status_code == 422
    assert "Document: Dit soort bestand (exe) is niet toegestaan" in response.content.decode()
    nep = SimpleUploadedFile("brief.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert als_jan.post(url, {"bestand": nep}).status_code == 422
    assert ZaakDocument.objects.count() == 0

    pdf = SimpleUploadedFile("huurcontract.pdf", PDF, content_type="application/pdf")
    response = als_jan.post(url, {"bestand": pdf, "titel": "Huurcontract"})
    assert response.status_code == 302
    document = ZaakDocument.objects.get()
    assert (
        document.zaak == zaak_jan
        and document.door is None
        and document.formaat == "application/pdf"
    )
    assert document.bestand.name.startswith("zaken/")
    assert "Huurcontract" in als_jan.get(f"/mijn/zaken/{zaak_jan.uuid}/").content.decode()
    # The same form sent again (a double click) stores nothing new.
    pdf = SimpleUploadedFile("huurcontract.pdf", PDF, content_type="application/pdf")
    assert als_jan.post(url, {"bestand": pdf, "titel": "Huurcontract"}).status_code == 302
    assert ZaakDocument.objects.count() == 1

    # Only their own zaak.
    from loket.cases.models import Zaaktype

    ander = ZaakFactory(
        zaaktype=Zaaktype.objects.get(identificatie="parkeervergunning"), initiator=buurman
    )
    pdf = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    assert als_jan.post(f"/mijn/zaken/{ander.uuid}/document/", {"bestand": pdf}).status_code == 404
    assert ZaakDocument.objects.count() == 1


# --- "Stel een vraag" --------------------------------------------------------------------------


def test_a_question_becomes_a_web_klantcontact_with_a_contactverzoek_once(als_jan, wereld):
    from loket.contacts.models import Contactverzoek, Klantcontact
    from loket.core.calendar import get_calendar

    kcc = TeamFactory(name="KCC", slug="kcc", email="kcc@zeventerpen.example")
    response = als_jan.post("/mijn/vraag/", {"vraag": "", "sleutel": "s" * 24})
    assert response.status_code == 422
    assert "Uw vraag: typ uw vraag." in response.content.decode()
    assert Klantcontact.objects.count() == 0

    page = als_jan.get("/mijn/vraag/").content.decode()
    sleutel = page.split('name="sleutel" value="')[1].split('"')[0]
    voor = timezone.now()
    data = {"vraag": "Wanneer wordt mijn container geleegd?", "sleutel": sleutel}
    first = als_jan.post("/mijn/vraag/", data)
    second = als_jan.post("/mijn/vraag/", data)  # a retry, a double click
    assert first.status_code == second.status_code == 302
    contact = Klantcontact.objects.get()
    assert contact.kanaal.code == "website" and contact.partij == wereld.partij
    assert contact.medewerker is None
    verzoek = Contactverzoek.objects.get()
    assert verzoek.klantcontact == contact and verzoek.team == kcc
    assert verzoek.email == "jan@voorbeeld.example"
    # Within the e-mail norm: 2 working days (16 office hours), not the team's norm.
    verwacht = get_calendar().add_working_hours(voor, 16)
    assert abs((verzoek.deadline - verwacht).total_seconds()) < 120
    page = als_jan.get("/mijn/contacten/").content.decode()
    assert "Wanneer wordt mijn container geleegd?" in page


def test_the_citizen_gives_and_withdraws_consent_to_the_satisfaction_survey(als_jan, wereld):
    from loket.messaging.models import Toestemming

    page = als_jan.get("/mijn/gegevens/").content.decode()
    assert 'name="tevredenheid"' in page and "korte vragenlijst" in page
    assert 'value="ja" aria-describedby="gegevens-tevredenheid-hulp" checked' not in page
    gegevens = {"email": "jan@voorbeeld.example", "telefoon": "", "berichten": "email"}
    assert als_jan.post("/mijn/gegevens/", {**gegevens, "tevredenheid": "ja"}).status_code == 302
    assert Toestemming.objects.get(partij=wereld.partij).tevredenheid is True
    assert 'gegevens-tevredenheid-hulp" checked' in als_jan.get("/mijn/gegevens/").content.decode()
    assert als_jan.post("/mijn/gegevens/", gegevens).status_code == 302  # unticked
    assert Toestemming.objects.get(partij=wereld.partij).tevredenheid is False
