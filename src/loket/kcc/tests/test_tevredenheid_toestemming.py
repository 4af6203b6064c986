"""Survey consent asked in the call (issue 20): the agent ticks that the klant wants a short
survey; the consent is recorded with the contact (the survey's rules do the rest), only for a
known klant, and a refused contact records none."""

import uuid

import pytest

from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact
from loket.contacts.services import VraagInput, klantcontact_register
from loket.contacts.tests.factories import ContactredenFactory
from loket.core.errors import DomainError
from loket.kcc.tests.test_views import contact_post, open_contact
from loket.messaging.models import Toestemming

pytestmark = pytest.mark.django_db


def _toestemming(partij) -> bool:
    return Toestemming.objects.filter(partij=partij, tevredenheid=True).exists()


def test_the_agent_records_the_klants_consent_with_the_contact(client, kcc_user, partij, redenen):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    assert 'name="tevredenheid"' in client.get(url).content.decode()
    data = contact_post(
        redenen=redenen,
        key=str(uuid.uuid4()),
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Wanneer is mijn paspoort klaar?",
            "tevredenheid": "on",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert Klantcontact.objects.filter(partij=partij).count() == 1
    assert _toestemming(partij)


def test_no_consent_unless_ticked(client, kcc_user, partij, redenen):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Wanneer is mijn paspoort klaar?",
        },
    )
    assert client.post(url, data).status_code == 302
    assert not _toestemming(partij)


def test_an_anonymous_contact_has_no_consent_box_and_the_service_refuses_it(
    client, kcc_user, make_user
):
    client.force_login(kcc_user)
    assert 'name="tevredenheid"' not in client.get(open_contact(client)).content.decode()
    with pytest.raises(DomainError) as caught:
        klantcontact_register(
            kanaal="telefoon",
            medewerker=make_user("kcc-medewerker", username="anoniem"),
            vragen=[VraagInput("Vraag", ContactredenFactory(), Afhandeling.BEANTWOORD)],
            tevredenheid_toestemming=True,
        )
    assert caught.value.field == "tevredenheid"
    assert not Klantcontact.objects.exists()


def test_a_refused_contact_records_no_consent(partij, make_user):
    with pytest.raises(DomainError):
        klantcontact_register(
            kanaal="telefoon",
            medewerker=make_user("kcc-medewerker", username="leeg"),
            vragen=[],  # a contact needs a question: refused
            partij=partij,
            tevredenheid_toestemming=True,
        )
    assert not _toestemming(partij)
    assert not Klantcontact.objects.exists()
