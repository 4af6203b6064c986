"""The rule with trigger 'status of a zaak' fires by itself (issue 15): a beheerder sets it up
in the form, a behandelaar sets the status in the back office, and the KCC sees the offer in
the klantbeeld while the outbox holds the message. Before, zaakstatus_signaleren was called only
from its own test: the rule could be set up and never fired."""

from __future__ import annotations

import pytest
from django.urls import reverse

from loket.accounts.services import team_add_member, team_create
from loket.cases.services import zaak_create, zaaktype_create
from loket.messaging.models import Bericht
from loket.proactive.models import Regel, Signaal

pytestmark = pytest.mark.django_db


def test_a_status_rule_from_the_form_fires_when_the_backoffice_sets_the_status(
    client, make_user, producten, inwoner
):
    _brp, partij = inwoner
    team = team_create(name="Vergunningen", slug="vergunningen", email="v@zeventerpen.nl")
    zaaktype = zaaktype_create(
        identificatie="rijbewijs",
        omschrijving="Rijbewijs aanvragen",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
        statustypen=[("Ontvangen", False, ""), ("In behandeling", False, ""), ("Klaar", True, "")],
        team=team,
    )
    client.force_login(make_user("beheerder"))
    response = client.post(
        reverse("proactive:regel_nieuw"),
        {
            "code": "na-rijbewijs",
            "naam": "Na het rijbewijs: parkeervergunning",
            "actief": "on",
            "trigger": "zaakstatus",
            "zaaktype": zaaktype.pk,
            "statusvolgnummer": 3,
            "producten": "parkeervergunning",
            "kanaal": "voorkeur",
            "vertraging_dagen": 0,
            "onderwerp": "Uw rijbewijs is klaar",
            "tekst": "Beste {naam}, denk ook aan {producten}.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Regel.objects.filter(code="na-rijbewijs", actief=True).exists()

    zaak = zaak_create(zaaktype=zaaktype, initiator=partij)
    behandelaar = make_user("backoffice-medewerker")
    team_add_member(team=team, user=behandelaar)
    client.force_login(behandelaar)
    status_url = reverse("backoffice:zaak_status", args=[zaak.pk])
    tweede, derde = (zaaktype.statustypen.get(volgnummer=n).pk for n in (2, 3))
    assert client.post(status_url, {"statustype": tweede}).status_code == 302
    assert not Signaal.objects.exists()  # status 2: the rule waits for 3
    assert client.post(status_url, {"statustype": derde}).status_code == 302

    signaal = Signaal.objects.get(partij=partij, regel__code="na-rijbewijs")
    offer = Bericht.objects.get(partij=partij, onderwerp="Uw rijbewijs is klaar")
    assert "Parkeervergunning" in offer.tekst
    assert signaal.bericht_id == offer.pk

    client.force_login(make_user("kcc-medewerker"))
    klantbeeld = client.get(reverse("kcc:klantbeeld", args=[partij.uuid])).content.decode()
    assert "Parkeervergunning" in klantbeeld or "parkeervergunning" in klantbeeld


def test_the_closing_message_still_carries_the_survey_link(inwoner):
    from loket.messaging.services import toestemming_record

    _brp, partij = inwoner
    toestemming_record(partij=partij, tevredenheid=True)  # the survey only with consent
    zaaktype = zaaktype_create(
        identificatie="kapvergunning",
        omschrijving="Kapvergunning",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
        statustypen=[("Ontvangen", False, ""), ("Afgehandeld", True, "Uw zaak is afgehandeld.")],
    )
    from loket.cases.services import zaak_set_status

    zaak = zaak_create(zaaktype=zaaktype, initiator=partij)
    zaak_set_status(zaak=zaak, statustype=zaaktype.statustypen.get(volgnummer=2))
    closing = Bericht.objects.get(partij=partij, aanleiding_id=str(zaak.uuid))
    assert "Hoe tevreden bent u" in closing.tekst and "/tevredenheid/" in closing.tekst
    assert Bericht.objects.filter(partij=partij).count() == 1  # one message for the moment
