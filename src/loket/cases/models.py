"""Zaken (cases), after the ZGW APIs: zaaktypen with their norms, statustypen, status history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel


class Zaaktype(TimeStampedModel):
    identificatie = models.SlugField(_("identificatie"), max_length=40, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=100)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zaaktypen",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("behandelend team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zaaktypen",
    )
    doorlooptijd_werkdagen = models.PositiveIntegerField(_("wettelijke termijn (werkdagen)"))
    servicenorm_werkdagen = models.PositiveIntegerField(_("servicenorm (werkdagen)"))
    opschorting_mogelijk = models.BooleanField(_("opschorten mogelijk"), default=False)
    verlenging_mogelijk = models.BooleanField(_("verlengen mogelijk"), default=False)
    verlengingstermijn_werkdagen = models.PositiveIntegerField(
        _("verlengingstermijn (werkdagen)"), default=0
    )

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["omschrijving"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(servicenorm_werkdagen__lte=models.F("doorlooptijd_werkdagen")),
                name="servicenorm_within_doorlooptijd",
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Statustype(models.Model):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="statustypen")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    informeren = models.BooleanField(_("initiator informeren"), default=False)
    statustekst = models.CharField(_("tekst voor de inwoner"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("statustype")
        verbose_name_plural = _("statustypen")
        ordering = ["zaaktype", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["zaaktype", "volgnummer"], name="unique_statustype_volgnummer"
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Zaak(UUIDModel, TimeStampedModel):
    identificatie = models.CharField(_("zaaknummer"), max_length=30, unique=True)
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.PROTECT, related_name="zaken")
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    initiator = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("initiator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zaken",
    )
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("aanleiding (klantcontact)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zaken",
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zaken",
    )
    startdatum = models.DateField(_("startdatum"))
    einddatum_gepland = models.DateField(_("streefdatum (servicenorm)"))
    uiterlijke_einddatum_afdoening = models.DateField(_("fatale datum (wettelijke termijn)"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.ForeignKey(
        "Status",
        verbose_name=_("huidige status"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        indexes = [
            models.Index(fields=["team", "einddatum", "einddatum_gepland"]),
            models.Index(fields=["initiator", "-startdatum"]),
        ]

    def __str__(self) -> str:
        return self.identificatie


class Status(models.Model):
    """Append-only status history of a zaak."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen")
    statustype = models.ForeignKey(Statustype, on_delete=models.PROTECT, related_name="+")
    datum_status_gezet = models.DateTimeField(_("datum status gezet"))
    statustoelichting = models.TextField(_("toelichting"), blank=True)
    gezet_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statussen")
        ordering = ["zaak", "datum_status_gezet", "id"]

    def __str__(self) -> str:
        return f"{self.zaak} – {self.statustype}"
