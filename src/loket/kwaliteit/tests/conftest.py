import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory, UserFactory
from loket.contacts.services import VraagInput, contact_register, contactreden_create
from loket.knowledge.services import artikel_create, artikel_publish
from loket.parties.tests.factories import PersoonFactory

# The tests work in last month (the dashboard shows the recent months; no frozen clock here).
DEZE_MAAND = timezone.localdate().replace(day=1)
VORIGE_MAAND = (DEZE_MAAND - dt.timedelta(days=1)).replace(day=1)  # "last month"


def moment(day: int, maand: dt.date = VORIGE_MAAND, hour: int = 10) -> dt.datetime:
    return dt.datetime(maand.year, maand.month, day, hour, tzinfo=timezone.get_current_timezone())


@dataclass
class Wereld:
    team: object
    teamleider: object
    tweede_teamleider: object
    agent: object
    collega: object
    buiten: object  # a teamleider of another team
    versie: object
    reden: object

    def contact(
        self,
        *,
        medewerker=None,
        kanaal="telefoon",
        op=None,
        partij=None,
        product=None,
        versie=True,
        afhandeling="beantwoord",
    ):
        return contact_register(
            kanaal=kanaal,
            medewerker=medewerker or self.agent,
            partij=partij or PersoonFactory(),
            plaatsgevonden_op=op or moment(5),
            vragen=[
                VraagInput(
                    vraagtekst="Wanneer is mijn paspoort klaar?",
                    contactreden=self.reden,
                    afhandeling=afhandeling,
                    product=product,
                    antwoord="Na vijf werkdagen.",
                    kennisartikel_versie=self.versie if versie else None,
                )
            ],
        )


@pytest.fixture
def wereld(db):
    team = TeamFactory(name="KCC", kind="afdeling")
    ander = TeamFactory(name="Burgerzaken", kind="afdeling")
    artikel = artikel_create(
        slug="paspoort-klaar", vraag="Wanneer is mijn paspoort klaar?", antwoord="<p>Vijf.</p>"
    )
    return Wereld(
        team=team,
        teamleider=UserFactory(role="teamleider", username="tl", teams=[team]),
        tweede_teamleider=UserFactory(role="teamleider", username="tl2", teams=[team]),
        agent=UserFactory(role="kcc-medewerker", username="agent", teams=[team]),
        collega=UserFactory(role="kcc-medewerker", username="collega", teams=[team]),
        buiten=UserFactory(role="teamleider", username="tl-buiten", teams=[ander]),
        versie=artikel_publish(artikel=artikel, revisie=artikel.revisie),
        reden=contactreden_create(naam="Reisdocumenten"),
    )
