import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry
from loket.parties.models import Partij
from loket.parties.selectors import (
    organisatie_search,
    partij_digitale_adressen,
    partij_get,
    partij_list,
    persoon_get_by_bsn,
    persoon_search,
)
from loket.parties.services import (
    digitaal_adres_add,
    organisatie_create,
    persoon_create,
    persoon_from_brp,
)
from loket.registries.tests.factories import BagAdresFactory, BrpPersoonFactory

pytestmark = pytest.mark.django_db

DOEL = "Klantcontact 2026-001: vraag over paspoort"


@pytest.fixture
def kcc(make_user):
    return make_user("kcc-medewerker")


@pytest.fixture
def jan(kcc):
    return persoon_create(
        bsn="111222333",
        voornamen="Jan",
        voorvoegsel_geslachtsnaam="de",
        geslachtsnaam="Vries",
        geboortedatum=dt.date(1980, 5, 17),
        user=kcc,
    )


def reads():
    return AuditEntry.objects.filter(action=AuditAction.READ)


def test_partij_get_returns_the_party_and_audits_the_read_with_purpose(jan, kcc):
    partij = partij_get(uuid=jan.uuid, user=kcc, purpose=DOEL)

    assert partij == jan
    entry = reads().get()
    assert (entry.user, entry.purpose, entry.object_id) == (kcc, DOEL, str(jan.pk))
    assert entry.object_type == "parties.partij"


def test_partij_get_unknown_or_malformed_uuid_raises_does_not_exist(kcc):
    with pytest.raises(Partij.DoesNotExist):
        partij_get(uuid=uuid.uuid4(), user=kcc, purpose=DOEL)
    with pytest.raises(Partij.DoesNotExist):
        partij_get(uuid="geen-uuid", user=kcc, purpose=DOEL)
    assert not reads().exists()


def test_a_read_without_purpose_is_refused_and_not_recorded(jan, kcc):
    with pytest.raises(DomainError) as excinfo:
        partij_get(uuid=jan.uuid, user=kcc, purpose="  ")
    assert excinfo.value.field == "doel"
    with pytest.raises(DomainError):
        persoon_search(user=kcc, purpose="", bsn="111222333")
    assert not reads().exists()


@pytest.mark.parametrize("role", ["redacteur", "beheerder", None])
def test_users_without_view_person_data_may_not_read_persons(jan, make_user, role):
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        partij_get(uuid=jan.uuid, user=user, purpose=DOEL)
    with pytest.raises(PermissionDenied):
        persoon_get_by_bsn(bsn="111222333", user=user, purpose=DOEL)
    with pytest.raises(PermissionDenied):
        persoon_search(user=user, purpose=DOEL, geslachtsnaam="Vries")
    with pytest.raises(PermissionDenied):
        organisatie_search(user=user, purpose=DOEL, naam="Terp")
    assert not reads().exists()


@pytest.mark.parametrize("role", ["kcc-medewerker", "backoffice-medewerker", "teamleider"])
def test_roles_with_view_person_data_may_read(jan, make_user, role):
    assert partij_get(uuid=jan.uuid, user=make_user(role), purpose=DOEL) == jan


def test_anonymous_user_may_not_read(jan):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        partij_get(uuid=jan.uuid, user=AnonymousUser(), purpose=DOEL)


def test_a_system_process_may_read_and_is_recorded_as_systeem(jan):
    assert partij_get(uuid=jan.uuid, user=None, purpose="Proactieve dienstverlening") == jan
    assert reads().get().actor_label == "systeem"


def test_persoon_get_by_bsn(jan, kcc):
    assert persoon_get_by_bsn(bsn="1112.22.333", user=kcc, purpose=DOEL) == jan
    assert reads().count() == 1
    assert persoon_get_by_bsn(bsn="999999990", user=kcc, purpose=DOEL) is None
    assert reads().count() == 1
    with pytest.raises(DomainError) as excinfo:
        persoon_get_by_bsn(bsn="123456789", user=kcc, purpose=DOEL)
    assert excinfo.value.field == "bsn"


def test_persoon_search_by_surname_with_or_without_voorvoegsel(jan, kcc):
    persoon_create(bsn="999990019", voornamen="Piet", geslachtsnaam="Vriesman", user=kcc)
    persoon_create(bsn="999990020", voornamen="Kees", geslachtsnaam="Bakker", user=kcc)

    by_surname = persoon_search(user=kcc, purpose=DOEL, geslachtsnaam="vries")
    with_prefix = persoon_search(user=kcc, purpose=DOEL, geslachtsnaam="De Vries")

    assert [p.weergavenaam for p in by_surname] == ["Jan de Vries", "Piet Vriesman"]
    assert with_prefix == [jan]
    assert reads().count() == 3


