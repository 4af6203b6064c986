"""Retention (AVG art. 5(1)(e), Archiefwet): terms per kind of record that beheerders keep,
legal holds that stop destruction, and the destruction report (counts only, never content)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel


class Actie(models.TextChoices):
    VERNIETIGEN = "vernietigen", _("Vernietigen")
    ANONIMISEREN = "anonimiseren", _("Anonimiseren (de telling blijft)")
    BEWAREN = "bewaren", _("Bewaren (niet vernietigen)")


class Bewaartermijn(TimeStampedModel):
    """How long a kind of record is kept, counted from its moment (a contact's date, a zaak's
    einddatum, ...). `sleutel` narrows a kind (a zaaktype's identificatie); empty is the rule
    for the rest of that kind."""

    soort = models.CharField(_("soort gegevens"), max_length=40)
    sleutel = models.CharField(
        _("alleen voor"),
        max_length=80,
        blank=True,
        db_default="",
        help_text=_(
            "Bijvoorbeeld de identificatie van een zaaktype; leeg: de rest van deze soort."
        ),
    )
    dagen = models.PositiveIntegerField(_("bewaartermijn (dagen)"))
    actie = models.CharField(_("daarna"), max_length=20, choices=Actie.choices)
    bron = models.CharField(
        _("bron"),
        max_length=255,
        blank=True,
        help_text=_("Waar de termijn op berust, bijvoorbeeld de Selectielijst 2020, categorie …"),
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["soort", "sleutel"]
        constraints = [
            models.UniqueConstraint(fields=["soort", "sleutel"], name="unique_bewaartermijn")
        ]

    def __str__(self) -> str:
        wat = f"{self.soort} ({self.sleutel})" if self.sleutel else self.soort
        return f"{wat}: {self.dagen} dagen, dan {self.get_actie_display().lower()}"


class Bewaarplicht(TimeStampedModel):
    """A legal hold: nothing of this partij, or this one record, is destroyed while it lasts."""

    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("klant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    soort = models.CharField(_("soort gegevens"), max_length=40, blank=True)
    object_id = models.CharField(_("kenmerk"), max_length=64, blank=True)
    reden = models.CharField(_("reden"), max_length=255)
    tot = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal holds)")

    def __str__(self) -> str:
        wat = str(self.partij) if self.partij_id else f"{self.soort} {self.object_id}"
        return f"{wat}: {self.reden}"


class Vernietigingsverslag(models.Model):
    """One run of the retention job (or a dry run): what went, counted per kind and term."""

    gestart_op = models.DateTimeField(_("gestart op"))
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    proefrun = models.BooleanField(_("proefrun (niets vernietigd)"), default=False)
    door = models.CharField(_("gestart door"), max_length=150)

    class Meta:
        verbose_name = _("vernietigingsverslag")
        verbose_name_plural = _("vernietigingsverslagen")
        ordering = ["-gestart_op", "-pk"]

    def __str__(self) -> str:
        soort = "Proefrun" if self.proefrun else "Vernietiging"
        return f"{soort} van {self.gestart_op:%d-%m-%Y %H:%M}"


class VerslagRegel(models.Model):  # noqa: DJ008 - shown inline in its report
    verslag = models.ForeignKey(
        Vernietigingsverslag, on_delete=models.CASCADE, related_name="regels"
    )
    soort = models.CharField(_("soort gegevens"), max_length=40)
    sleutel = models.CharField(_("alleen voor"), max_length=80, blank=True)
    termijn_dagen = models.PositiveIntegerField(_("termijn (dagen)"))
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    aantal = models.PositiveIntegerField(_("aantal"), default=0)
    tegengehouden = models.PositiveIntegerField(_("tegengehouden door bewaarplicht"), default=0)

    class Meta:
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        constraints = [
            models.UniqueConstraint(
                fields=["verslag", "soort", "sleutel"], name="unique_verslagregel"
            )
        ]


class Wisverzoek(models.Model):
    """A carried-out erasure (AVG art. 17): what was erased and what stayed and why, per part.
    The person is named by the partij's UUID only (the partij itself may be gone)."""

    partij_kenmerk = models.CharField(_("klant (UUID)"), max_length=64)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"))
    door = models.CharField(_("door"), max_length=150)
    reden = models.CharField(_("reden"), max_length=255)
    regels = models.JSONField(_("uitkomst per onderdeel"), default=list)

    class Meta:
        verbose_name = _("wisverzoek (AVG art. 17)")
        verbose_name_plural = _("wisverzoeken (AVG art. 17)")
        ordering = ["-uitgevoerd_op", "-pk"]

    def __str__(self) -> str:
        return f"Wissen van {self.partij_kenmerk} op {self.uitgevoerd_op:%d-%m-%Y}"
