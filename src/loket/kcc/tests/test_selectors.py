import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from loket.contacts.tests.factories import KlantcontactFactory
from loket.kcc.selectors import (
    eerder_gevraagd,
    klant_timeline,
    klantbeeld_get,
    klantbeeld_purpose,
)
from loket.registries.tests.factories import ReisdocumentFactory

pytestmark = pytest.mark.django_db


def _contact(partij, redenen, *, product=None, when=None):
    return KlantcontactFactory(
        partij=partij,
        plaatsgevonden_op=when,
        vraagtekst="Vraag",
        contactreden=redenen["paspoort"],
        product=product,
    )


def test_purpose_names_the_contact_when_given():
    assert klantbeeld_purpose() == "Klantbeeld bij klantcontact"
    assert klantbeeld_purpose(contact="KC-1") == "Klantbeeld bij klantcontact KC-1"


def test_documents_expiring_within_eight_weeks_are_flagged(kcc_user, partij, brp_persoon):
    today = timezone.localdate()
    ReisdocumentFactory(persoon=brp_persoon, datum_einde_geldigheid=today + dt.timedelta(days=30))
    ReisdocumentFactory(persoon=brp_persoon, datum_einde_geldigheid=today - dt.timedelta(days=1))
    beeld = klantbeeld_get(uuid=partij.uuid, user=kcc_user, purpose="Test")
    flags = sorted((d.verloopt_binnenkort, d.verlopen) for d in beeld.documenten)
    assert flags == [(False, False), (False, True), (True, False)]
    assert beeld.persoon.bsn == brp_persoon.bsn


def test_klantbeeld_needs_view_person_data(make_user, partij):
    with pytest.raises(PermissionDenied):
        klantbeeld_get(uuid=partij.uuid, user=make_user("redacteur"), purpose="Test")


def test_timeline_is_newest_first_and_filters_by_period(kcc_user, partij, redenen):
    now = timezone.now()
    old = _contact(partij, redenen, when=now - dt.timedelta(days=60))
    new = _contact(partij, redenen, when=now - dt.timedelta(days=1))
    items = klant_timeline(partij=partij, user=kcc_user, purpose="Test")
    assert [i.contact for i in items] == [new, old]
    items = klant_timeline(partij=partij, user=kcc_user, purpose="Test", periode="30")
    assert [i.contact for i in items] == [new]


def test_eerder_gevraagd_only_counts_the_last_30_days_per_product(
    kcc_user, partij, redenen, paspoort
):
    now = timezone.now()
    _contact(partij, redenen, product=paspoort, when=now - dt.timedelta(days=45))
    _contact(partij, redenen, product=paspoort, when=now - dt.timedelta(days=3))
    _contact(partij, redenen, product=None, when=now - dt.timedelta(days=2))
    groepen = eerder_gevraagd(klant_timeline(partij=partij, user=kcc_user, purpose="Test"))
    assert len(groepen) == 1
    assert groepen[0].product == paspoort
    assert len(groepen[0].vragen) == 1
    assert not groepen[0].herhaald
