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
    # The purpose recorded in the audit log for a read that names none (no X-Loket-Doel header),
    # e.g. "Klantcontact registreren in KISS". Empty: the caller must name one per request.
    default_purpose = models.CharField(
        _("standaarddoel"),
        max_length=255,
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "Het doel dat in het auditlog komt wanneer een verzoek van deze koppeling geen doel "
            "noemt (header X-Loket-Doel). Leeg: elk verzoek moet zelf een doel noemen."
        ),
    )

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
