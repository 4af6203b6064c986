"""The product catalogue: every product by its UPL name, enriched for the municipality."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from loket.catalogue.titels import upl_titel
from loket.core.models import TimeStampedModel, UUIDModel

ORGANISATIE_ONBEREIKBAAR = "Een organisatie moet een website of telefoonnummer hebben."


class Organisatie(TimeStampedModel):
    """A government body that handles products the municipality does not: where to refer to."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    regelt = models.TextField(_("regelt"), blank=True, help_text=_("Wat deze organisatie regelt."))
    website = models.URLField(_("website"), max_length=300, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    openingstijden = models.CharField(_("openingstijden"), max_length=300, blank=True)
    doorverbinden = models.BooleanField(
        _("doorverbinden mogelijk"),
        default=False,
        help_text=_("Het KCC kan de inwoner warm doorverbinden."),
    )
    is_demo = models.BooleanField(_("demo-organisatie"), default=False)
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_actief=False) | ~Q(website="") | ~Q(telefoon=""),
                name="organisatie_actief_bereikbaar",
                violation_error_message=ORGANISATIE_ONBEREIKBAAR,
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def regelt_u_bij(self) -> str:
        """The one line every channel shows above a referral: "Regelt u bij <naam>"."""
        return f"Regelt u bij {self.naam}"

    @property
    def verwijstekst(self) -> str:
        """The referral in one plain sentence with how to reach the organisation (API, e-mail)."""
        parts = [
            part for part in (self.website, self.telefoon and f"telefoon {self.telefoon}") if part
        ]
        tekst = self.regelt_u_bij
        if parts:
            tekst += ": " + ", ".join(parts)
        if self.openingstijden:
            tekst += f" ({self.openingstijden})"
        tekst += "."
        if self.doorverbinden:
            tekst += " Doorverbinden mogelijk."
        return tekst


def product_slug(upl_naam: str) -> str:
    """The product page's address for a UPL name ("melding openbare ruimte (algemeen)" →
    "melding-openbare-ruimte-algemeen"); unique because UPL names are."""
    return slugify(upl_naam)[:255]


