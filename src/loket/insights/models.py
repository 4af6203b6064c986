"""Insight: norms (data), channel costs, telephony calls and events, satisfaction surveys, page
visits, personas, and the daily summaries the dashboard reads (see insights/summaries.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.models import KanaalSoort
from loket.insights.constants import Eenheid, GebeurtenisSoort, NormCode, Richting


class Norm(models.Model):
    """A service norm the dashboard measures against; beheerders edit these in the admin."""

    code = models.SlugField(_("code"), max_length=30, unique=True, choices=NormCode.choices)
    naam = models.CharField(_("naam"), max_length=100)
    streefwaarde = models.DecimalField(_("streefwaarde"), max_digits=8, decimal_places=2)
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices)
    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices)
    parameter = models.PositiveIntegerField(
        _("binnen"),
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld 30 (seconden) bij opnemen binnen 30 seconden."),
    )
    parameter_eenheid = models.CharField(_("eenheid van 'binnen'"), max_length=20, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        ordering = ["pk"]

    def __str__(self) -> str:
        teken = "≥" if self.richting == Richting.MINIMAAL else "≤"
        waarde = f"{self.streefwaarde.normalize():f}".replace(".", ",")
        return f"{self.naam} {teken} {waarde} {self.get_eenheid_display()}"

    def gehaald(self, waarde: float | None) -> bool | None:
        if waarde is None:
            return None
        if self.richting == Richting.MINIMAAL:
            return waarde >= float(self.streefwaarde)
        return waarde <= float(self.streefwaarde)


class KanaalKosten(models.Model):
    """Cost of one contact per kind of channel, to show the effect of channel steering in euros."""

    soort = models.CharField(
        _("soort kanaal"), max_length=10, choices=KanaalSoort.choices, unique=True
    )
    kosten_per_contact = models.DecimalField(
        _("kosten per contact (€)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("kosten per kanaal")
        verbose_name_plural = _("kosten per kanaal")
        ordering = ["soort"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: € {self.kosten_per_contact}"


class Gesprek(models.Model):
    """One telephone call, built from its telephony events."""

    gesprek_id = models.CharField(_("gesprek-ID"), max_length=64, unique=True)
    wachtrij = models.CharField(_("wachtrij"), max_length=60)
    aangeboden_op = models.DateTimeField(_("aangeboden op"))
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    verlaten_op = models.DateTimeField(_("opgehangen in de wachtrij op"), null=True, blank=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    # From the CTI events (issue 17): who called, which number, which agent's extension rang.
    beller = models.CharField(_("nummer van de beller"), max_length=32, blank=True, db_default="")
    gebeld = models.CharField(_("gebeld nummer"), max_length=32, blank=True, db_default="")
    toestel = models.CharField(_("toestel"), max_length=20, blank=True, db_default="")
    medewerker = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("telefoongesprek")
        verbose_name_plural = _("telefoongesprekken")
        indexes = [
            models.Index(fields=["aangeboden_op"]),
            models.Index(fields=["medewerker", "beeindigd_op"], name="gesprek_medewerker_open"),
        ]

    def __str__(self) -> str:
        return self.gesprek_id


class TelefonieGebeurtenis(models.Model):
    """An event as the telephony platform posted it; one per call and kind (duplicates refused)."""

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("soort"), max_length=12, choices=GebeurtenisSoort.choices)
    tijdstip = models.DateTimeField(_("tijdstip"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("telefoniegebeurtenis")
        verbose_name_plural = _("telefoniegebeurtenissen")
        ordering = ["tijdstip", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gesprek", "soort"], name="unique_gebeurtenis_per_gesprek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gesprek_id} {self.soort}"


class Tevredenheidsmeting(models.Model):
    """A short survey after a contact or a finished zaak: score 1-5 (CSAT), effort 1-7 (CES,
    when asked), 0-10 (NPS, after a zaak), one open answer. At most one per contact and per zaak;
    `partij` is who was invited, to keep the period between two invitations (docs/insights.md)."""

    token = models.CharField(_("kenmerk"), max_length=43, unique=True, editable=False)
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    zaak = models.ForeignKey(
        "cases.Zaak",
        verbose_name=_("zaak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kanaal = models.ForeignKey(
        "core.Kanaal",
        verbose_name=_("kanaal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("uitgenodigde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    ces_gevraagd = models.BooleanField(_("moeite gevraagd (CES)"), default=False, db_default=False)
    moeite = models.PositiveSmallIntegerField(
        _("makkelijk geregeld (CES 1-7)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    score = models.PositiveSmallIntegerField(
        _("score (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    aanbeveling = models.PositiveSmallIntegerField(
        _("aanbeveling (0-10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    opmerking = models.TextField(_("opmerking"), blank=True)
    beantwoord_op = models.DateTimeField(_("ingevuld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("tevredenheidsmeting")
        verbose_name_plural = _("tevredenheidsmetingen")
        indexes = [
            models.Index(fields=["beantwoord_op"]),
            models.Index(fields=["partij", "uitgenodigd_op"], name="tevredenheid_partij_periode"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="tevredenheid_score_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(moeite__isnull=True) | models.Q(moeite__gte=1, moeite__lte=7),
                name="tevredenheid_moeite_1_7",
            ),
            # One survey per contact and per zaak, whoever retries (idempotent invitation).
            models.UniqueConstraint(
                fields=["klantcontact"],
                condition=models.Q(klantcontact__isnull=False),
                name="tevredenheid_een_per_klantcontact",
            ),
            models.UniqueConstraint(
                fields=["zaak"],
                condition=models.Q(zaak__isnull=False),
                name="tevredenheid_een_per_zaak",
            ),
            models.CheckConstraint(
                condition=models.Q(aanbeveling__isnull=True) | models.Q(aanbeveling__lte=10),
                name="tevredenheid_aanbeveling_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Meting {self.pk}"


class Paginabezoek(models.Model):
    """A visit to a product page in the portal (for 'contact after reading the page')."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("klant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    sessie = models.CharField(_("sessie"), max_length=64, blank=True)
    bezocht_op = models.DateTimeField(_("bezocht op"), default=timezone.now)

    class Meta:
        verbose_name = _("paginabezoek")
        verbose_name_plural = _("paginabezoeken")
        indexes = [
            models.Index(fields=["product", "bezocht_op"]),
            models.Index(fields=["partij", "product", "bezocht_op"]),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.bezocht_op:%Y-%m-%d %H:%M}"


