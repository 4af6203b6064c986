"""API tokens: created with scopes; the key is shown once and only its hash is stored."""

from __future__ import annotations

import re

from django.db import transaction

from loket.accounts.models import User
from loket.api.models import ApiToken, hash_key
from loket.core.errors import DomainError

# The resources of the API; a scope is "<resource>:lezen" or "<resource>:schrijven".
RESOURCES = (
    "partijen",
    "producten",
    "klantcontacten",
    "contactverzoeken",
    "zaken",
    "kennis",
    "meldingen",
    "telefonie",
    "inzendingen",
    "berichten",
    "notificaties",
)
SCOPE_RE = re.compile(r"^(?P<resource>[a-z]+):(?P<kind>lezen|schrijven)$")
# Scopes beside a resource's: "vertrouwelijk:lezen" lets a token read the content of
# confidential contacts and their contactverzoeken (contacts.vertrouwelijk; default not).
EXTRA_SCOPES = ("vertrouwelijk:lezen",)


def scope_validate(scope: str) -> str:
    if scope.strip() in EXTRA_SCOPES:
        return scope.strip()
    match = SCOPE_RE.match(scope.strip())
    if not match or match["resource"] not in RESOURCES:
        raise DomainError(
            f"Onbekende scope '{scope}'. Gebruik <resource>:lezen of <resource>:schrijven, "
            f"met resource een van: {', '.join(RESOURCES)}.",
            field="scopes",
        )
    return scope.strip()


@transaction.atomic
def api_token_create(
    *,
    name: str,
    scopes: list[str],
    created_by: User | None = None,
    default_purpose: str = "",
) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is not stored and cannot be shown again.

    `default_purpose` is recorded as the purpose of a read that names none (X-Loket-Doel)."""
    if not name.strip():
        raise DomainError("Geef het token een naam.", field="naam")
    if not scopes:
        raise DomainError("Geef het token ten minste één scope.", field="scopes")
    clean = sorted({scope_validate(scope) for scope in scopes})
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        name=name.strip(),
        key_prefix=key[:8],
        key_hash=hash_key(key),
        scopes=clean,
        created_by=created_by,
        default_purpose=_clean_purpose(default_purpose),
    )
    return token, key


def _clean_purpose(purpose: str) -> str:
    purpose = " ".join((purpose or "").split())
    max_length = ApiToken._meta.get_field("default_purpose").max_length or 255
    if len(purpose) > max_length:
        raise DomainError(
            f"Het standaarddoel is te lang (hoogstens {max_length} tekens).",
            field="default_purpose",
        )
    return purpose


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.is_active = False
    token.save(update_fields=["is_active", "updated_at"])
    return token