class Dienstverleningsformule(TimeStampedModel):
    """A service formula: how a product is served and what the municipality promises.

    The guarantees are measurable: the insight layer checks every submission and zaak against them.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    naam = models.CharField(_("naam"), max_length=60, unique=True)
    belofte = models.CharField(
        _("belofte aan de inwoner"), max_length=255, help_text=_("Getoond bij elk product.")
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    altijd_beschikbaar = models.BooleanField(
        _("24/7 beschikbaar"), default=False, help_text=_("Anders alleen binnen kantoortijden.")
    )
    zonder_medewerker = models.BooleanField(
        _("volledig automatisch"), default=False, help_text=_("Geen menselijke tussenkomst.")
    )
    bij_eerste_contact = models.BooleanField(_("afgehandeld bij het eerste contact"), default=False)
    max_afhandeltijd_minuten = models.PositiveIntegerField(
        _("maximale afhandeltijd (minuten)"), null=True, blank=True
    )
    max_afhandeltijd_werkdagen = models.PositiveIntegerField(
        _("maximale afhandeltijd (werkdagen)"),
        null=True,
        blank=True,
        help_text=_("Leeg: de servicenorm van het product geldt."),
    )
    eerste_reactie_werkdagen = models.PositiveIntegerField(
        _("persoonlijk contact binnen (werkdagen)"), null=True, blank=True
    )
    max_wachttijd_balie_minuten = models.PositiveIntegerField(
        _("maximale wachttijd aan de balie (minuten)"),
        default=15,
        help_text=_("De wachttijdgarantie aan de balie (VNG-norm: 15 minuten)."),
    )
    doel_procent = models.PositiveSmallIntegerField(
        _("doel (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Het aandeel dat de formule waarmaakt: bij een volledig automatische formule het "
            "aandeel vragen dat zonder medewerker is afgehandeld, anders het aandeel waarin de "
            "garanties zijn gehaald. Leeg: de norm 'Garanties van de formules gehaald' geldt."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("dienstverleningsformule")
        verbose_name_plural = _("dienstverleningsformules")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def garanties(self) -> list[str]:
        """The measurable guarantees in plain Dutch, as the citizen reads them."""
        regels = [
            "24 uur per dag, 7 dagen per week"
            if self.altijd_beschikbaar
            else "Binnen kantoortijden"
        ]
        if self.zonder_medewerker:
            regels.append("Volledig automatisch, zonder tussenkomst van een medewerker")
        if self.bij_eerste_contact:
            regels.append("Geregeld bij het eerste contact")
        if self.max_afhandeltijd_minuten:
            regels.append(
                f"Klaar binnen {self.max_afhandeltijd_minuten} minuut"
                + ("" if self.max_afhandeltijd_minuten == 1 else "en")
            )
        if self.max_afhandeltijd_werkdagen:
            regels.append(f"Afgehandeld binnen {self.max_afhandeltijd_werkdagen} werkdagen")
        if self.eerste_reactie_werkdagen:
            regels.append(
                f"Persoonlijk contact binnen {self.eerste_reactie_werkdagen} werkdag"
                + ("" if self.eerste_reactie_werkdagen == 1 else "en")
            )
        return regels


class Kanaalvoorkeur(models.TextChoices):
    """Click-Call-Face: the channel the municipality steers a product to."""

    CLICK = "click", _("Online (click)")
    CALL = "call", _("Telefonisch (call)")
    FACE = "face", _("Balie (face)")


class Complexiteit(models.TextChoices):
    EENVOUDIG = "eenvoudig", _("Eenvoudig")
    STANDAARD = "standaard", _("Standaard")
    COMPLEX = "complex", _("Complex")


class Product(UUIDModel, TimeStampedModel):
    # From the Uniforme Productnamenlijst (UPL).
    upl_naam = models.CharField(_("UPL-naam"), max_length=255, unique=True)
    # The citizen's address of the product page (/producten/<slug>/), derived from the UPL name.
    # NULL (not "") until save() derives it, so rows created in bulk elsewhere cannot collide.
    slug = models.SlugField(
        _("adres op de website"), max_length=255, unique=True, null=True, blank=True
    )
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
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("regelt u bij (organisatie)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producten",
        help_text=_("De organisatie die dit product regelt, als dat niet de gemeente is."),
    )
    voorwaarden = models.TextField(_("voorwaarden"), blank=True)
    kosten = models.TextField(_("kosten"), blank=True)
    benodigdheden = models.TextField(_("wat heeft u nodig"), blank=True)
    wettelijke_termijn_werkdagen = models.PositiveIntegerField(
        _("wettelijke termijn (werkdagen)"), null=True, blank=True
    )
    servicenorm_werkdagen = models.PositiveIntegerField(
        _("servicenorm (werkdagen)"), null=True, blank=True
    )
    kanaal_click = models.BooleanField(_("online aan te vragen"), default=False)
    kanaal_call = models.BooleanField(_("telefonisch te regelen"), default=True)
    kanaal_face = models.BooleanField(_("aan de balie te regelen"), default=False)
    voorkeurskanaal = models.CharField(
        _("voorkeurskanaal"), max_length=5, choices=Kanaalvoorkeur.choices, blank=True
    )
    kanaaladvies = models.CharField(
        _("kanaaladvies"),
        max_length=255,
        blank=True,
        help_text=_("Waarom dit kanaal het snelst is, bijvoorbeeld 'Regel het online — 24/7'."),
    )
    complexiteit = models.CharField(
        _("complexiteit"), max_length=10, choices=Complexiteit.choices, blank=True
    )
    snelheid = models.CharField(
        _("snelheid"), max_length=100, blank=True, help_text=_("Bijvoorbeeld 'direct klaar'.")
    )
    dienstverleningsformule = models.ForeignKey(
        Dienstverleningsformule,
        verbose_name=_("dienstverleningsformule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producten",
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["upl_naam"]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = product_slug(self.upl_naam)
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:

        return reverse("portal:product", kwargs={"slug": self.slug})

    @property
    def kanalen(self) -> list[str]:
        """The offered channels in Click-Call-Face order."""
        offered = (self.kanaal_click, self.kanaal_call, self.kanaal_face)
        return [kanaal for kanaal, on in zip(Kanaalvoorkeur.values, offered, strict=True) if on]

    @property
    def naam(self) -> str:
        """What agents and citizens read: the title, else a readable form of the UPL name."""
        return self.titel or upl_titel(self.upl_naam)


class Levensgebeurtenis(TimeStampedModel):
    """A life event (verhuizen, geboorte, ...) and the products it involves, in order."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=80)
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    producten = models.ManyToManyField(
        Product, through="LevensgebeurtenisProduct", related_name="levensgebeurtenissen"
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("levensgebeurtenis")
        verbose_name_plural = _("levensgebeurtenissen")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:

        return reverse("portal:levensgebeurtenis", kwargs={"slug": self.slug})


class LevensgebeurtenisProduct(models.Model):
    levensgebeurtenis = models.ForeignKey(Levensgebeurtenis, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    toelichting = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("product bij levensgebeurtenis")
        verbose_name_plural = _("producten bij levensgebeurtenis")
        ordering = ["levensgebeurtenis", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["levensgebeurtenis", "product"], name="unique_levensgebeurtenis_product"
            )
        ]

    def __str__(self) -> str:
        return f"{self.levensgebeurtenis} – {self.product}"
