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
    opschortingstermijn_werkdagen = models.PositiveIntegerField(
        _("hoogstens opschorten (werkdagen)"),
        default=0,
        help_text=_("0: geen grens."),
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
    resultaat = models.ForeignKey(
        "Resultaattype",
        verbose_name=_("resultaat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resultaat_toelichting = models.TextField(_("toelichting bij het resultaat"), blank=True)
    # Suspension (opschorting): while set, the zaak is on hold since that day.
    opgeschort_sinds = models.DateField(_("opgeschort sinds"), null=True, blank=True)
    opschorting_reden = models.CharField(_("reden opschorting"), max_length=255, blank=True)
    opgeschort_werkdagen = models.PositiveIntegerField(
        _("werkdagen opgeschort (totaal)"), default=0
    )
    verlengd_werkdagen = models.PositiveIntegerField(_("verlengd (werkdagen)"), default=0)
    # Set when its dossier was destroyed after its retention term (privacy): the zaak stays as a
    # number with its zaaktype, dates and result for the figures, without person or content.
    geanonimiseerd_op = models.DateTimeField(_("dossier vernietigd op"), null=True, blank=True)
    verlenging_reden = models.CharField(_("reden verlenging"), max_length=255, blank=True)
    bron = models.CharField(
        _("bron"), max_length=100, blank=True, help_text=_("Bijv. inzending:<uuid>.")
    )
    # Not a column: set on the rows of the work queue by cases.selectors.zaak_queue.
    signaal: str

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        indexes = [
            models.Index(fields=["team", "einddatum", "einddatum_gepland"]),
            models.Index(fields=["initiator", "-startdatum"]),
            models.Index(fields=["team", "behandelaar", "einddatum", "einddatum_gepland"]),
            # Covers the backlog figures of a team (counts and ages) without reading the rows.
            models.Index(
                fields=[
                    "team",
                    "einddatum",
                    "startdatum",
                    "einddatum_gepland",
                    "uiterlijke_einddatum_afdoening",
                    "behandelaar",
                    "opgeschort_sinds",
                ],
                name="cases_zaak_backlog_idx",
            ),
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


class Resultaattype(models.Model):
    """A possible outcome of a zaak of this zaaktype (ZGW resultaattype)."""

    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="resultaattypen")
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    toelichting = models.CharField(_("tekst voor de inwoner"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("resultaattype")
        verbose_name_plural = _("resultaattypen")
        ordering = ["zaaktype", "omschrijving"]
        constraints = [
            models.UniqueConstraint(
                fields=["zaaktype", "omschrijving"], name="unique_resultaattype_omschrijving"
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving


class StatusOvergang(models.Model):
    """An allowed status transition of a zaaktype. When a zaaktype declares none, a zaak moves
    forward in volgnummer order (any later status)."""

    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="overgangen")
    van = models.ForeignKey(
        Statustype, verbose_name=_("van"), on_delete=models.CASCADE, related_name="+"
    )
    naar = models.ForeignKey(
        Statustype, verbose_name=_("naar"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("statusovergang")
        verbose_name_plural = _("statusovergangen")
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "van", "naar"], name="unique_overgang")
        ]

    def __str__(self) -> str:
        return f"{self.van} → {self.naar}"


class ZaakGebeurtenisSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Zaak gestart")
    STATUS = "status", _("Status gezet")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    OPGESCHORT = "opgeschort", _("Opgeschort")
    HERVAT = "hervat", _("Hervat")
    VERLENGD = "verlengd", _("Verlengd")
    NOTITIE = "notitie", _("Notitie")
    DOCUMENT = "document", _("Document toegevoegd")
    RESULTAAT = "resultaat", _("Afgesloten met resultaat")
    HEROPEND = "heropend", _("Heropend")
    BERICHT = "bericht", _("Bericht aan de inwoner")


class ZaakGebeurtenis(models.Model):
    """Append-only event history of a zaak: the timeline of the case page."""

    zaak = models.ForeignKey("Zaak", on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("soort"), max_length=20, choices=ZaakGebeurtenisSoort.choices)
    op = models.DateTimeField(_("op"), db_index=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("zaakgebeurtenis")
        verbose_name_plural = _("zaakgebeurtenissen")
        ordering = ["zaak", "op", "id"]

    def __str__(self) -> str:
        return f"{self.zaak_id} {self.soort}"


class ZaakNotitie(models.Model):
    zaak = models.ForeignKey("Zaak", on_delete=models.CASCADE, related_name="notities")
    tekst = models.TextField(_("notitie"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("op"))
    # A confidential note (issue 19, contacts.vertrouwelijk): only this team's members read it.
    vertrouwelijk_team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("vertrouwelijk: team met inzage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["zaak", "-op", "-id"]

    afscherming = ""  # set in memory when a confidential note's text was blanked for the reader

    def __str__(self) -> str:
        return f"Notitie {self.pk}" if self.vertrouwelijk_team_id else self.tekst[:50]


class ZaakDocument(UUIDModel):
    zaak = models.ForeignKey("Zaak", on_delete=models.CASCADE, related_name="documenten")
    bestand = models.FileField(_("bestand"), upload_to="zaken/%Y/%m/")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    formaat = models.CharField(_("formaat"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    titel = models.CharField(_("titel"), max_length=200, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("toegevoegd op"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["zaak", "-op", "-id"]

    def __str__(self) -> str:
        return self.titel or self.bestandsnaam
