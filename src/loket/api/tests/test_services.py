import datetime as dt

import pytest
from django.utils import timezone

from loket.api.models import ApiToken, hash_key
from loket.api.services import api_token_create, api_token_revoke
from loket.core.errors import DomainError


@pytest.mark.django_db
def test_token_key_is_returned_once_and_only_its_hash_is_stored():
    token, key = api_token_create(name="Telefonie", scopes=["partijen:lezen"])
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(key)
    assert key not in str(stored.__dict__.values())
    assert stored.scopes == ["partijen:lezen"]


@pytest.mark.django_db
@pytest.mark.parametrize("scope", ["partijen", "partijen:alles", "geheim:lezen", ""])
def test_malformed_scopes_are_refused(scope):
    with pytest.raises(DomainError) as excinfo:
        api_token_create(name="x", scopes=[scope])
    assert excinfo.value.field == "scopes"
    assert ApiToken.objects.count() == 0


@pytest.mark.django_db
def test_revoked_token_is_inactive():
    token, _ = api_token_create(name="x", scopes=["producten:lezen"])
    api_token_revoke(token=token)
    token.refresh_from_db()
    assert not token.is_active


@pytest.mark.django_db
def test_last_used_is_written_once_a_minute_not_on_every_request(client):
    token, key = api_token_create(name="koppeling", scopes=["producten:lezen"])
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get("/api/v1/producten/", **auth).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert client.get("/api/v1/producten/", **auth).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first  # within the minute: no write
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    assert client.get("/api/v1/producten/", **auth).status_code == 200
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < dt.timedelta(minutes=1)


@pytest.mark.django_db
def test_a_token_keeps_its_default_purpose_and_refuses_one_too_long():
    token, _ = api_token_create(
        name="KISS", scopes=["partijen:lezen"], default_purpose="  Klantcontact  in KISS "
    )
    assert ApiToken.objects.get(pk=token.pk).default_purpose == "Klantcontact in KISS"
    plain, _ = api_token_create(name="Telefonie", scopes=["partijen:lezen"])
    assert plain.default_purpose == ""
    with pytest.raises(DomainError) as excinfo:
        api_token_create(name="x", scopes=["partijen:lezen"], default_purpose="d" * 256)
    assert excinfo.value.field == "default_purpose"
