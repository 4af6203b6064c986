"""Citizen authentication: one interface, several backends (settings.LOKET_CITIZEN_AUTH).

A backend proves an identity (a BSN) and hands it to `finish_login`, which binds the session
to the citizen's Partij through `loket.parties.citizen_auth.citizen_login`. The rest of Loket never sees
which backend was used; it asks `citizen_partij(request)`.

    LOKET_CITIZEN_AUTH = "demo-digid"          # the DigiD simulator (demo only)
    LOKET_CITIZEN_AUTH = "oidc"                # DigiD through an OpenID Connect broker
    LOKET_CITIZEN_AUTH = "oidc,demo-digid"     # several: the login page offers each

See docs/burgerlogin.md for the settings of each backend.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from loket.core.errors import DomainError
from loket.parties.citizen_auth import citizen_login
from loket.parties.models import Persoon


@dataclass(frozen=True)
class Inlogresultaat:
    """What a backend proved: a BSN, and the assurance level it was proved at."""

    bsn: str
    methode: str
    betrouwbaarheid: str = ""


class CitizenAuthBackend:
    """The interface every citizen login method implements.

    `start` begins a login (redirect to the identity provider, or render a page); the provider
    returns to `portal:inloggen_terug` with the backend's code, where `callback` verifies the
    answer and returns an `Inlogresultaat` (or raises DomainError with a Dutch message)."""

    code: str = ""
    naam: str = ""  # what the citizen reads on the button: "DigiD", "eHerkenning"
    is_demo: bool = False

    def is_enabled(self) -> bool:
        return True

    def start(self, request, *, next_url: str) -> HttpResponse:
        raise NotImplementedError

    def callback(self, request) -> Inlogresultaat:
        raise NotImplementedError


class DemoDigidBackend(CitizenAuthBackend):
    """The DigiD simulator: pick a demo resident. Never in production unless explicitly enabled
    (LOKET_DIGID_SIMULATOR=true); the page says clearly that it is a simulator."""

    code = "demo-digid"
    naam = "DigiD-simulator"
    is_demo = True

    def is_enabled(self) -> bool:
        return bool(settings.LOKET_DIGID_SIMULATOR)

    def start(self, request, *, next_url: str) -> HttpResponse:
        url = reverse("portal:digid_simulator")
        return HttpResponseRedirect(f"{url}?{urllib.parse.urlencode({'next': next_url})}")

    def callback(self, request) -> Inlogresultaat:
        # The simulator posts the chosen resident's BSN to its own view (portal.views), which
        # calls finish_login directly; there is no external provider to return from.
        raise DomainError("De DigiD-simulator heeft geen terugkeeradres.", field="methode")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class OidcBackend(CitizenAuthBackend):
    """DigiD or eHerkenning through an OpenID Connect broker (authorization code flow + PKCE).

    The identity is read from the broker's userinfo endpoint over TLS with the access token, so
    no token signature handling is needed here; the BSN claim name is configurable. Settings
    (LOKET_OIDC): authorization_endpoint, token_endpoint, userinfo_endpoint, client_id,
    client_secret, scope, bsn_claim, loa_claim, naam."""

    code = "oidc"
    SESSION_KEY = "loket_oidc_login"
    TIMEOUT = 10

    @property
    def config(self) -> dict:
        return dict(settings.LOKET_OIDC or {})

    @property
    def naam(self) -> str:  # type: ignore[override]
        return self.config.get("naam") or "DigiD"

    def is_enabled(self) -> bool:
        config = self.config
        return all(
            config.get(key)
            for key in (
                "authorization_endpoint",
                "token_endpoint",
                "userinfo_endpoint",
                "client_id",
            )
        )

    def _redirect_uri(self, request) -> str:
        return request.build_absolute_uri(
            reverse("portal:inloggen_terug", kwargs={"methode": self.code})
        )

    def start(self, request, *, next_url: str) -> HttpResponse:
        if not self.is_enabled():
            raise ImproperlyConfigured("LOKET_OIDC is onvolledig ingesteld.")
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        request.session[self.SESSION_KEY] = {
            "state": state,
            "nonce": nonce,
            "verifier": verifier,
            "next": next_url,
        }
        config = self.config
        query = urllib.parse.urlencode(
            {
                "response_type": "code",
                "client_id": config["client_id"],
                "redirect_uri": self._redirect_uri(request),
                "scope": config.get("scope") or "openid",
                "state": state,
                "nonce": nonce,
                "code_challenge": _b64url(hashlib.sha256(verifier.encode()).digest()),
                "code_challenge_method": "S256",
            }
        )
        return HttpResponseRedirect(f"{config['authorization_endpoint']}?{query}")

    def _post_json(self, url: str, data: dict) -> dict:
        body = urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
        with urllib.request.urlopen(req, timeout=self.TIMEOUT) as response:
            return json.loads(response.read().decode())

    def _get_json(self, url: str, token: str) -> dict:
        req = urllib.request.Request(
            url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=self.TIMEOUT) as response:
            return json.loads(response.read().decode())

    def callback(self, request) -> Inlogresultaat:
        pending = request.session.pop(self.SESSION_KEY, None)
        if request.GET.get("error"):
            raise DomainError("U heeft het inloggen afgebroken of het is mislukt.", field="methode")
        if not pending or not secrets.compare_digest(
            str(request.GET.get("state", "")), pending["state"]
        ):
            raise DomainError("Het inloggen is verlopen. Probeer het opnieuw.", field="methode")
        config = self.config
        try:
            tokens = self._post_json(
                config["token_endpoint"],
                {
                    "grant_type": "authorization_code",
                    "code": request.GET.get("code", ""),
                    "redirect_uri": self._redirect_uri(request),
                    "client_id": config["client_id"],
                    "client_secret": config.get("client_secret", ""),
                    "code_verifier": pending["verifier"],
                },
            )
            claims = self._get_json(config["userinfo_endpoint"], tokens["access_token"])
        except (urllib.error.URLError, KeyError, ValueError, TimeoutError):
            raise DomainError(
                "Inloggen lukt nu niet: de inlogdienst antwoordt niet. Probeer het later opnieuw.",
                field="methode",
            ) from None
        bsn = str(claims.get(config.get("bsn_claim") or "bsn") or "")
        if not bsn:
            raise DomainError("De inlogdienst gaf geen burgerservicenummer door.", field="methode")
        request.session["loket_inlog_next"] = pending.get("next", "")
        return Inlogresultaat(
            bsn=bsn,
            methode=self.code,
            betrouwbaarheid=str(claims.get(config.get("loa_claim") or "acr") or ""),
        )


class SamlBackend(CitizenAuthBackend):
    """DigiD or eHerkenning directly over SAML 2.0 (Logius). Loket does not sign SAML itself:
    configure a SAML-to-OIDC broker (for example Keycloak or a commercial broker) and use the
    "oidc" backend. This class keeps the place in the interface and says so when chosen."""

    code = "saml"
    naam = "DigiD (SAML)"

    def is_enabled(self) -> bool:
        return False

    def start(self, request, *, next_url: str) -> HttpResponse:
        raise ImproperlyConfigured(
            "Directe SAML-koppeling is niet ingebouwd; gebruik LOKET_CITIZEN_AUTH=oidc met een "
            "SAML-OIDC-broker (zie docs/burgerlogin.md)."
        )


BACKENDS: dict[str, type[CitizenAuthBackend]] = {
    DemoDigidBackend.code: DemoDigidBackend,
    OidcBackend.code: OidcBackend,
    SamlBackend.code: SamlBackend,
}


def configured_backends() -> list[CitizenAuthBackend]:
    """The backends named in LOKET_CITIZEN_AUTH that are enabled, in that order."""
    names = [
        name.strip() for name in str(settings.LOKET_CITIZEN_AUTH or "").split(",") if name.strip()
    ]
    unknown = [name for name in names if name not in BACKENDS]
    if unknown:
        raise ImproperlyConfigured(
            f"LOKET_CITIZEN_AUTH: onbekende inlogmethode {unknown[0]!r}; "
            f"kies uit {', '.join(BACKENDS)}."
        )
    backends = [BACKENDS[name]() for name in names]
    return [backend for backend in backends if backend.is_enabled()]


def get_backend(code: str) -> CitizenAuthBackend | None:
    return next((b for b in configured_backends() if b.code == code), None)


def safe_next(request, next_url: str | None, default: str) -> str:
    """Only same-site paths: the login never redirects to another site."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


def finish_login(request, *, resultaat: Inlogresultaat):
    """Bind the session to the Partij with this BSN (the session key rotates). Returns the
    Partij; raises DomainError when Loket does not know the citizen."""

    persoon = Persoon.objects.select_related("partij").filter(bsn=resultaat.bsn).first()
    if persoon is None:
        raise DomainError(
            "Wij kunnen uw gegevens niet vinden. Neem contact op met de gemeente.", field="bsn"
        )
    citizen_login(request, partij=persoon.partij, methode=resultaat.methode)
    return persoon.partij
