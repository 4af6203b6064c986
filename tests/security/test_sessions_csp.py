"""Finding 10 of issue 14: staff sessions end after a period without activity, with a warning
before; every page carries a Content-Security-Policy under which an inline script needs the
page's nonce."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from loket.accounts.constants import Role
from loket.core.middleware import IDLE_SESSION_KEY
from tests.security.conftest import session_client

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1] if " " in part.strip() else ""
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (None, "/"),
        (None, "/meldingen/"),
        (Role.KCC, "/kcc/"),
        (Role.BACKOFFICE, "/backoffice/zaken/"),
        (Role.REDACTEUR, "/kennis/redactie/nieuw/"),  # has an inline script with the nonce
        (Role.TEAMLEIDER, "/inzicht/"),
        (Role.BEHEERDER, "/api/v1/docs/"),
    ],
)
def test_every_page_has_a_csp_and_inline_scripts_carry_its_nonce(world, role, url):
    client = session_client(world.users[role]) if role else Client()
    response = client.get(url)
    assert response.status_code == 200
    policy = _csp(response)
    # Django adds the nonce only to pages that use it; a page without inline script has none.
    found = re.search(r"'nonce-([^']+)'", policy["script-src"])
    nonce = found.group(1) if found else None
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["script-src"].startswith("'self'")
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "'self'" in policy["form-action"] and policy["base-uri"] == "'self'"
    body = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", body):
        data_block = 'type="application/json"' in tag  # json_script: never executed
        assert "src=" in tag or data_block or (nonce and f'nonce="{nonce}"' in tag), tag
    assert not re.search(r"\son(click|load|change|submit|input)=", body)


def test_a_staff_session_ends_after_the_idle_limit(world, settings):
    settings.LOKET_MEDEWERKER_INACTIEF_MINUTEN = 30
    client = session_client(world.users[Role.KCC])
    assert client.get("/kcc/").status_code == 200
    # The page tells the browser when to warn.
    assert 'name="loket-inactief" content="1800"' in client.get("/kcc/").content.decode()
    session = client.session
    session[IDLE_SESSION_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/kcc/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"]).content.decode()
    assert "30 minuten niets in Loket heeft gedaan" in login_page


def test_activity_within_the_limit_keeps_the_session(world, settings):
    settings.LOKET_MEDEWERKER_INACTIEF_MINUTEN = 30
    client = session_client(world.users[Role.KCC])
    client.get("/kcc/")
    session = client.session
    session[IDLE_SESSION_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/kcc/").status_code == 200


def test_background_polls_do_not_keep_an_idle_session_alive(world, settings):
    """The chat badge, the telephone pop and the chat's long poll run on every page of an agent
    who walked away; they must not count as activity, or the idle logout would never come."""
    settings.LOKET_MEDEWERKER_INACTIEF_MINUTEN = 30
    client = session_client(world.users[Role.KCC])
    client.get("/kcc/")
    session = client.session
    begin = int(time.time()) - 29 * 60
    session[IDLE_SESSION_KEY] = begin
    session.save()
    poll = client.get(reverse("kcc:chat_teller"), HTTP_X_LOKET_ACHTERGROND="1")
    assert poll.status_code == 200
    assert client.session[IDLE_SESSION_KEY] == begin
    session = client.session
    session[IDLE_SESSION_KEY] = int(time.time()) - 31 * 60
    session.save()
    weg = client.get(reverse("kcc:chat_teller"), HTTP_X_LOKET_ACHTERGROND="1")
    assert weg.status_code == 302 and reverse("accounts:login") in weg["Location"]
    # A real request does count.
    client2 = session_client(world.users[Role.KCC])
    client2.get("/kcc/")
    session = client2.session
    session[IDLE_SESSION_KEY] = begin
    session.save()
    client2.get("/kcc/")
    assert client2.session[IDLE_SESSION_KEY] > begin


def test_htmx_requests_are_sent_to_the_login_page(world):
    client = session_client(world.users[Role.KCC])
    client.get("/kcc/")
    session = client.session
    session[IDLE_SESSION_KEY] = int(time.time()) - 24 * 3600
    session.save()
    response = client.get("/kcc/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("accounts:login")


def test_inline_scripts_run_only_with_the_pages_nonce(world):
    """No page allows 'unsafe-inline'; an inline script a page has carries that request's nonce.
    The knowledge editor loads its scripts from Loket (Tiptap by our own module, no inline import
    map), so its policy needs no nonce at all."""
    response = session_client(world.users[Role.REDACTEUR]).get("/kennis/redactie/nieuw/")
    script_src = _csp(response)["script-src"]
    assert "'unsafe-inline'" not in script_src
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts
    inline = [tag for tag in scripts if "src=" not in tag]
    match = re.search(r"'nonce-([^']+)'", script_src)
    if inline:
        assert match, "inline script without a nonce in the policy"
        assert all(f'nonce="{match.group(1)}"' in tag for tag in inline), inline
