"""Models of the citizen portal."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PaginaFeedback(models.Model):
    """One answer to "Heeft deze informatie u geholpen?" on a portal page.

    The `sleutel` comes from the form as it was rendered: a double click, a refresh or a retried
    request with the same form stores one answer. The insight layer reads these through
    `loket.portal.selectors.pagina_feedback_list` and `pagina_feedback_per_pagina`.
    """

    sleutel = models.CharField(_("sleutel"), max_length=64, unique=True)
    pad = models.CharField(_("pagina"), max_length=300, db_index=True)
    paginatitel = models.CharField(_("paginatitel"), max_length=255, blank=True)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pagina_feedback",
    )
    artikel = models.ForeignKey(
        "knowledge.Kennisartikel",
        verbose_name=_("kennisartikel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pagina_feedback",
    )
    levensgebeurtenis = models.ForeignKey(
        "catalogue.Levensgebeurtenis",
        verbose_name=_("levensgebeurtenis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pagina_feedback",
    )
    geholpen = models.BooleanField(_("geholpen"))
    opmerking = models.TextField(_("opmerking"), blank=True)
    ingelogd = models.BooleanField(_("ingelogde inwoner"), default=False)
    moment = models.DateTimeField(_("moment"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("paginafeedback")
        verbose_name_plural = _("paginafeedback")
        ordering = ["-moment", "-pk"]

    def __str__(self) -> str:
        return f"{self.pad}: {'ja' if self.geholpen else 'nee'}"
