"""The right of access (AVG art. 15): everything on one person, for the privacy officer and for
the citizen, and nothing of anyone else."""

from __future__ import annotations

import json

import pytest

from loket.balie.models import Afspraak
from loket.cases.models import Zaak
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.core.models import AuditEntry
from loket.kcc.tests.test_klantbeeld import _history
from loket.meldingen.models import Melding
from loket.messaging.models import Bericht
from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory
from loket.privacy.inzage import PURPOSE, inzage_collect
from loket.selfservice.models import Inzending

pytestmark = pytest.mark.django_db

BSN = "999993653"


@pytest.fixture
def wereld(make_user):
    from loket.accounts.tests.factories import TeamFactory, UserFactory

    behandelaar = UserFactory(
        role="backoffice-medewerker", username="bob", first_name="Bob", last_name="Behandelaar"
    )
    behandelaar.teams.add(TeamFactory(name="Burgerzaken"))
    partij = PersoonFactory(bsn=BSN, geslachtsnaam="Jansen")
    DigitaalAdresFactory(partij=partij, soort="email", adres="jansen@example.org")
    _history(partij, behandelaar)
    andere = PersoonFactory(bsn="111222333", geslachtsnaam="Anders")
    _history(andere, behandelaar)
    return partij, andere


def _counts(partij) -> dict[str, int]:
    return {
        "digitale_adressen": partij.digitale_adressen.count(),
        "klantcontacten": Klantcontact.objects.filter(partij=partij).count(),
        "contactverzoeken": Contactverzoek.objects.filter(partij=partij).count(),
        "zaken": Zaak.objects.filter(initiator=partij).count(),
        "meldingen": Melding.objects.filter(melder=partij).count(),
        "inzendingen": Inzending.objects.filter(partij=partij).count(),
        "afspraken": Afspraak.objects.filter(partij=partij).count(),
        "berichten": Bericht.objects.filter(partij=partij).count(),
    }


def _identifiers(partij) -> list[str]:
    return [
        partij.persoon.bsn,
        *Klantcontact.objects.filter(partij=partij).values_list("referentienummer", flat=True),
        *Zaak.objects.filter(initiator=partij).values_list("identificatie", flat=True),
        *Melding.objects.filter(melder=partij).values_list("referentie", flat=True),
    ]


def test_the_inzage_holds_every_record_of_the_person_and_nothing_of_another(wereld, make_user):
    partij, andere = wereld
    officer = make_user("beheerder")

    inzage = inzage_collect(partij=partij, user=officer)

    secties = {s.code: s for s in inzage.secties}
    for code, count in _counts(partij).items():
        assert count >= 1, code  # the world has every kind
        assert len(secties[code].rijen) == count, code
    assert secties["partij"].rijen[0]["BSN"] == BSN
    document = json.dumps(inzage.as_json(), ensure_ascii=False)
    for identifier in _identifiers(partij):
        assert identifier in document
    for identifier in _identifiers(andere):
        assert identifier not in document
    # The request itself is audited, and shows in the overview of who read the data.
    assert AuditEntry.objects.filter(
        user=officer, object_id=str(partij.pk), purpose=PURPOSE
    ).exists()
    assert any(r["doel"] == PURPOSE for r in secties["inzage"].rijen)


def test_the_privacy_officer_page_and_its_json(client, wereld, make_user):
    partij, _ = wereld
    client.force_login(make_user("beheerder"))
    page = client.get("/beheer/privacy/inzage/", {"bsn": BSN})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Contacten met de gemeente" in html and "jansen@example.org" in html
    download = client.get("/beheer/privacy/inzage/", {"bsn": BSN, "formaat": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    assert download.json()["partij"] == str(partij.uuid)

    fout = client.get("/beheer/privacy/inzage/", {"bsn": "123"})
    assert fout.status_code == 400 and "BSN" in fout.content.decode()
    onbekend = client.get("/beheer/privacy/inzage/", {"bsn": "111222333"[:-1] + "4"})
    assert onbekend.status_code in (400, 404)


def test_a_kcc_agent_may_not_make_an_inzage(client, wereld, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/beheer/privacy/inzage/", {"bsn": BSN}).status_code == 403


def test_the_citizen_sees_the_same_overview_without_staff_names(client, wereld):
    from loket.parties.citizen_auth import SESSION_KEY

    partij, andere = wereld
    session = client.session
    session[SESSION_KEY] = str(partij.uuid)  # logged in with DigiD
    session.save()

    page = client.get("/mijn/gegevens/alles/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Terugbellen" in html and "jansen@example.org" in html
    assert "Behandelaar" not in html and "bob" not in html
    for identifier in _identifiers(andere):
        assert identifier not in html
    data = client.get("/mijn/gegevens/alles/", {"formaat": "json"}).json()
    rows = [r for o in data["onderdelen"].values() for r in o["gegevens"]]
    assert rows and not any({"medewerker", "behandelaar", "gelezen door"} & set(r) for r in rows)
