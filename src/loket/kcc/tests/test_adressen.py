"""Editing a klant's e-mail addresses and phone numbers from the klantbeeld (audited)."""

import pytest

from loket.core.models import AuditAction, AuditEntry, Kanaal
from loket.kcc.tests.test_views import text
from loket.parties.services import digitaal_adres_add

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_adding_a_phone_number_refreshes_the_block_and_is_audited(client, kcc_user, partij):
    client.force_login(kcc_user)
    response = client.post(
        f"/kcc/partij/{partij.uuid}/adres/",
        {"adres-soort": "telefoonnummer", "adres-adres": "06 12345678", "adres-geverifieerd": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    html = text(response)
    assert "+31612345678" in html and "geverifieerd" in html
    assert "<html" not in response.content.decode()  # only the block
    adres = partij.digitale_adressen.get()
    assert adres.verified_at is not None
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(adres.pk)).exists()


def test_an_invalid_email_is_refused_at_the_field_in_dutch(client, kcc_user, partij):
    client.force_login(kcc_user)
    response = client.post(
        f"/kcc/partij/{partij.uuid}/adres/",
        {"adres-soort": "email", "adres-adres": "geen-adres"},
        **HTMX,
    )
    html = response.content.decode()
    assert 'id="id_adres-adres_error"' in html
    assert "e-mailadres" in text(response).lower()
    assert not partij.digitale_adressen.exists()


def test_an_empty_address_is_refused_without_htmx_on_the_full_page(client, kcc_user, partij):
    client.force_login(kcc_user)
    response = client.post(f"/kcc/partij/{partij.uuid}/adres/", {"adres-soort": "email"})
    assert response.status_code == 200
    assert 'id="id_adres-adres_error"' in response.content.decode()
    assert "Tijdlijn" in text(response)


def test_verify_and_prefer_an_address(client, kcc_user, partij):
    oud = digitaal_adres_add(
        partij=partij, soort="email", adres="oud@example.nl", is_standaard_adres=True, user=None
    )
    nieuw = digitaal_adres_add(partij=partij, soort="email", adres="nieuw@example.nl", user=None)
    client.force_login(kcc_user)
    base = f"/kcc/partij/{partij.uuid}/adres/{nieuw.pk}"
    assert "is geverifieerd bij de klant" in text(client.post(f"{base}/geverifieerd/", **HTMX))
    assert "is nu het voorkeursadres" in text(client.post(f"{base}/voorkeur/", **HTMX))
    nieuw.refresh_from_db()
    oud.refresh_from_db()
    assert nieuw.verified_at is not None and nieuw.is_standaard_adres
    assert not oud.is_standaard_adres
    assert (
        AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(nieuw.pk)).count() == 2
    )


def test_an_address_of_another_klant_is_404(client, kcc_user, partij, make_user):
    from loket.parties.services import persoon_from_brp
    from loket.registries.tests.factories import BrpPersoonFactory

    ander = persoon_from_brp(bsn=BrpPersoonFactory().bsn, user=None, purpose="Test")
    adres = digitaal_adres_add(partij=ander, soort="email", adres="a@example.nl", user=None)
    client.force_login(kcc_user)
    url = f"/kcc/partij/{partij.uuid}/adres/{adres.pk}/geverifieerd/"
    assert client.post(url, **HTMX).status_code == 404


def test_set_the_preferred_channel(client, kcc_user, partij):
    Kanaal.objects.get_or_create(code="e-mail", defaults={"naam": "E-mail", "soort": "email"})
    client.force_login(kcc_user)
    response = client.post(
        f"/kcc/partij/{partij.uuid}/voorkeurskanaal/", {"voorkeurskanaal": "e-mail"}, **HTMX
    )
    assert "Voorkeurskanaal: E-mail." in text(response)
    partij.refresh_from_db()
    assert partij.voorkeurskanaal.code == "e-mail"


def test_redacteur_may_not_edit_addresses(client, make_user, partij):
    client.force_login(make_user("redacteur"))
    response = client.post(
        f"/kcc/partij/{partij.uuid}/adres/", {"adres-soort": "email", "adres-adres": "a@b.nl"}
    )
    assert response.status_code == 403
