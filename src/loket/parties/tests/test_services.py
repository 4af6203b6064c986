import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry, Kanaal
from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.models import DigitaalAdres, Partij
from loket.parties.services import (
    digitaal_adres_add,
    digitaal_adres_set_standaard,
    digitaal_adres_verify,
    organisatie_create,
    partij_set_voorkeurskanaal,
    persoon_create,
    persoon_from_brp,
)
from loket.registries.tests.factories import BrpPersoonFactory

pytestmark = pytest.mark.django_db

BSN = "111222333"


def audit_for(obj, action=None):
    qs = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return qs.filter(action=action) if action else qs


@pytest.fixture
def kcc(make_user):
    return make_user("kcc-medewerker")


@pytest.fixture
def persoon(kcc):
    return persoon_create(bsn=BSN, voornamen="Jan", geslachtsnaam="Jansen", user=kcc)


def test_persoon_create_stores_person_and_audits_the_creation(kcc):
    partij = persoon_create(
        bsn="1112 22 333",
        voornamen="Anna",
        voorvoegsel_geslachtsnaam="van",
        geslachtsnaam="Dam",
        geboortedatum=dt.date(1990, 1, 2),
        user=kcc,
    )

    partij.refresh_from_db()
    assert partij.soort == SoortPartij.PERSOON
    assert partij.weergavenaam == "Anna van Dam"
    assert partij.persoon.bsn == BSN
    assert partij.persoon.geboortedatum == dt.date(1990, 1, 2)
    entry = audit_for(partij).get()
    assert (entry.action, entry.user) == (AuditAction.CREATE, kcc)


def test_a_second_party_with_the_same_bsn_is_refused(persoon, kcc):
    with pytest.raises(DomainError) as excinfo:
        persoon_create(bsn=BSN, geslachtsnaam="Anders", user=kcc)
    assert excinfo.value.field == "bsn"
    assert excinfo.value.message == f"Er bestaat al een klant met BSN {BSN}."
    assert Partij.objects.count() == 1


def test_persoon_create_refuses_invalid_bsn_and_missing_surname(kcc):
    with pytest.raises(DomainError) as excinfo:
        persoon_create(bsn="123456789", geslachtsnaam="Jansen", user=kcc)
    assert excinfo.value.field == "bsn"
    with pytest.raises(DomainError) as excinfo:
        persoon_create(bsn=BSN, geslachtsnaam="  ", user=kcc)
    assert excinfo.value.field == "geslachtsnaam"
    assert Partij.objects.count() == 0


def test_persoon_from_brp_creates_the_party_with_the_brp_name(kcc):
    brp = BrpPersoonFactory(voornamen="Piet", voorvoegsel="de", geslachtsnaam="Vries")

    partij = persoon_from_brp(bsn=brp.bsn, user=kcc, purpose="Klantcontact: vraag over afval")

    assert partij.weergavenaam == "Piet de Vries"
    assert partij.persoon.geboortedatum == brp.geboortedatum
    entry = audit_for(partij).get()
    assert entry.action == AuditAction.CREATE
    assert entry.purpose == "Klantcontact: vraag over afval"
    assert entry.detail == {"bron": "brp"}


def test_persoon_from_brp_updates_the_name_copy_and_audits_the_update(kcc):
    brp = BrpPersoonFactory(voornamen="Piet", geslachtsnaam="Vries")
    partij = persoon_from_brp(bsn=brp.bsn, user=kcc, purpose="Eerste contact")
    brp.geslachtsnaam = "Vries-Bakker"
    brp.save()

    again = persoon_from_brp(bsn=brp.bsn, user=kcc, purpose="Tweede contact")

    assert again.pk == partij.pk
    again.refresh_from_db()
    assert again.weergavenaam == "Piet Vries-Bakker"
    assert again.persoon.geslachtsnaam == "Vries-Bakker"
    update = audit_for(partij, AuditAction.UPDATE).get()
    assert update.detail == {"bron": "brp", "gewijzigd": ["geslachtsnaam"]}


