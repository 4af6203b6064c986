import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from loket.api.models import ApiToken, hash_key

# How precisely "laatst gebruikt" is kept: to the minute is enough to see a token in use.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenUser:
    """The identity of a request made with an API token (not a medewerker)."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    pk = None

    def __init__(self, token: ApiToken) -> None:
        self.token = token

    def get_username(self) -> str:
        return f"api-token:{self.token.name}"

    def __str__(self) -> str:
        return self.get_username()

    def has_perm(self, perm: str) -> bool:
        return False


class ScopedTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`; the token's scopes are checked by HasScope."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header."))
        key = header[1].decode(errors="replace")
        token = ApiToken.objects.filter(key_hash=hash_key(key), is_active=True).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Onbekend of ingetrokken token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            # Once a minute at most: a write per request was a fifth of a cached read's time.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return TokenUser(token), token

    def authenticate_header(self, request):
        return self.keyword
