import datetime as dt
import re

import pytest
from django.utils import timezone

from loket.cases.models import Status, Statustype, Zaak, Zaaktype
from loket.cases.services import zaak_create, zaak_set_status, zaaktype_create
from loket.cases.tests.conftest import STATUSTYPEN
from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.models import Contactreden
from loket.contacts.services import VraagInput, contact_register
from loket.core.errors import DomainError

# 23 December 2025 is a Tuesday; 25 and 26 December and 1 January are public holidays.
START = dt.date(2025, 12, 23)


def statustype(zaaktype, volgnummer):
    return zaaktype.statustypen.get(volgnummer=volgnummer)


# --- zaaktypen -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_zaaktype_create_stores_the_norms_and_numbered_statustypen(team):
    product = ProductFactory(upl_naam="terrasvergunning")
    zaaktype = zaaktype_create(
        identificatie="bezwaar",
        omschrijving="Bezwaarschrift",
        doorlooptijd_werkdagen=30,
        servicenorm_werkdagen=20,
        statustypen=[("Ontvangen", True, "Ontvangen."), ("Besluit genomen", True, "Klaar.")],
        product=product,
        team=team,
        verlenging_mogelijk=True,
        verlengingstermijn_werkdagen=30,
    )
    zaaktype.refresh_from_db()
    assert zaaktype.product == product
    assert zaaktype.verlengingstermijn_werkdagen == 30
    assert list(zaaktype.statustypen.values_list("volgnummer", "omschrijving", "informeren")) == [
        (1, "Ontvangen", True),
        (2, "Besluit genomen", True),
    ]


@pytest.mark.django_db
def test_a_servicenorm_beyond_the_legal_term_is_refused(db):
    with pytest.raises(DomainError) as excinfo:
        zaaktype_create(
            identificatie="x",
            omschrijving="X",
            doorlooptijd_werkdagen=5,
            servicenorm_werkdagen=6,
            statustypen=STATUSTYPEN,
        )
    assert excinfo.value.field == "servicenorm_werkdagen"
    assert excinfo.value.message == (
        "De servicenorm (6 werkdagen) mag niet langer zijn dan de wettelijke termijn (5 werkdagen)."
    )
    assert Zaaktype.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"statustypen": [("Alleen", False, "")]}, "statustypen"),
        ({"statustypen": [("Open", False, ""), ("open", False, "")]}, "statustypen"),
        ({"statustypen": [("Open", False, ""), ("  ", False, "")]}, "statustypen"),
        ({"identificatie": "met spatie"}, "identificatie"),
        ({"omschrijving": ""}, "omschrijving"),
        ({"doorlooptijd_werkdagen": -1}, "doorlooptijd_werkdagen"),
        ({"verlengingstermijn_werkdagen": 5}, "verlengingstermijn_werkdagen"),
    ],
)
def test_invalid_zaaktypen_are_refused(db, change, field):
    kwargs = {
        "identificatie": "x",
        "omschrijving": "X",
        "doorlooptijd_werkdagen": 5,
        "servicenorm_werkdagen": 0,
        "statustypen": STATUSTYPEN,
        **change,
    }
    with pytest.raises(DomainError) as excinfo:
        zaaktype_create(**kwargs)
    assert excinfo.value.field == field
    assert Zaaktype.objects.count() == 0
    assert Statustype.objects.count() == 0


@pytest.mark.django_db
def test_a_duplicate_identificatie_is_refused(zaaktype):
    with pytest.raises(DomainError, match="bestaat al") as excinfo:
        zaaktype_create(
            identificatie="Terrasvergunning",
            omschrijving="Nog een",
            doorlooptijd_werkdagen=5,
            servicenorm_werkdagen=5,
            statustypen=STATUSTYPEN,
        )
    assert excinfo.value.field == "identificatie"


# --- zaken ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_zaak_create_counts_the_deadlines_in_working_days(zaaktype, partij, team, make_user):
    user = make_user("backoffice-medewerker")
    zaak = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=START, user=user)
    zaak.refresh_from_db()
    # 3 working days: 24 December, (Christmas, weekend) 29 and 30 December.
    assert zaak.einddatum_gepland == dt.date(2025, 12, 30)
    # 10 working days: 24, 29, 30, 31 December, (New Year) 2, 5, 6, 7, 8 and 9 January.
    assert zaak.uiterlijke_einddatum_afdoening == dt.date(2026, 1, 9)
    assert zaak.team == team
    assert zaak.initiator == partij
    assert zaak.einddatum is None
    assert zaak.status.statustype.volgnummer == 1
    assert zaak.status.gezet_door == user
    assert Status.objects.filter(zaak=zaak).count() == 1
    assert re.fullmatch(r"ZAAK-2025-\d{7}", zaak.identificatie)


