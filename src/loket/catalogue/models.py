"""The product catalogue: every product by its UPL name, enriched for the municipality."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel


class Product(UUIDModel, TimeStampedModel):
    # From the Uniforme Productnamenlijst (UPL).
    upl_naam = models.CharField(_("UPL-naam"), max_length=255, unique=True)
    upl_uri = models.URLField(_("UPL-URI"), max_length=300, unique=True)
    is_gemeente = models.BooleanField(_("gemeente"), default=False)
    is_rijk = models.BooleanField(_("rijk"), default=False)
    is_provincie = models.BooleanField(_("provincie"), default=False)
    is_waterschap = models.BooleanField(_("waterschap"), default=False)
    doelgroep_burger = models.BooleanField(_("voor burgers"), default=False)
    doelgroep_bedrijf = models.BooleanField(_("voor bedrijven"), default=False)
    sdg_code = models.CharField(_("SDG-code(s)"), max_length=40, blank=True)
    is_aanvraag = models.BooleanField(_("aanvraag"), default=False)
    is_melding = models.BooleanField(_("melding"), default=False)
    is_subsidie = models.BooleanField(_("subsidie"), default=False)
    is_verplichting = models.BooleanField(_("verplichting"), default=False)
    grondslagen = models.JSONField(_("wettelijke grondslagen"), default=list, blank=True)

    # Municipal enrichment (citizen-facing).
    titel = models.CharField(_("titel voor inwoners"), max_length=255, blank=True)
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["upl_naam"]

    def __str__(self) -> str:
        return self.titel or self.upl_naam

    @property
    def naam(self) -> str:
        return self.titel or self.upl_naam[:1].upper() + self.upl_naam[1:]
