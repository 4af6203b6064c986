"""A small municipality for the security tests: two teams, each with a zaak, a contactverzoek
and a melding of a person with a BSN; a user of every role; API tokens with every scope and
with none."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client
from rest_framework.test import APIClient

from loket.accounts.constants import Role
from loket.accounts.services import team_add_member, team_create
from loket.api.models import ApiToken
from loket.api.services import RESOURCES, api_token_create
from loket.cases.services import zaak_create, zaaktype_create
from loket.contacts.constants import Afhandeling
from loket.contacts.services import (
    VraagInput,
    contact_register,
    contactreden_create,
    contactverzoek_create,
)
from loket.meldingen.models import Melding
from loket.meldingen.services import melding_create
from loket.parties.models import Partij
from loket.parties.tests.factories import PersoonFactory

DOEL = "Beveiligingstest: toegang en audit"
STATUSTYPEN = [
    ("Ontvangen", True, "Ontvangen."),
    ("In behandeling", False, ""),
    ("Afgehandeld", True, "Klaar."),
]


@dataclass
class TeamWorld:
    team: object
    persoon: Partij
    zaak: object
    verzoek: object
    melding: object


@dataclass
class World:
    eigen: TeamWorld  # the backoffice user's team (Burgerzaken)
    ander: TeamWorld  # another team (Vergunningen)
    users: dict = field(default_factory=dict)  # role -> user
    tokens: dict = field(default_factory=dict)  # "alle" / "geen" -> key
    # An e-mail in the inbox of the KCC team (the KCC user's), with an attachment.
    inbox_verzoek: object = None
    bijlage: object = None
    # A callback request for the KCC team (the inbox's Terugbellen).
    inbox_terugbel: object = None


def _team_world(*, naam: str, slug: str, bsn: str, achternaam: str, kcc, reden) -> TeamWorld:
    team = team_create(name=naam, slug=slug, email=f"{slug}@zeventerpen.nl")
    zaaktype = zaaktype_create(
        identificatie=f"zt-{slug}",
        omschrijving=f"Aanvraag {naam}",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
        statustypen=STATUSTYPEN,
        team=team,
    )
    persoon = PersoonFactory(bsn=bsn, geslachtsnaam=achternaam)
    zaak = zaak_create(zaaktype=zaaktype, initiator=persoon, omschrijving=f"Zaak van {achternaam}")
    contact = contact_register(
        kanaal="telefoon",
        medewerker=kcc,
        partij=persoon,
        vragen=[VraagInput(f"Terugbellen {achternaam}", reden, Afhandeling.CONTACTVERZOEK)],
    )
    verzoek = contactverzoek_create(
        vraag=contact.vragen.get(),
        team=team,
        gevraagde_handeling="Terugbellen",
        terugbelnummer="0612345678",
        user=kcc,
    )
    melding = melding_create(tekst=f"Losliggende stoeptegel bij {achternaam}", adres="Markt 1")
    Melding.objects.filter(pk=melding.pk).update(team=team, in_triage=False, melder=persoon)
    melding.refresh_from_db()
    return TeamWorld(team=team, persoon=persoon, zaak=zaak, verzoek=verzoek, melding=melding)


@pytest.fixture
def world(db, make_user) -> World:
    users = {role.value: make_user(role.value, username=role.value) for role in Role}
    kcc = users[Role.KCC]
    hoofd = contactreden_create(naam="Algemeen")
    reden = contactreden_create(naam="Terugbelverzoek", hoofdreden=hoofd)
    eigen = _team_world(
        naam="Burgerzaken",
        slug="burgerzaken",
        bsn="999993653",
        achternaam="Eigen",
        kcc=kcc,
        reden=reden,
    )
    ander = _team_world(
        naam="Vergunningen",
        slug="vergunningen",
        bsn="999990019",
        achternaam="Ander",
        kcc=kcc,
        reden=reden,
    )
    team_add_member(team=eigen.team, user=users[Role.BACKOFFICE])
    team_add_member(team=eigen.team, user=users[Role.TEAMLEIDER])
    all_scopes = [f"{r}:{k}" for r in RESOURCES for k in ("lezen", "schrijven")]
    _t, alle = api_token_create(name="Alle scopes", scopes=all_scopes)
    # The service refuses a token without scopes; one whose scopes were all withdrawn exists.
    geen_token, geen = api_token_create(name="Geen scopes", scopes=["telefonie:lezen"])
    ApiToken.objects.filter(pk=geen_token.pk).update(scopes=[])
    kcc_team = team_create(name="KCC", slug="kcc", email="kcc@zeventerpen.nl")
    team_add_member(team=kcc_team, user=kcc)
    inbox_verzoek, bijlage = _inbox_email(team=kcc_team, kcc=kcc, reden=reden)
    terugbel = contact_register(
        kanaal="telefoon",
        medewerker=kcc,
        vragen=[VraagInput("Bel mij terug over de afvalpas", reden, Afhandeling.CONTACTVERZOEK)],
    )
    inbox_terugbel = contactverzoek_create(
        vraag=terugbel.vragen.get(),
        team=kcc_team,
        gevraagde_handeling="Terugbellen",
        terugbelnummer="0612345678",
        user=kcc,
    )
    return World(
        eigen=eigen,
        ander=ander,
        users=users,
        tokens={"alle": alle, "geen": geen},
        inbox_verzoek=inbox_verzoek,
        bijlage=bijlage,
        inbox_terugbel=inbox_terugbel,
    )


def _inbox_email(*, team, kcc, reden):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from loket.inbox.models import EmailBijlage, InkomendeEmail, Postvak

    contact = contact_register(
        kanaal="e-mail",
        medewerker=None,
        vragen=[VraagInput("Vraag per e-mail", reden, Afhandeling.CONTACTVERZOEK)],
    )
    verzoek = contactverzoek_create(
        vraag=contact.vragen.get(),
        team=team,
        gevraagde_handeling="Beantwoord de e-mail.",
        email="inwoner@voorbeeld.example",
        user=kcc,
    )
    mail = InkomendeEmail.objects.create(
        postvak=Postvak.objects.create(naam="matrix"),
        uid="1",
        message_id="<matrix@voorbeeld.example>",
        afzender="inwoner@voorbeeld.example",
        onderwerp="Vraag",
        tekst="Een vraag.",
        ontvangen_op=timezone.now(),
        status=InkomendeEmail.Status.VERWERKT,
        klantcontact=contact,
    )
    bijlage = EmailBijlage(email=mail, bestandsnaam="brief.pdf", content_type="application/pdf")
    bijlage.bestand.save("brief.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return verzoek, bijlage


def session_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_session(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def api_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
