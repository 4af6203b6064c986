"""The citizen authentication interface: the registry and the OIDC backend against a real (local)
HTTP server playing the OpenID Connect broker."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from loket.parties.citizen_auth import SESSION_KEY, SESSION_METHOD_KEY
from loket.portal.backends import configured_backends

from .conftest import BSN_ANNA


class Broker(BaseHTTPRequestHandler):
    """Token and userinfo endpoints; remembers what it was sent."""

    seen: dict = {}
    bsn = BSN_ANNA

    def log_message(self, *args):
        pass

    def _json(self, data, status=200):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        Broker.seen["token"] = urllib.parse.parse_qs(self.rfile.read(length).decode())
        self._json({"access_token": "toegang-123", "token_type": "Bearer"})

    def do_GET(self):
        Broker.seen["authorization"] = self.headers.get("Authorization")
        self._json({"sub": "x", "bsn": Broker.bsn, "acr": "urn:digid:substantieel"})


@pytest.fixture
def broker():
    server = HTTPServer(("127.0.0.1", 0), Broker)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Broker.seen = {}
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = {
        "naam": "DigiD",
        "authorization_endpoint": "https://broker.example/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "client_id": "loket",
        "client_secret": "geheim",
        "scope": "openid bsn",
        "bsn_claim": "bsn",
        "loa_claim": "acr",
    }
    with override_settings(LOKET_CITIZEN_AUTH="oidc", LOKET_OIDC=config):
        yield config
    server.shutdown()


@pytest.mark.django_db
def test_oidc_login_uses_state_and_pkce_and_logs_the_citizen_in(client, wereld, broker):
    login_page = client.get("/inloggen/").content.decode()
    assert "Inloggen met DigiD" in login_page and "DigiD-simulator" not in login_page
    assert client.get("/inloggen/digid-simulator/").status_code == 404

    start = client.get("/inloggen/oidc/", {"next": "/mijn/berichten/"})
    assert start.status_code == 302
    location = urllib.parse.urlsplit(start["Location"])
    query = urllib.parse.parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://broker.example/authorize"
    )
    assert query["client_id"] == ["loket"] and query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/inloggen/oidc/terug/"]
    state = query["state"][0]

    back = client.get("/inloggen/oidc/terug/", {"code": "code-1", "state": state})

    assert back.status_code == 302 and back["Location"] == "/mijn/berichten/"
    assert client.session[SESSION_KEY] == str(wereld.anna.uuid)
    assert client.session[SESSION_METHOD_KEY] == "oidc"
    assert Broker.seen["authorization"] == "Bearer toegang-123"
    token_request = Broker.seen["token"]
    assert token_request["code"] == ["code-1"] and token_request["code_verifier"]


@pytest.mark.django_db
def test_oidc_refuses_a_wrong_state(client, wereld, broker):
    client.get("/inloggen/oidc/")
    back = client.get("/inloggen/oidc/terug/", {"code": "c", "state": "vervalst"}, follow=True)
    assert "Het inloggen is verlopen" in back.content.decode()
    assert SESSION_KEY not in client.session
    assert "token" not in Broker.seen


@pytest.mark.django_db
def test_oidc_with_an_unknown_bsn_says_so(client, wereld, broker):
    Broker.bsn = "999990044"
    try:
        start = client.get("/inloggen/oidc/")
        state = urllib.parse.parse_qs(urllib.parse.urlsplit(start["Location"]).query)["state"][0]
        back = client.get("/inloggen/oidc/terug/", {"code": "c", "state": state}, follow=True)
    finally:
        Broker.bsn = BSN_ANNA
    assert "Wij kunnen uw gegevens niet vinden" in back.content.decode()
    assert SESSION_KEY not in client.session


def test_an_unknown_method_is_a_configuration_error():
    with (
        override_settings(LOKET_CITIZEN_AUTH="digid-echt"),
        pytest.raises(ImproperlyConfigured, match="onbekende inlogmethode"),
    ):
        configured_backends()


def test_saml_and_an_incomplete_oidc_are_not_offered():
    with override_settings(LOKET_CITIZEN_AUTH="saml,oidc,demo-digid", LOKET_OIDC={}):
        assert [b.code for b in configured_backends()] == ["demo-digid"]


def _production_settings(monkeypatch):
    """Import loket.conf.production afresh with the current environment (modules restored
    afterwards by monkeypatch)."""
    import importlib
    import sys

    for name in ("loket.conf.production", "loket.conf.base"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return importlib.import_module("loket.conf.production")


def test_production_settings_switch_the_simulator_off(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://loket@127.0.0.1:5432/loket")
    monkeypatch.delenv("LOKET_DIGID_SIMULATOR", raising=False)
    assert _production_settings(monkeypatch).LOKET_DIGID_SIMULATOR is False
    monkeypatch.setenv("LOKET_DIGID_SIMULATOR", "true")
    assert _production_settings(monkeypatch).LOKET_DIGID_SIMULATOR is True