class Persona(models.Model):
    """A segment of customers, matched on Partij.tags (any of the persona's tags)."""

    naam = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("code"), max_length=40, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    tags = models.JSONField(
        _("kenmerken"),
        default=list,
        help_text=_("Een klant met een van deze kenmerken hoort erbij."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("persona's")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


# --- daily summaries (rebuilt per day by insights.summaries; never edited by hand) -------------
class _Dag(models.Model):
    datum = models.DateField()
    week = models.DateField(help_text="Maandag van de ISO-week")
    maand = models.DateField(help_text="Eerste dag van de maand")

    class Meta:
        abstract = True


class ContactDagTotaal(_Dag):  # noqa: DJ008 - internal summary rows
    """Questions per day × channel × reason × product × handling × team (of the medewerker).

    `contacten` counts a contact once, in the row of its first question; `emails` counts the
    e-mails to answer among them (an e-mail contact that is not itself the answer closing a
    contactverzoek) and `op_tijd` those answered within the e-mail norm; `herhaal`
    counts questions by a party about a product it asked about in the days before (repeat window).
    """

    kanaal = models.ForeignKey("core.Kanaal", on_delete=models.CASCADE, related_name="+")
    kanaalsoort = models.CharField(max_length=10)
    contactreden = models.ForeignKey(
        "contacts.Contactreden", on_delete=models.CASCADE, related_name="+"
    )
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, null=True, related_name="+"
    )
    afhandeling = models.CharField(max_length=20)
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, null=True, related_name="+")
    vragen = models.PositiveIntegerField(default=0)
    contacten = models.PositiveIntegerField(default=0)
    op_tijd = models.PositiveIntegerField(default=0)
    herhaal = models.PositiveIntegerField(default=0)
    emails = models.PositiveIntegerField(default=0, db_default=0)

    class Meta:
        # Covering: the dashboard's aggregates read the index only, not the table.
        indexes = [
            models.Index(
                fields=[
                    "datum",
                    "kanaalsoort",
                    "team",
                    "product",
                    "afhandeling",
                    "week",
                    "maand",
                    "vragen",
                    "contacten",
                    "op_tijd",
                    "herhaal",
                    "emails",
                ],
                name="insights_contact_dekkend",
            )
        ]


