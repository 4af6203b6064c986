"""Kennisartikelen (vraag-antwoordcombinaties) with immutable published versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel
from loket.knowledge.constants import ArtikelStatus


class ArtikelInhoud(models.Model):
    """The content fields shared by the working copy (the article) and each published version."""

    vraag = models.CharField(_("vraag"), max_length=255)
    samenvatting = models.CharField(_("kort antwoord"), max_length=500, blank=True)
    antwoord = models.TextField(_("antwoord (web)"), help_text=_("Opgeschoonde HTML."))
    telefoonscript = models.TextField(_("telefoonscript"), blank=True)
    email = models.TextField(_("e-mailtekst"), blank=True)
    kort = models.CharField(_("kort (sms)"), max_length=160, blank=True)
    synoniemen = models.JSONField(_("synoniemen"), default=list, blank=True)
    trefwoorden = models.JSONField(_("trefwoorden"), default=list, blank=True)
    voorbeeldvragen = models.JSONField(_("voorbeeldvragen"), default=list, blank=True)

    class Meta:
        abstract = True


class Kennisartikel(UUIDModel, TimeStampedModel, ArtikelInhoud):
    """The working copy that redacteuren edit; publishing freezes it into an ArtikelVersie."""

    slug = models.SlugField(_("code"), max_length=100, unique=True)
    categorie = models.CharField(_("categorie"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=ArtikelStatus.choices, default=ArtikelStatus.CONCEPT
    )
    producten = models.ManyToManyField(
        "catalogue.Product", related_name="kennisartikelen", blank=True, verbose_name=_("producten")
    )
    eigenaar = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("eigenaar (team)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kennisartikelen",
    )
    review_datum = models.DateField(_("herzien vóór"), null=True, blank=True)
    gepubliceerde_versie = models.ForeignKey(
        "ArtikelVersie",
        verbose_name=_("gepubliceerde versie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revisie = models.PositiveIntegerField(
        _("revisie"),
        default=1,
        help_text=_("Verhoogd bij elke wijziging; tegen gelijktijdig werk."),
    )

    class Meta:
        verbose_name = _("kennisartikel")
        verbose_name_plural = _("kennisartikelen")
        ordering = ["vraag"]

    def __str__(self) -> str:
        return self.vraag


class ArtikelVersie(ArtikelInhoud):
    """An immutable published version; a klantcontact records which version was given."""

    artikel = models.ForeignKey(Kennisartikel, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField(_("versienummer"))
    product_upl_namen = models.JSONField(_("producten (UPL-namen)"), default=list)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"))
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("artikelversie")
        verbose_name_plural = _("artikelversies")
        ordering = ["artikel", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["artikel", "nummer"], name="unique_artikel_versie")
        ]

    def __str__(self) -> str:
        return f"{self.vraag} (versie {self.nummer})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Een gepubliceerde versie kan niet worden gewijzigd.")
        super().save(*args, **kwargs)
