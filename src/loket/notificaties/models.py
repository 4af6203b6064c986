"""Notifications between components in the shape of the VNG Notificaties API 1.0 (issue 18).

Loket publishes what happened to klantcontacten, internetaken, partijen and zaken to the
subscribers a beheerder registered (an Open Notificaties service is one of them: its
`/notificaties` endpoint takes the same message), and receives the notifications of other
components (for example zaken of an external Open Zaak)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel

KANALEN = ("klantcontacten", "internetaken", "partijen", "zaken")


class Abonnement(UUIDModel, TimeStampedModel):
    """A subscriber: Loket POSTs each notification of its channels to the callback URL."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    callback_url = models.URLField(_("callback-URL"), max_length=500)
    auth = models.CharField(
        _("Authorization-header"),
        max_length=1000,
        blank=True,
        help_text=_("Wat Loket in de header Authorization meestuurt, bijvoorbeeld 'Token …'."),
    )
    kanalen = models.JSONField(
        _("kanalen"),
        default=list,
        blank=True,
        help_text=_("Leeg: alle kanalen (klantcontacten, internetaken, partijen, zaken)."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not isinstance(self.kanalen, list) or any(k not in KANALEN for k in self.kanalen):
            raise ValidationError(
                {"kanalen": _("Een lijst met kanalen uit: %s.") % ", ".join(KANALEN)}
            )

    def wil(self, kanaal: str) -> bool:
        return self.actief and (not self.kanalen or kanaal in self.kanalen)


class Notificatie(UUIDModel):
    """One message, as the Notificaties API shapes it; its uuid is the message id."""

    kanaal = models.CharField(_("kanaal"), max_length=50)
    hoofd_object = models.URLField(_("hoofdobject"), max_length=500)
    resource = models.CharField(_("resource"), max_length=50)
    resource_url = models.URLField(_("resource-URL"), max_length=500)
    actie = models.CharField(_("actie"), max_length=20)
    aanmaakdatum = models.DateTimeField(_("aanmaakdatum"))
    kenmerken = models.JSONField(_("kenmerken"), default=dict, blank=True)
    # The trace of the request that caused it (Logboek Dataverwerkingen, core.tracing).
    trace_id = models.CharField(_("trace-id"), max_length=32, blank=True, db_default="")

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.kanaal} {self.resource} {self.actie}"

    def as_message(self) -> dict:
        return {
            "kanaal": self.kanaal,
            "hoofdObject": self.hoofd_object,
            "resource": self.resource,
            "resourceUrl": self.resource_url,
            "actie": self.actie,
            "aanmaakdatum": self.aanmaakdatum.isoformat().replace("+00:00", "Z"),
            "kenmerken": self.kenmerken,
        }


class AfleverStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    VERZENDEN = "verzenden", _("Wordt verzonden")
    VERZONDEN = "verzonden", _("Afgeleverd")
    MISLUKT = "mislukt", _("Mislukt")


class Aflevering(models.Model):
    """One notification to one subscriber: written in the cause's transaction, sent by the
    worker after commit, retried with backoff; at most one row per message and subscriber."""

    notificatie = models.ForeignKey(
        Notificatie, on_delete=models.CASCADE, related_name="afleveringen"
    )
    abonnement = models.ForeignKey(
        Abonnement, on_delete=models.CASCADE, related_name="afleveringen"
    )
    # Copied from the message: deliveries of one object to one subscriber go in order.
    hoofd_object = models.URLField(max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=AfleverStatus.choices, default=AfleverStatus.WACHTRIJ
    )
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    afgeleverd_op = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notificatie", "abonnement"], name="unique_aflevering_per_abonnement"
            )
        ]
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"], name="notif_aflevering_due"),
            models.Index(fields=["abonnement", "hoofd_object", "status"], name="notif_volgorde"),
        ]

    def __str__(self) -> str:
        return f"{self.notificatie} → {self.abonnement}"


class OntvangenNotificatie(models.Model):
    """A notification another component sent to Loket; its key makes a resend a no-op."""

    sleutel = models.CharField(max_length=64, unique=True)
    afzender = models.CharField(_("afzender"), max_length=150)
    kanaal = models.CharField(_("kanaal"), max_length=50)
    hoofd_object = models.URLField(_("hoofdobject"), max_length=500)
    resource = models.CharField(_("resource"), max_length=50)
    resource_url = models.URLField(_("resource-URL"), max_length=500)
    actie = models.CharField(_("actie"), max_length=20)
    aanmaakdatum = models.DateTimeField(_("aanmaakdatum"))
    kenmerken = models.JSONField(_("kenmerken"), default=dict, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ontvangen notificatie")
        verbose_name_plural = _("ontvangen notificaties")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.afzender}: {self.kanaal} {self.resource} {self.actie}"