class ZaakDagTotaal(_Dag):  # noqa: DJ008 - internal summary rows
    """Zaken closed per day (einddatum) × zaaktype × team × working days taken."""

    zaaktype = models.ForeignKey("cases.Zaaktype", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, null=True, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, null=True, related_name="+")
    werkdagen = models.PositiveIntegerField()
    aantal = models.PositiveIntegerField(default=0)
    binnen_servicenorm = models.PositiveIntegerField(default=0)
    binnen_termijn = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=[
                    "datum",
                    "team",
                    "product",
                    "zaaktype",
                    "werkdagen",
                    "week",
                    "maand",
                    "aantal",
                    "binnen_servicenorm",
                    "binnen_termijn",
                ],
                name="insights_zaak_dekkend",
            )
        ]


class ContactverzoekDagTotaal(_Dag):  # noqa: DJ008 - internal summary rows
    """Contactverzoeken per deadline day × team × product: on time, late, still open."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, null=True, related_name="+")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, null=True, related_name="+"
    )
    kanaal = models.ForeignKey("core.Kanaal", on_delete=models.CASCADE, related_name="+")
    aantal = models.PositiveIntegerField(default=0)
    op_tijd = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["datum"])]


class GesprekDagTotaal(_Dag):  # noqa: DJ008 - internal summary rows
    """Calls per day × half hour × queue (Europe/Amsterdam)."""

    halfuur = models.PositiveSmallIntegerField()
    wachtrij = models.CharField(max_length=60)
    aangeboden = models.PositiveIntegerField(default=0)
    beantwoord = models.PositiveIntegerField(default=0)
    binnen_norm = models.PositiveIntegerField(default=0)
    verlaten = models.PositiveIntegerField(default=0)
    kort_verlaten = models.PositiveIntegerField(default=0)
    wachttijd_totaal = models.FloatField(default=0)
    afgehandeld = models.PositiveIntegerField(default=0)
    afhandeltijd_totaal = models.FloatField(default=0)

    class Meta:
        indexes = [models.Index(fields=["datum"])]


class KlantreisDagTotaal(_Dag):  # noqa: DJ008 - internal summary rows
    """Closed zaken per day (einddatum) × product × journey (the channels the initiator used
    about the product, in order) × number of contacts × the initiator's tags (for personas)."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    patroon = models.CharField(max_length=500)
    contacten = models.PositiveIntegerField(db_default=0)
    tags = models.CharField(max_length=500, blank=True, db_default="")
    aantal = models.PositiveIntegerField(db_default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["product", "datum"],
                name="insights_klantreis_product",
            )
        ]


class VerouderdeDag(models.Model):  # noqa: DJ008 - internal summary rows
    """A day whose summary must be rebuilt before the next read (marked on every change)."""

    bron = models.CharField(max_length=20)
    datum = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bron", "datum"], name="unique_verouderde_dag")
        ]


class BenchmarkMaand(models.Model):
    """Another municipality's monthly KPIs, imported from its benchmark export (docs/benchmark.md).

    Only aggregated figures: the export holds no personal data. `cijfers` is the month as the
    export has it ("kpis", "contacten_per_kanaal", "vragen_per_1000", "contactredenen_per_1000").
    """

    gemeente = models.CharField(_("gemeente"), max_length=100, db_default="")
    maand = models.CharField(_("maand"), max_length=7, db_default="", help_text="JJJJ-MM")
    inwoners = models.PositiveIntegerField(_("inwoners"), db_default=0)
    cijfers = models.JSONField(_("cijfers"), null=True, blank=True)
    bron = models.CharField(_("bestand"), max_length=255, blank=True, db_default="")
    ingelezen_op = models.DateTimeField(_("ingelezen op"), default=timezone.now)
    ingelezen_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("ingelezen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("benchmarkmaand")
        verbose_name_plural = _("benchmarkmaanden")
        ordering = ["gemeente", "maand"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "maand"], name="unique_benchmark_maand")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand}"
