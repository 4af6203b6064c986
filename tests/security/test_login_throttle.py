"""Finding 6 of issue 14: brute force on a password login is stopped. After the configured
number of wrong passwords the account (and the address) is blocked for a while, with a Dutch
message; the block is in the audit log; a beheerder can lift it (loket axes_reset)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from loket.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def _try(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_right_password_is_refused_after_ten_wrong_ones(make_user, settings):
    make_user("teamleider", username="teamleider", password="juist-wachtwoord-1")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _try(client, "teamleider", "fout")
        assert response.status_code in (200, 429)
    response = _try(client, "teamleider", "juist-wachtwoord-1")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in body and "minuten" in body
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(action=AuditAction.LOCKOUT).first()
    assert entry is not None
    assert entry.object_id == "teamleider" and entry.detail["ip_adres"] == "10.0.0.1"


def test_another_address_is_also_blocked_for_the_attacked_account(make_user, settings):
    make_user("teamleider", username="teamleider", password="juist-wachtwoord-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "teamleider", "fout", ip="10.0.0.1")
    # The account is blocked from everywhere until the cool-off ends...
    assert _try(Client(), "teamleider", "juist-wachtwoord-1", ip="10.0.0.2").status_code == 429
    # ...and the address for every account.
    make_user("kcc-medewerker", username="kim", password="ander-wachtwoord-2")
    assert _try(Client(), "kim", "ander-wachtwoord-2", ip="10.0.0.1").status_code == 429


def test_a_beheerder_lifts_the_block(make_user, settings):
    make_user("teamleider", username="teamleider", password="juist-wachtwoord-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "teamleider", "fout")
    call_command("axes_reset", verbosity=0)
    client = Client()
    response = _try(client, "teamleider", "juist-wachtwoord-1")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_few_wrong_passwords_do_not_block(make_user):
    make_user("teamleider", username="teamleider", password="juist-wachtwoord-1")
    client = Client()
    for _ in range(3):
        _try(client, "teamleider", "fout")
    assert _try(client, "teamleider", "juist-wachtwoord-1").status_code == 302