@pytest.mark.django_db
def test_zaak_numbers_are_unique(zaaktype):
    numbers = {zaak_create(zaaktype=zaaktype).identificatie for _ in range(3)}
    assert len(numbers) == 3
    assert all(n.startswith(f"ZAAK-{timezone.localdate().year}-") for n in numbers)


@pytest.mark.django_db
def test_the_initiator_defaults_to_the_party_of_the_contact(zaaktype, partij):
    reden = Contactreden.objects.create(naam="Vergunning", code="vergunning")
    contact = contact_register(
        kanaal="balie",
        medewerker=None,
        partij=partij,
        vragen=[VraagInput(vraagtekst="Terras?", contactreden=reden, afhandeling="zaak")],
    )
    zaak = zaak_create(zaaktype=zaaktype, klantcontact=contact, omschrijving="Terras Markt 1")
    assert zaak.initiator == partij
    assert zaak.klantcontact == contact
    assert list(contact.zaken.all()) == [zaak]


@pytest.mark.django_db
def test_a_zaaktype_without_statustypen_cannot_start_a_zaak(db):
    kaal = Zaaktype.objects.create(
        identificatie="kaal", omschrijving="Kaal", doorlooptijd_werkdagen=1, servicenorm_werkdagen=1
    )
    with pytest.raises(DomainError) as excinfo:
        zaak_create(zaaktype=kaal)
    assert excinfo.value.field == "zaaktype"
    assert Zaak.objects.count() == 0


@pytest.mark.django_db
def test_statuses_move_forward_and_the_end_status_closes_the_zaak(zaaktype, make_user):
    user = make_user("backoffice-medewerker")
    zaak = zaak_create(zaaktype=zaaktype, startdatum=START)
    in_behandeling = zaak_set_status(
        zaak=zaak, statustype=statustype(zaaktype, 2), user=user, toelichting="Gestart"
    )
    assert zaak.status == in_behandeling
    assert zaak.einddatum is None
    moment = timezone.now()
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 3), datum=moment)
    zaak.refresh_from_db()
    assert zaak.status.statustype.omschrijving == "Afgehandeld"
    assert zaak.einddatum == timezone.localdate(moment)
    history = list(zaak.statussen.values_list("statustype__volgnummer", "statustoelichting"))
    assert history == [(1, ""), (2, "Gestart"), (3, "")]


@pytest.mark.django_db
def test_statuses_may_be_skipped_forward(zaaktype):
    zaak = zaak_create(zaaktype=zaaktype)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 3))
    assert zaak.einddatum is not None


@pytest.mark.django_db
def test_a_status_cannot_go_backwards_or_repeat(zaaktype):
    zaak = zaak_create(zaaktype=zaaktype)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 2))
    with pytest.raises(DomainError) as excinfo:
        zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 1))
    assert (
        excinfo.value.message == "De status kan niet terug van 'In behandeling' naar 'Ontvangen'."
    )
    with pytest.raises(DomainError, match="al"):
        zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 2))
    assert zaak.statussen.count() == 2


@pytest.mark.django_db
def test_a_closed_zaak_refuses_new_statuses(zaaktype):
    zaak = zaak_create(zaaktype=zaaktype)
    zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 3))
    with pytest.raises(DomainError) as excinfo:
        zaak_set_status(zaak=zaak, statustype=statustype(zaaktype, 3))
    assert excinfo.value.message.startswith(f"Zaak {zaak.identificatie} is afgesloten op ")
    assert "geen nieuwe status" in excinfo.value.message
    assert zaak.statussen.count() == 2


@pytest.mark.django_db
def test_a_statustype_of_another_zaaktype_is_refused(zaaktype):
    ander = zaaktype_create(
        identificatie="bezwaar",
        omschrijving="Bezwaar",
        doorlooptijd_werkdagen=30,
        servicenorm_werkdagen=30,
        statustypen=STATUSTYPEN,
    )
    zaak = zaak_create(zaaktype=zaaktype)
    with pytest.raises(DomainError) as excinfo:
        zaak_set_status(zaak=zaak, statustype=statustype(ander, 2))
    assert excinfo.value.message == (
        "De status 'In behandeling' hoort niet bij het zaaktype 'Terrasvergunning'."
    )
    assert zaak.statussen.count() == 1


@pytest.mark.django_db
def test_a_status_before_the_previous_one_or_in_the_future_is_refused(zaaktype):
    zaak = zaak_create(zaaktype=zaaktype)
    with pytest.raises(DomainError, match="vóór") as excinfo:
        zaak_set_status(
            zaak=zaak,
            statustype=statustype(zaaktype, 2),
            datum=timezone.now() - dt.timedelta(days=1),
        )
    assert excinfo.value.field == "datum"
    with pytest.raises(DomainError, match="toekomst"):
        zaak_set_status(
            zaak=zaak,
            statustype=statustype(zaaktype, 2),
            datum=timezone.now() + dt.timedelta(days=1),
        )
    assert zaak.statussen.count() == 1
