"""API tokens in gegevensbeheer for the beheerder (issue 16, item 15)."""

import pytest
from django.contrib.messages import get_messages

from loket.accounts.constants import Role
from loket.accounts.tests.factories import UserFactory
from loket.api.models import ApiToken, hash_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(client):
    beheerder = UserFactory(role=Role.BEHEERDER, username="beheer1")
    client.force_login(beheerder)
    client.user = beheerder
    return client


def test_beheerder_creates_a_scoped_token_and_sees_the_key_once(beheerder_client):
    response = beheerder_client.post(
        "/admin/api/apitoken/add/",
        {"name": "Telefonie", "scopes": ["partijen:lezen", "telefonie:schrijven"]},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Telefonie")
    assert token.scopes == ["partijen:lezen", "telefonie:schrijven"]
    assert token.created_by == beheerder_client.user
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    key_message = next(m for m in shown if "kopieer hem nu" in m)
    key = key_message.split(" is: ")[1].split(" — ")[0]
    assert hash_key(key) == token.key_hash
    detail = beheerder_client.get(f"/admin/api/apitoken/{token.pk}/change/")
    assert key not in detail.content.decode()
    assert "Laatst gebruikt" in detail.content.decode()


def test_a_token_without_scopes_is_refused_in_dutch(beheerder_client):
    response = beheerder_client.post("/admin/api/apitoken/add/", {"name": "Leeg", "scopes": []})
    assert response.status_code == 200
    errors = response.context_data["adminform"].form.errors
    assert "scopes" in errors
    assert "Fout:" in response.content.decode()
    assert not ApiToken.objects.filter(name="Leeg").exists()


def test_beheerder_revokes_a_token(beheerder_client):
    from loket.api.services import api_token_create

    token, _key = api_token_create(name="Chat", scopes=["kennis:lezen"])
    beheerder_client.post(
        "/admin/api/apitoken/",
        {"action": "intrekken", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.is_active is False


def test_beheerder_cannot_make_anyone_superuser(beheerder_client):
    kcc = UserFactory(role=Role.KCC, username="kcc1")
    page = beheerder_client.get(f"/admin/accounts/user/{kcc.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="groups"' in page


def test_beheerder_gives_a_token_a_default_purpose_and_changes_it(beheerder_client):
    beheerder_client.post(
        "/admin/api/apitoken/add/",
        {"name": "KISS", "default_purpose": "Klantcontact in KISS", "scopes": ["partijen:lezen"]},
    )
    token = ApiToken.objects.get(name="KISS")
    assert token.default_purpose == "Klantcontact in KISS"
    response = beheerder_client.post(
        f"/admin/api/apitoken/{token.pk}/change/",
        {"name": "KISS", "default_purpose": "Terugbelverzoek in KISS"},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.default_purpose == "Terugbelverzoek in KISS"
    assert token.scopes == ["partijen:lezen"]
