import pytest
from django.contrib.auth import get_user_model

from loket.core.models import AuditAction, AuditEntry
from loket.parties.services import persoon_create
from loket.registries.tests.factories import BrpPersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan():
    return persoon_create(bsn="111222333", voornamen="Jan", geslachtsnaam="Vries")


def test_opening_a_partij_in_the_admin_is_audited(client, jan):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.nl", "geheim-123")
    client.force_login(admin)

    response = client.get(f"/admin/parties/partij/{jan.pk}/change/")

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.READ)
    assert (entry.user, entry.object_id) == (admin, str(jan.pk))


def test_staff_without_view_person_data_cannot_open_partijen(client, make_user, jan):
    beheerder = make_user("beheerder")
    beheerder.is_staff = True
    beheerder.save()
    client.force_login(beheerder)
    assert client.get(f"/admin/parties/partij/{jan.pk}/change/").status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.READ).exists()


def test_demo_registries_are_read_only_in_the_admin(client):
    persoon = BrpPersoonFactory()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.nl", "geheim-123")
    client.force_login(admin)

    changelist = client.get("/admin/registries/brppersoon/")
    assert changelist.status_code == 200
    assert "Demogegevens" in changelist.content.decode()
    assert client.get("/admin/registries/brppersoon/add/").status_code == 403
    response = client.post(
        f"/admin/registries/brppersoon/{persoon.pk}/change/", {"geslachtsnaam": "Anders"}
    )
    assert response.status_code == 403
    persoon.refresh_from_db()
    assert persoon.geslachtsnaam == "Jansen"
