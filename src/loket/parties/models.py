"""Klanten (partijen): personen and organisaties, after the VNG Klantinteracties API."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel
from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.validators import adres_zoekwaarde


class Partij(UUIDModel, TimeStampedModel):
    soort = models.CharField(_("soort partij"), max_length=12, choices=SoortPartij.choices)
    weergavenaam = models.CharField(_("naam"), max_length=255, db_index=True)
    voorkeurstaal = models.CharField(_("voorkeurstaal"), max_length=3, default="nld")
    indicatie_geheimhouding = models.BooleanField(_("geheimhouding"), default=False)
    voorkeurskanaal = models.ForeignKey(
        "core.Kanaal",
        verbose_name=_("voorkeurskanaal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    tags = models.JSONField(_("kenmerken"), default=list, blank=True)
    # AVG art. 18: the data is kept but not used (the klantbeeld shows only that it is
    # restricted and whom to ask) until the privacy officer lifts it.
    verwerking_beperkt_sinds = models.DateTimeField(
        _("verwerking beperkt sinds"), null=True, blank=True
    )
    beperking_reden = models.CharField(
        _("reden van de beperking"), max_length=255, blank=True, db_default=""
    )

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")

    def __str__(self) -> str:
        return self.weergavenaam


class Persoon(models.Model):
    """A natural person. Name and birth date are a copy for display; the BRP is the source."""

    partij = models.OneToOneField(
        Partij, on_delete=models.CASCADE, primary_key=True, related_name="persoon"
    )
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, null=True, blank=True)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorvoegsel_geslachtsnaam = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    geslachtsnaam = models.CharField(_("achternaam"), max_length=200, db_index=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        indexes = [models.Index(fields=["geslachtsnaam", "geboortedatum"])]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        parts = [self.voornamen, self.voorvoegsel_geslachtsnaam, self.geslachtsnaam]
        return " ".join(part for part in parts if part)


class Organisatie(models.Model):
    partij = models.OneToOneField(
        Partij, on_delete=models.CASCADE, primary_key=True, related_name="organisatie"
    )
    kvk_nummer = models.CharField(_("KVK-nummer"), max_length=8, unique=True, null=True, blank=True)
    vestigingsnummer = models.CharField(_("vestigingsnummer"), max_length=12, blank=True)
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True)
    handelsnaam = models.CharField(_("handelsnaam"), max_length=255, db_index=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.handelsnaam


class DigitaalAdres(UUIDModel, TimeStampedModel):
    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="digitale_adressen", verbose_name=_("partij")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=SoortDigitaalAdres.choices)
    adres = models.CharField(_("adres"), max_length=254)
    omschrijving = models.CharField(_("omschrijving"), max_length=100, blank=True)
    is_standaard_adres = models.BooleanField(_("voorkeursadres"), default=False)
    verified_at = models.DateTimeField(_("geverifieerd op"), null=True, blank=True)
    # What the KCC searches on (parties.selectors.partij_search_contactgegeven): the address
    # normalised (validators.adres_zoekwaarde), kept in step with `adres` by save().
    zoekwaarde = models.CharField(_("zoekwaarde"), max_length=254, blank=True, editable=False)

    class Meta:
        verbose_name = _("digitaal adres")
        verbose_name_plural = _("digitale adressen")
        indexes = [
            models.Index(fields=["zoekwaarde", "soort"], name="digitaal_adres_zoekwaarde"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partij", "soort", "adres"], name="unique_digitaal_adres_per_partij"
            ),
            models.UniqueConstraint(
                fields=["partij", "soort"],
                condition=models.Q(is_standaard_adres=True),
                name="one_preferred_digitaal_adres_per_soort",
            ),
        ]

    def __str__(self) -> str:
        return self.adres

    def save(self, *args, **kwargs):
        self.zoekwaarde = adres_zoekwaarde(soort=self.soort, adres=self.adres)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "adres" in update_fields:
            kwargs["update_fields"] = {*update_fields, "zoekwaarde"}
        super().save(*args, **kwargs)