def test_persoon_from_brp_without_changes_records_a_read(kcc):
    brp = BrpPersoonFactory()
    partij = persoon_from_brp(bsn=brp.bsn, user=kcc, purpose="Eerste contact")
    persoon_from_brp(bsn=brp.bsn, user=kcc, purpose="Tweede contact")
    assert list(audit_for(partij).order_by("id").values_list("action", "purpose")) == [
        (AuditAction.CREATE, "Eerste contact"),
        (AuditAction.READ, "Tweede contact"),
    ]


def test_persoon_from_brp_unknown_bsn_is_refused(kcc):
    with pytest.raises(DomainError) as excinfo:
        persoon_from_brp(bsn=BSN, user=kcc, purpose="Klantcontact")
    assert excinfo.value.field == "bsn"
    assert "niet bekend in de BRP" in excinfo.value.message
    assert Partij.objects.count() == 0


def test_persoon_from_brp_needs_purpose_and_permission(kcc, make_user):
    brp = BrpPersoonFactory()
    with pytest.raises(DomainError) as excinfo:
        persoon_from_brp(bsn=brp.bsn, user=kcc, purpose=" ")
    assert excinfo.value.field == "doel"
    with pytest.raises(PermissionDenied):
        persoon_from_brp(bsn=brp.bsn, user=make_user("redacteur"), purpose="Nieuwsgierig")
    assert Partij.objects.count() == 0


def test_organisatie_create_and_duplicate_kvk_is_refused(kcc):
    partij = organisatie_create(
        kvk_nummer="69599084",
        handelsnaam="Bakkerij De Terp",
        vestigingsnummer="000012345678",
        rsin="111222333",
        user=kcc,
    )
    assert partij.soort == SoortPartij.ORGANISATIE
    assert partij.organisatie.rsin == "111222333"
    assert audit_for(partij, AuditAction.CREATE).exists()
    with pytest.raises(DomainError) as excinfo:
        organisatie_create(kvk_nummer="69599084", handelsnaam="Andere naam")
    assert excinfo.value.field == "kvk_nummer"
    assert "KVK-nummer 69599084" in excinfo.value.message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kvk_nummer": "123"}, "kvk_nummer"),
        ({"rsin": "123456789"}, "rsin"),
        ({"vestigingsnummer": "12"}, "vestigingsnummer"),
        ({"handelsnaam": ""}, "handelsnaam"),
    ],
)
def test_organisatie_create_validates_its_identifiers(kwargs, field):
    data = {"kvk_nummer": "69599084", "handelsnaam": "Bakkerij De Terp", **kwargs}
    with pytest.raises(DomainError) as excinfo:
        organisatie_create(**data)
    assert excinfo.value.field == field
    assert Partij.objects.count() == 0


def test_digitaal_adres_add_normalises_email_and_phone(persoon, kcc):
    email = digitaal_adres_add(
        partij=persoon, soort=SoortDigitaalAdres.EMAIL, adres=" Jan@Example.NL ", user=kcc
    )
    telefoon = digitaal_adres_add(
        partij=persoon, soort=SoortDigitaalAdres.TELEFOON, adres="06-12345678", user=kcc
    )
    assert email.adres == "Jan@example.nl"
    assert telefoon.adres == "+31612345678"
    assert email.verified_at is None
    entry = audit_for(telefoon).get()
    assert entry.action == AuditAction.CREATE
    assert entry.detail["partij"] == str(persoon.uuid)
    assert "+316" not in entry.object_label  # the label names the party, not the number


@pytest.mark.parametrize(
    ("soort", "adres"),
    [(SoortDigitaalAdres.EMAIL, "geen-email"), (SoortDigitaalAdres.TELEFOON, "12")],
)
def test_digitaal_adres_add_refuses_invalid_addresses(persoon, kcc, soort, adres):
    with pytest.raises(DomainError) as excinfo:
        digitaal_adres_add(partij=persoon, soort=soort, adres=adres, user=kcc)
    assert excinfo.value.field == "adres"
    assert not DigitaalAdres.objects.exists()


