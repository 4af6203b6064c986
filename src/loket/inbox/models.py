"""E-mail intake (issue 17): a municipal mailbox read by the worker, and the bookkeeping that
keeps every message taken in exactly once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.contacts.models import Klantcontact

# --- e-mail intake (issue 17): a municipal mailbox read by the worker ---------------------------


class Postvak(models.Model):
    """One mailbox the worker reads, and how far: the IMAP UIDVALIDITY and the last UID taken
    in. Moved on in the same transaction as each message it took in, so a killed worker neither
    loses nor repeats a message."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    uidvalidity = models.CharField(_("UIDVALIDITY"), max_length=20, blank=True)
    laatste_uid = models.PositiveBigIntegerField(_("laatste UID"), default=0)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("postvak")
        verbose_name_plural = _("postvakken")

    def __str__(self) -> str:
        return self.naam


class InkomendeEmail(models.Model):
    """One e-mail taken in from a postvak: a klantcontact on kanaal e-mail (or, for a reply,
    the contact it answers), an automatic message that is kept but not handled, or a message
    that could not be read, kept whole with the reason."""

    class Status(models.TextChoices):
        VERWERKT = "verwerkt", _("Klantcontact")
        AUTOMATISCH = "automatisch", _("Automatisch bericht (niet behandeld)")
        GEWEIGERD = "geweigerd", _("Niet te verwerken")

    postvak = models.ForeignKey(Postvak, on_delete=models.PROTECT, related_name="emails")
    uidvalidity = models.CharField(_("UIDVALIDITY"), max_length=20, blank=True)
    uid = models.CharField(_("UID"), max_length=100)
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True, db_index=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=300, blank=True)
    referenties = models.TextField(_("References"), blank=True)
    afzender = models.CharField(_("afzender"), max_length=254, blank=True)
    afzender_naam = models.CharField(_("naam afzender"), max_length=200, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), db_index=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    reden = models.TextField(_("reden"), blank=True)
    klantcontact = models.ForeignKey(
        Klantcontact,
        verbose_name=_("klantcontact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emails",
    )
    # A message that could not be read is kept whole, so nothing is lost.
    bron = models.FileField(_("origineel bericht"), upload_to="email/bron/%Y/%m/", blank=True)
    bevestigd = models.BooleanField(_("ontvangstbevestiging verstuurd"), default=False)

    class Meta:
        verbose_name = _("inkomende e-mail")
        verbose_name_plural = _("inkomende e-mails")
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["postvak", "uidvalidity", "uid"], name="unique_email_per_postvak_uid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.afzender}: {self.onderwerp}"


class EmailBijlage(models.Model):
    """An attachment of an incoming e-mail: stored as a zaak document is (type and size
    checked), or refused with the reason (the rest of the e-mail is still taken in)."""

    email = models.ForeignKey(InkomendeEmail, on_delete=models.CASCADE, related_name="bijlagen")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort"), max_length=100, blank=True)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    bestand = models.FileField(_("bestand"), upload_to="email/bijlagen/%Y/%m/", blank=True)
    geweigerd = models.CharField(_("geweigerd omdat"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.bestandsnaam
