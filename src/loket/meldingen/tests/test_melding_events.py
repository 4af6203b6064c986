"""Meldingen publish their domain events (core.events): received and closed."""

import pytest

from loket.core.errors import DomainError
from loket.meldingen.events import MeldingAfgehandeld, MeldingOntvangen
from loket.meldingen.services import melding_create, melding_set_status

pytestmark = pytest.mark.django_db


def test_a_melding_announces_its_receipt_and_its_closing(events, make_user):
    seen = events(MeldingOntvangen, MeldingAfgehandeld)
    melding = melding_create(tekst="Het carillon beiert onophoudelijk", adres="Markt 1")
    assert [type(e) for e in seen] == [MeldingOntvangen]
    assert seen[0].melding.referentie == melding.referentie
    behandelaar = make_user("beheerder")
    with pytest.raises(DomainError):  # in triage: no closing without a category
        melding_set_status(melding=melding, status="afgehandeld", user=behandelaar, toelichting="x")
    melding_set_status(
        melding=melding, status="geannuleerd", user=behandelaar, toelichting="Dubbel."
    )
    assert [type(e) for e in seen] == [MeldingOntvangen, MeldingAfgehandeld]
    assert seen[1].melding.status == "geannuleerd" and seen[1].user == behandelaar
