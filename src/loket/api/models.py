import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(TimeStampedModel):
    """A token for another system. Only the hash of the key is stored; scopes limit what it may do.

    A scope is "<resource>:lezen" or "<resource>:schrijven", e.g. "partijen:lezen".
    """

    name = models.CharField(_("naam"), max_length=100)
    key_prefix = models.CharField(_("begin van de sleutel"), max_length=8, db_index=True)
    key_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    is_active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def generate_key() -> str:
        return secrets.token_urlsafe(32)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
