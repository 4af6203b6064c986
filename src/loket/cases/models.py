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

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["zaak", "-op", "-id"]

    def __str__(self) -> str:
        return self.tekst[:50]


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


# --- meldingen openbare ruimte -------------------------------------------------------------


class MeldCategorie(models.Model):
    """A BOR MELD subcategorie under its hoofdcategorie, with the routing rule (team) and the
    handling term. `trefwoorden` and `voorbeelden` feed the classifier (one per line)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    hoofdcategorie = models.CharField(_("hoofdcategorie"), max_length=80)
    subcategorie = models.CharField(_("subcategorie"), max_length=80)
    items = models.TextField(_("items (BOR MELD)"), blank=True)
    trefwoorden = models.TextField(
        _("trefwoorden en voorbeelden"),
        blank=True,
        help_text=_("Eén woord of zin per regel, in de woorden van inwoners."),
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("behandelend team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldcategorieen",
    )
    afhandeltermijn_werkdagen = models.PositiveIntegerField(
        _("afhandeltermijn (werkdagen)"), default=5
    )
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("meldingcategorie")
        verbose_name_plural = _("meldingcategorieën")
        ordering = ["hoofdcategorie", "subcategorie"]
        constraints = [
            models.UniqueConstraint(
                fields=["hoofdcategorie", "subcategorie"], name="unique_meldcategorie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hoofdcategorie} – {self.subcategorie}"


class MeldingStatus(models.TextChoices):
    GEMELD = "gemeld", _("Gemeld")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    INGEPLAND = "ingepland", _("Ingepland")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


MELDING_OPEN = (MeldingStatus.GEMELD, MeldingStatus.IN_BEHANDELING, MeldingStatus.INGEPLAND)


class Melding(UUIDModel, TimeStampedModel):
    """A report about public space (melding openbare ruimte)."""

    referentie = models.CharField(_("referentie"), max_length=30, unique=True)
    tekst = models.TextField(_("omschrijving"))
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True)
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True)
    foto = models.FileField(_("foto"), upload_to="meldingen/%Y/%m/", blank=True)
    media_url = models.URLField(_("foto-adres (Open311 media_url)"), max_length=500, blank=True)
    melder = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("melder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    email = models.EmailField(_("e-mailadres melder"), blank=True)
    naam = models.CharField(_("naam melder"), max_length=200, blank=True)
    telefoon = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=30, default="web")
    categorie = models.ForeignKey(
        MeldCategorie,
        verbose_name=_("categorie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    voorgestelde_categorie = models.ForeignKey(
        MeldCategorie,
        verbose_name=_("voorstel van de classificatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    zekerheid = models.FloatField(_("zekerheid"), default=0)
    hoofd_zekerheid = models.FloatField(_("zekerheid hoofdcategorie"), default=0)
    in_triage = models.BooleanField(_("in triage"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=MeldingStatus.choices, default=MeldingStatus.GEMELD
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    streefdatum = models.DateField(_("verwachte afhandeldatum"), null=True, blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afhandeling = models.TextField(
        _("toelichting voor de melder"),
        blank=True,
        help_text=_("Gaat alleen naar de melder, nooit naar de openbare meldingenlijst."),
    )
    openbare_toelichting = models.TextField(
        _("openbare toelichting"),
        blank=True,
        help_text=_(
            "Verschijnt in de openbare meldingenlijst (Open311); namen, telefoonnummers, "
            "e-mailadressen en andere adressen dan de plek van de melding worden weggelaten."
        ),
    )
    zaak = models.ForeignKey(
        Zaak,
        verbose_name=_("zaak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # NULL, not "": most meldingen have no key; the constraint below covers keyed rows only.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    # Whose key it is (token:<id>, user:<id>, partij:<id>, sessie:<key>): a key is only ever
    # matched within its client, so nobody reads another reporter's melding by sending its key.
    idempotency_client = models.CharField(max_length=64, blank=True, default="", editable=False)
    # Not a column: set on the rows found by cases.selectors.melding_duplicates (metres).
    afstand_m: int

    class Meta:
        verbose_name = _("melding openbare ruimte")
        verbose_name_plural = _("meldingen openbare ruimte")
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_client", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="unique_melding_idempotency_per_client",
            )
        ]
        indexes = [
            models.Index(fields=["categorie", "status", "lat"]),
            models.Index(fields=["in_triage", "status", "created_at"]),
            models.Index(fields=["team", "status", "streefdatum"]),
        ]

    def __str__(self) -> str:
        return self.referentie

    @property
    def is_open(self) -> bool:
        return self.status in MELDING_OPEN


class MeldingGebeurtenis(models.Model):
    """Append-only history of a melding."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("soort"), max_length=30)
    op = models.DateTimeField(_("op"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("meldinggebeurtenis")
        verbose_name_plural = _("meldinggebeurtenissen")
        ordering = ["melding", "op", "id"]

    def __str__(self) -> str:
        return f"{self.melding_id} {self.soort}"


class ClassificatieCorrectie(models.Model):
    """A staff member's category for a melding's text: kept as training data for the classifier."""

    melding = models.ForeignKey(
        Melding, on_delete=models.SET_NULL, null=True, blank=True, related_name="correcties"
    )
    tekst = models.TextField(_("tekst"))
    categorie = models.ForeignKey(
        MeldCategorie,
        verbose_name=_("juiste categorie"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    voorgesteld = models.ForeignKey(
        MeldCategorie,
        verbose_name=_("voorstel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("classificatiecorrectie")
        verbose_name_plural = _("classificatiecorrecties")
        ordering = ["-op"]

    def __str__(self) -> str:
        return f"{self.tekst[:40]} → {self.categorie}"
