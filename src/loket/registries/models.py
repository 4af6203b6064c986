"""The demo registries: BRP, BAG and KVK data for Zeventerpen, read through registries.backends.

These tables stand in for the national registries; callers never read them directly but go
through `loket.registries.backends` (the demo backend reads these, an HTTP backend the real APIs).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BagAdres(models.Model):
    """A nummeraanduiding with its openbare ruimte and woonplaats (BAG)."""

    nummeraanduiding_id = models.CharField(_("nummeraanduiding"), max_length=16, unique=True)
    postcode = models.CharField(_("postcode"), max_length=6)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("toevoeging"), max_length=4, blank=True)
    straatnaam = models.CharField(_("straat"), max_length=80)
    woonplaats = models.CharField(_("woonplaats"), max_length=80)
    gemeente = models.CharField(_("gemeente"), max_length=80, default="Zeventerpen")
    in_onderzoek = models.BooleanField(
        _("adres in onderzoek"),
        default=False,
        help_text=_(
            "De gemeente onderzoekt wie hier woont; verhuizingen naar dit adres worden niet "
            "automatisch verwerkt."
        ),
    )
    # The point of the adresseerbaar object (verblijfsobject), WGS84; the map of the melding
    # form places a pin here and draws the streets through these points.
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True)
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True)

    class Meta:
        verbose_name = _("BAG-adres (demo)")
        verbose_name_plural = _("BAG-adressen (demo)")
        indexes = [
            models.Index(fields=["postcode", "huisnummer"]),
            models.Index(fields=["straatnaam", "huisnummer"]),
        ]

    def __str__(self) -> str:
        toevoeging = f"{self.huisletter}{('-' + self.huisnummertoevoeging) if self.huisnummertoevoeging else ''}"
        return f"{self.straatnaam} {self.huisnummer}{toevoeging}, {self.postcode} {self.woonplaats}"


class BrpPersoon(models.Model):
    """A person as the BRP knows them (Haal Centraal BRP Personen bevragen, simplified)."""

    bsn = models.CharField(_("BSN"), max_length=9, unique=True)
    voornamen = models.CharField(_("voornamen"), max_length=200)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    geslachtsnaam = models.CharField(_("geslachtsnaam"), max_length=200)
    geslacht = models.CharField(_("geslacht"), max_length=1, blank=True)  # M, V, O
    geboortedatum = models.DateField(_("geboortedatum"))
    geboorteplaats = models.CharField(_("geboorteplaats"), max_length=80, blank=True)
    overlijdensdatum = models.DateField(_("overlijdensdatum"), null=True, blank=True)
    adres = models.ForeignKey(
        BagAdres, on_delete=models.PROTECT, null=True, blank=True, related_name="bewoners"
    )
    datum_aanvang_adreshouding = models.DateField(_("op dit adres sinds"), null=True, blank=True)
    huishouden = models.PositiveIntegerField(_("huishouden"), null=True, blank=True, db_index=True)
    ouder1_bsn = models.CharField(max_length=9, blank=True)
    ouder2_bsn = models.CharField(max_length=9, blank=True)
    partner_bsn = models.CharField(max_length=9, blank=True)

    class Meta:
        verbose_name = _("BRP-persoon (demo)")
        verbose_name_plural = _("BRP-personen (demo)")
        indexes = [models.Index(fields=["geslachtsnaam", "geboortedatum"])]

    def __str__(self) -> str:
        return " ".join(p for p in [self.voornamen, self.voorvoegsel, self.geslachtsnaam] if p)


class Reisdocument(models.Model):
    """Passport or identity card as registered for the person (BRP reisdocumenten)."""

    class Soort(models.TextChoices):
        PASPOORT = "paspoort", _("Paspoort")
        IDENTITEITSKAART = "identiteitskaart", _("Identiteitskaart")
        RIJBEWIJS = "rijbewijs", _("Rijbewijs")

    persoon = models.ForeignKey(BrpPersoon, on_delete=models.CASCADE, related_name="documenten")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    documentnummer = models.CharField(_("documentnummer"), max_length=12, unique=True)
    datum_uitgifte = models.DateField(_("uitgegeven op"))
    datum_einde_geldigheid = models.DateField(_("geldig tot"), db_index=True)

    class Meta:
        verbose_name = _("identiteitsdocument (demo)")
        verbose_name_plural = _("identiteitsdocumenten (demo)")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.documentnummer}"


class KvkVestiging(models.Model):
    """An establishment in the Handelsregister (KVK), simplified."""

    kvk_nummer = models.CharField(_("KVK-nummer"), max_length=8, db_index=True)
    vestigingsnummer = models.CharField(_("vestigingsnummer"), max_length=12, unique=True)
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True)
    handelsnaam = models.CharField(_("handelsnaam"), max_length=255, db_index=True)
    rechtsvorm = models.CharField(_("rechtsvorm"), max_length=60, blank=True)
    sbi_omschrijving = models.CharField(_("activiteit"), max_length=120, blank=True)
    adres = models.ForeignKey(BagAdres, on_delete=models.PROTECT, null=True, blank=True)
    is_hoofdvestiging = models.BooleanField(_("hoofdvestiging"), default=True)

    class Meta:
        verbose_name = _("KVK-vestiging (demo)")
        verbose_name_plural = _("KVK-vestigingen (demo)")

    def __str__(self) -> str:
        return f"{self.handelsnaam} ({self.kvk_nummer})"