def test_digitaal_adres_add_refuses_unknown_soort_and_duplicates(persoon, kcc):
    with pytest.raises(DomainError) as excinfo:
        digitaal_adres_add(partij=persoon, soort="fax", adres="x", user=kcc)
    assert excinfo.value.field == "soort"
    digitaal_adres_add(partij=persoon, soort="email", adres="jan@example.nl", user=kcc)
    with pytest.raises(DomainError) as excinfo:
        digitaal_adres_add(partij=persoon, soort="email", adres="jan@EXAMPLE.nl", user=kcc)
    assert excinfo.value.field == "adres"
    assert DigitaalAdres.objects.count() == 1


def test_a_new_preferred_address_clears_the_old_one_and_audits_it(persoon, kcc):
    oud = digitaal_adres_add(
        partij=persoon, soort="email", adres="oud@example.nl", is_standaard_adres=True, user=kcc
    )
    telefoon = digitaal_adres_add(
        partij=persoon,
        soort="telefoonnummer",
        adres="0612345678",
        is_standaard_adres=True,
        user=kcc,
    )
    nieuw = digitaal_adres_add(
        partij=persoon, soort="email", adres="nieuw@example.nl", is_standaard_adres=True, user=kcc
    )

    oud.refresh_from_db()
    telefoon.refresh_from_db()
    assert not oud.is_standaard_adres
    assert nieuw.is_standaard_adres
    assert telefoon.is_standaard_adres  # another soort is untouched
    update = audit_for(oud, AuditAction.UPDATE).get()
    assert update.detail["is_standaard_adres"] is False


def test_digitaal_adres_set_standaard_moves_the_preference(persoon, kcc):
    eerste = digitaal_adres_add(
        partij=persoon, soort="email", adres="a@example.nl", is_standaard_adres=True, user=kcc
    )
    tweede = digitaal_adres_add(partij=persoon, soort="email", adres="b@example.nl", user=kcc)

    digitaal_adres_set_standaard(adres=tweede, user=kcc)

    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.is_standaard_adres, tweede.is_standaard_adres) == (False, True)
    assert audit_for(eerste, AuditAction.UPDATE).count() == 1
    assert audit_for(tweede, AuditAction.UPDATE).count() == 1


def test_digitaal_adres_verify_sets_the_date_once(persoon, kcc):
    adres = digitaal_adres_add(partij=persoon, soort="email", adres="jan@example.nl", user=kcc)

    digitaal_adres_verify(adres=adres, user=kcc)
    eerst = adres.verified_at
    digitaal_adres_verify(adres=adres, user=kcc)

    adres.refresh_from_db()
    assert eerst is not None
    assert adres.verified_at == eerst
    assert audit_for(adres, AuditAction.UPDATE).count() == 1


def test_digitaal_adres_add_verified(persoon, kcc):
    adres = digitaal_adres_add(
        partij=persoon, soort="overig", adres="@jan.bsky", verified=True, user=kcc
    )
    assert adres.verified_at is not None


def test_partij_set_voorkeurskanaal_by_code_and_clear(persoon, kcc):
    partij_set_voorkeurskanaal(partij=persoon, kanaal="e-mail", user=kcc)
    persoon.refresh_from_db()
    assert persoon.voorkeurskanaal.code == "e-mail"
    entry = audit_for(persoon, AuditAction.UPDATE).get()
    assert entry.detail == {"gewijzigd": ["voorkeurskanaal"], "oud": None, "nieuw": "e-mail"}

    partij_set_voorkeurskanaal(partij=persoon, kanaal=None, user=kcc)
    persoon.refresh_from_db()
    assert persoon.voorkeurskanaal is None
    assert audit_for(persoon, AuditAction.UPDATE).count() == 2


def test_partij_set_voorkeurskanaal_refuses_unknown_and_inactive_channels(persoon, kcc):
    with pytest.raises(DomainError) as excinfo:
        partij_set_voorkeurskanaal(partij=persoon, kanaal="postduif", user=kcc)
    assert excinfo.value.field == "voorkeurskanaal"
    fax = Kanaal.objects.create(code="fax", naam="Fax", soort="overig", is_actief=False)
    with pytest.raises(DomainError) as excinfo:
        partij_set_voorkeurskanaal(partij=persoon, kanaal=fax, user=kcc)
    assert "Fax" in excinfo.value.message
    persoon.refresh_from_db()
    assert persoon.voorkeurskanaal is None
