"""AVG requests as zaken with the legal term, and the restriction of processing (art. 18)."""

from __future__ import annotations

import pytest

from loket.cases.models import Zaak
from loket.cases.services.avg import AVG_ZAAKTYPE, TERMIJN_WERKDAGEN
from loket.contacts.tests.factories import KlantcontactFactory
from loket.core.calendar import get_calendar
from loket.core.models import AuditEntry
from loket.parties.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

BSN = "999993653"


@pytest.fixture
def persoon():
    partij = PersoonFactory(bsn=BSN, geslachtsnaam="Jansen")
    KlantcontactFactory(partij=partij, vraagtekst="Hoe verleng ik mijn paspoort?")
    return partij


def test_a_request_for_restriction_is_a_zaak_with_the_legal_term_and_restricts_at_once(
    client, persoon, make_user
):
    officer = make_user("beheerder")
    client.force_login(officer)
    response = client.post(
        "/beheer/privacy/verzoek/", {"bsn": BSN, "soort": "beperking", "toelichting": "Adres"}
    )
    assert response.status_code == 302
    zaak = Zaak.objects.get(zaaktype__identificatie=AVG_ZAAKTYPE)
    assert zaak.initiator == persoon and "artikel 18" in zaak.omschrijving
    werkdagen = get_calendar().working_days_between(
        zaak.startdatum, zaak.uiterlijke_einddatum_afdoening
    )
    assert werkdagen == TERMIJN_WERKDAGEN
    persoon.refresh_from_db()
    assert persoon.verwerking_beperkt_sinds is not None
    assert zaak.identificatie in persoon.beperking_reden
    assert AuditEntry.objects.filter(object_id=str(persoon.pk), action="update").exists()


def test_a_restricted_person_is_kept_but_not_shown_in_the_klantbeeld(client, persoon, make_user):
    from loket.parties.services import partij_lift_restriction, partij_restrict

    client.force_login(make_user("kcc-medewerker"))
    url = f"/kcc/partij/{persoon.uuid}/"
    assert "Hoe verleng ik mijn paspoort?" in client.get(url).content.decode()

    partij_restrict(partij=persoon, user=None, reden="AVG-verzoek")
    page = client.get(url).content.decode()
    assert "Verwerking beperkt" in page
    assert "Hoe verleng ik mijn paspoort?" not in page
    assert persoon.klantcontacten.exists()  # kept

    partij_lift_restriction(partij=persoon, user=None)
    assert "Hoe verleng ik mijn paspoort?" in client.get(url).content.decode()


def test_a_request_is_validated(client, persoon, make_user):
    client.force_login(make_user("beheerder"))
    client.post("/beheer/privacy/verzoek/", {"bsn": BSN, "soort": "iets"})
    assert not Zaak.objects.filter(zaaktype__identificatie=AVG_ZAAKTYPE).exists()
    response = client.post("/beheer/privacy/verzoek/", {"bsn": "12", "soort": "inzage"})
    assert response.status_code == 400


def test_the_apis_leave_a_restricted_persons_contacts_out(persoon):
    from rest_framework.test import APIClient

    from loket.api.services import api_token_create
    from loket.parties.services import partij_restrict

    contact = persoon.klantcontacten.get()
    _token, key = api_token_create(
        name="KISS", scopes=["klantcontacten:lezen", "partijen:lezen"], default_purpose="Test"
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    lijst = f"/api/v1/klantcontacten/?partij={persoon.uuid}"
    ki = f"/klantinteracties/api/v1/klantcontacten?hadBetrokkene__wasPartij__uuid={persoon.uuid}"
    assert client.get(lijst).json()["count"] == 1
    assert client.get(ki).json()["count"] == 1

    partij_restrict(partij=persoon, user=None, reden="AVG-verzoek")
    assert client.get(lijst).json()["count"] == 0
    assert client.get(ki).json()["count"] == 0
    assert client.get(f"/api/v1/klantcontacten/{contact.uuid}/").status_code == 404
    assert persoon.klantcontacten.exists()  # kept


def test_the_zaken_api_leaves_a_restricted_persons_zaken_out_but_not_their_avg_request(
    persoon, make_user
):
    from rest_framework.test import APIClient

    from loket.api.services import api_token_create
    from loket.cases.services.avg import avg_verzoek_create
    from loket.cases.tests.factories import ZaakFactory

    zaak = ZaakFactory(initiator=persoon)
    _token, key = api_token_create(name="Zaaksysteem", scopes=["zaken:lezen"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_X_LOKET_DOEL="Zaak behandelen")
    assert client.get(f"/api/v1/zaken/{zaak.uuid}/").status_code == 200

    avg = avg_verzoek_create(
        partij=persoon, soort="beperking", toelichting="", user=make_user("beheerder")
    )
    persoon.refresh_from_db()
    assert persoon.verwerking_beperkt_sinds is not None

    uuids = {z["uuid"] for z in client.get("/api/v1/zaken/").json()["results"]}
    assert str(avg.uuid) in uuids and str(zaak.uuid) not in uuids
    assert client.get(f"/api/v1/zaken/{zaak.uuid}/").status_code == 404
    assert client.get("/api/v1/statussen/", {"zaak": str(zaak.uuid)}).json()["count"] == 0
    assert client.get(f"/api/v1/zaken/{avg.uuid}/").status_code == 200
    assert Zaak.objects.filter(pk=zaak.pk).exists()  # kept