def test_persoon_search_combines_criteria(jan, kcc):
    persoon_create(
        bsn="999990019", geslachtsnaam="Vries", geboortedatum=dt.date(1999, 1, 1), user=kcc
    )
    assert persoon_search(
        user=kcc, purpose=DOEL, geslachtsnaam="Vries", geboortedatum="1980-05-17"
    ) == [jan]
    assert persoon_search(user=kcc, purpose=DOEL, bsn="111222333", geslachtsnaam="Bakker") == []


def test_persoon_search_by_address_asks_the_brp_who_lives_there(kcc):
    adres = BagAdresFactory(postcode="8431AB", huisnummer=12)
    bewoner = BrpPersoonFactory(adres=adres, geslachtsnaam="Terpstra")
    elders = BrpPersoonFactory(geslachtsnaam="Terpstra")
    thuis = persoon_from_brp(bsn=bewoner.bsn, user=kcc, purpose=DOEL)
    persoon_from_brp(bsn=elders.bsn, user=kcc, purpose=DOEL)

    result = persoon_search(user=kcc, purpose=DOEL, postcode="8431 ab", huisnummer="12")

    assert result == [thuis]


def test_persoon_search_validates_its_input(kcc):
    with pytest.raises(DomainError) as excinfo:
        persoon_search(user=kcc, purpose=DOEL)
    assert excinfo.value.code == "no_criteria"
    with pytest.raises(DomainError) as excinfo:
        persoon_search(user=kcc, purpose=DOEL, postcode="8431AB")
    assert excinfo.value.field == "huisnummer"
    with pytest.raises(DomainError) as excinfo:
        persoon_search(user=kcc, purpose=DOEL, postcode="0123AB", huisnummer=1)
    assert excinfo.value.field == "postcode"
    with pytest.raises(DomainError) as excinfo:
        persoon_search(user=kcc, purpose=DOEL, geboortedatum="17-05-1980")
    assert excinfo.value.field == "geboortedatum"


def test_persoon_search_respects_the_limit_and_audits_only_what_it_returns(kcc):
    for n, bsn in enumerate(["999990019", "999990020", "999990032"]):
        persoon_create(bsn=bsn, voornamen=f"Kind {n}", geslachtsnaam="Smit", user=kcc)
    result = persoon_search(user=kcc, purpose=DOEL, geslachtsnaam="Smit", limit=2)
    assert len(result) == 2
    assert reads().count() == 2


def test_organisatie_search_by_kvk_and_name(kcc):
    terp = organisatie_create(kvk_nummer="69599084", handelsnaam="Bakkerij De Terp")
    organisatie_create(kvk_nummer="69599085", handelsnaam="Slagerij Smit")

    assert organisatie_search(user=kcc, purpose=DOEL, kvk_nummer="69599084") == [terp]
    assert organisatie_search(user=kcc, purpose=DOEL, naam="terp") == [terp]
    assert reads().count() == 2
    with pytest.raises(DomainError):
        organisatie_search(user=kcc, purpose=DOEL)


def test_partij_list_audits_only_the_page_that_is_read(kcc):
    for n, bsn in enumerate(["999990019", "999990020", "999990032"]):
        persoon_create(bsn=bsn, geslachtsnaam=f"Naam {n}", user=kcc)

    partijen = partij_list(user=kcc, purpose=DOEL)
    page = Paginator(partijen, 2).page(2)

    assert partijen.count() == 3
    assert [p.weergavenaam for p in page] == ["Naam 2"]
    assert list(reads().values_list("object_label", flat=True)) == ["Naam 2"]


def test_partij_list_filters_by_bsn(jan, kcc):
    persoon_create(bsn="999990019", geslachtsnaam="Ander", user=kcc)
    assert list(partij_list(user=kcc, purpose=DOEL, bsn="111222333")) == [jan]


def test_partij_digitale_adressen_puts_the_preferred_first(jan, kcc):
    digitaal_adres_add(partij=jan, soort="email", adres="a@example.nl", user=kcc)
    voorkeur = digitaal_adres_add(
        partij=jan, soort="email", adres="b@example.nl", is_standaard_adres=True, user=kcc
    )
    partij = partij_get(uuid=jan.uuid, user=kcc, purpose=DOEL)
    assert [a.adres for a in partij_digitale_adressen(partij=partij)] == [
        voorkeur.adres,
        "a@example.nl",
    ]
