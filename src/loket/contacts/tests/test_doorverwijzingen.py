"""A referral ("doorverwezen naar andere organisatie") records the organisation; counted."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.catalogue.services import organisatie_create, organisatie_update
from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.selectors import doorverwijzingen_count
from loket.contacts.services import VraagInput, contact_register
from loket.core.errors import DomainError

MELDING = "Kies de organisatie waarnaar u verwijst."


@pytest.fixture
def uwv(db):
    return organisatie_create(slug="uwv", naam="UWV", website="https://www.uwv.nl")


@pytest.fixture
def svb(db):
    return organisatie_create(slug="svb", naam="SVB", telefoon="030 264 90 00")


@pytest.fixture
def ww(db, uwv):
    return ProductFactory(upl_naam="WW-uitkering", is_rijk=True, organisatie=uwv)


def vraag(redenen, afhandeling=Afhandeling.DOORVERWEZEN, **extra):
    return VraagInput(
        vraagtekst="Hoe vraag ik WW aan?",
        contactreden=redenen["paspoort"],
        afhandeling=afhandeling,
        **extra,
    )


def test_doorverwezen_without_organisation_is_refused(redenen, telefoon):
    with pytest.raises(DomainError) as exc:
        contact_register(kanaal=telefoon, medewerker=None, vragen=[vraag(redenen)])
    assert exc.value.message == MELDING
    assert exc.value.field == "doorverwezen_naar"


def test_second_question_without_organisation_is_named(redenen, telefoon, uwv):
    with pytest.raises(DomainError, match=r"Vraag 2: kies de organisatie waarnaar u verwijst\."):
        contact_register(
            kanaal=telefoon,
            medewerker=None,
            vragen=[vraag(redenen, doorverwezen_naar=uwv), vraag(redenen)],
        )


def test_doorverwezen_records_the_organisation(redenen, telefoon, uwv, ww):
    contact = contact_register(
        kanaal=telefoon,
        medewerker=None,
        vragen=[vraag(redenen, product=ww, doorverwezen_naar=uwv)],
    )
    assert contact.vragen.get().doorverwezen_naar == uwv


def test_organisation_with_another_afhandeling_or_inactive_is_refused(redenen, telefoon, uwv):
    with pytest.raises(DomainError) as exc:
        contact_register(
            kanaal=telefoon,
            medewerker=None,
            vragen=[vraag(redenen, afhandeling=Afhandeling.BEANTWOORD, doorverwezen_naar=uwv)],
        )
    assert exc.value.field == "doorverwezen_naar"
    organisatie_update(organisatie=uwv, is_actief=False)
    with pytest.raises(DomainError, match="niet meer in gebruik"):
        contact_register(
            kanaal=telefoon, medewerker=None, vragen=[vraag(redenen, doorverwezen_naar=uwv)]
        )


def _api():
    _, key = api_token_create(
        name="telefonie", scopes=["klantcontacten:schrijven", "klantcontacten:lezen"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _body(redenen, **vraag_extra):
    return {
        "kanaal": "telefoon",
        "vragen": [
            {
                "vraagtekst": "Hoe vraag ik WW aan?",
                "contactreden": redenen["paspoort"].code,
                "afhandeling": "doorverwezen",
                **vraag_extra,
            }
        ],
    }


def test_api_accepts_doorverwezen_naar_by_code(redenen, uwv):
    client = _api()
    response = client.post("/api/v1/klantcontacten/", _body(redenen), format="json")
    assert response.status_code == 400
    assert response.json()["vragen"] == [MELDING]
    response = client.post(
        "/api/v1/klantcontacten/", _body(redenen, doorverwezenNaar="onbekend"), format="json"
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/klantcontacten/", _body(redenen, doorverwezenNaar="uwv"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["onderwerpobjecten"][0]["doorverwezenNaar"] == "uwv"


def test_doorverwijzingen_tellen_counts_per_organisation_and_product(
    redenen, telefoon, uwv, svb, ww
):
    now = timezone.now()
    for organisatie, product in ((uwv, ww), (uwv, ww), (uwv, None), (svb, None)):
        contact_register(
            kanaal=telefoon,
            medewerker=None,
            vragen=[vraag(redenen, product=product, doorverwezen_naar=organisatie)],
        )
    contact_register(  # not a referral: not counted
        kanaal=telefoon, medewerker=None, vragen=[vraag(redenen, afhandeling="beantwoord")]
    )
    contact_register(  # outside the period
        kanaal=telefoon,
        medewerker=None,
        vragen=[vraag(redenen, doorverwezen_naar=svb)],
        plaatsgevonden_op=now - dt.timedelta(days=40),
    )
    vandaag = timezone.localdate()
    telling = doorverwijzingen_count(van=vandaag - dt.timedelta(days=7), tot=vandaag)
    assert telling.per_organisatie == [("UWV", 3), ("SVB", 1)]
    assert [(r.organisatie, r.product, r.aantal) for r in telling.regels] == [
        ("UWV", "WW-uitkering", 2),
        ("UWV", "Geen product", 1),
        ("SVB", "Geen product", 1),
    ]
    assert telling.totaal == 4
    with pytest.raises(DomainError):
        doorverwijzingen_count(van=vandaag, tot=vandaag - dt.timedelta(days=1))


def test_the_written_out_contact_equals_drfs_own_output(redenen, telefoon, uwv, ww, partij):
    """The API's hand-written klantcontact (issue 22) gives exactly what the declared fields
    give: a referral, a product, an anonymous and a known party, a duration, a verzoek."""
    from loket.contacts.api.serializers import KlantcontactSerializer
    from loket.contacts.selectors import _klantcontacten

    with_all = contact_register(
        kanaal=telefoon,
        medewerker=None,
        partij=partij,
        vragen=[
            vraag(redenen, doorverwezen_naar=uwv, product=ww),
            vraag(redenen, afhandeling=Afhandeling.BEANTWOORD, antwoord="Zo."),
        ],
        duur=dt.timedelta(minutes=4, seconds=5),
        onderwerp="WW",
    )
    anonymous = contact_register(
        kanaal=telefoon,
        medewerker=None,
        partij=None,
        vragen=[vraag(redenen, doorverwezen_naar=uwv)],
    )
    serializer = KlantcontactSerializer()
    for contact in _klantcontacten().filter(pk__in=[with_all.pk, anonymous.pk]):
        fast = serializer.to_representation(contact)
        assert fast == serializer.generic_representation(contact)
        assert list(fast) == list(serializer.generic_representation(contact))  # same order
    known = serializer.to_representation(_klantcontacten().get(pk=with_all.pk))
    assert known["duur"] == "00:04:05" and known["onderwerpobjecten"][0]["product"]["uplNaam"]
    assert known["onderwerpobjecten"][0]["doorverwezenNaar"] == "uwv"
