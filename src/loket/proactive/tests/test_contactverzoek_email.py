"""A contactverzoek answered by e-mail goes to the customer through the outbox."""

import pytest

from loket.accounts.services import team_add_member, team_create
from loket.contacts.constants import Afhandeling
from loket.contacts.services import (
    VraagInput,
    contact_register,
    contactverzoek_close,
    contactverzoek_create,
)
from loket.core.errors import DomainError
from loket.messaging import outbox
from loket.messaging.models import Bericht, BerichtSoort, BerichtStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def verzoek_maker(make_user, inwoner):
    from loket.contacts.services import contactreden_create

    kcc = make_user("kcc-medewerker")
    bo = make_user("backoffice-medewerker")
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=team, user=bo)
    reden = contactreden_create(naam="Paspoort")
    _brp, partij = inwoner

    def make(**contactgegevens):
        contact = contact_register(
            kanaal="telefoon",
            medewerker=kcc,
            partij=partij,
            vragen=[
                VraagInput(
                    vraagtekst="Wanneer ligt mijn paspoort klaar?",
                    contactreden=reden,
                    afhandeling=Afhandeling.CONTACTVERZOEK,
                )
            ],
        )
        verzoek = contactverzoek_create(
            vraag=contact.vragen.get(),
            team=team,
            gevraagde_handeling="Mail de klant wanneer het paspoort klaarligt.",
            user=kcc,
            **contactgegevens,
        )
        return verzoek, bo

    return make


def test_closing_by_email_queues_the_answer_in_the_outbox(verzoek_maker, mailoutbox):
    verzoek, bo = verzoek_maker(email="klant@voorbeeld.example")
    contactverzoek_close(
        verzoek=verzoek, user=bo, resultaat="Het ligt vrijdag klaar.", kanaal="e-mail"
    )
    bericht = Bericht.objects.get(soort=BerichtSoort.TERUGBELVERZOEK)
    assert bericht.adres == "klant@voorbeeld.example"
    assert "Het ligt vrijdag klaar." in bericht.tekst
    outbox.berichten_versturen(worker_id="w")
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN
    assert mailoutbox[0].to == ["klant@voorbeeld.example"]


def test_closing_by_phone_sends_no_email(verzoek_maker):
    verzoek, bo = verzoek_maker(terugbelnummer="0612345678")
    contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Gebeld.", kanaal="telefoon")
    assert not Bericht.objects.exists()


def test_closing_by_email_without_any_address_is_refused(verzoek_maker, inwoner):
    _brp, partij = inwoner
    partij.digitale_adressen.all().delete()
    verzoek, bo = verzoek_maker(terugbelnummer="0612345678")
    with pytest.raises(DomainError) as exc:
        contactverzoek_close(verzoek=verzoek, user=bo, resultaat="Gemaild.", kanaal="e-mail")
    assert exc.value.field == "kanaal"
    verzoek.refresh_from_db()
    assert verzoek.status != "verwerkt"
