"""Self-service: e-forms as data, concepts (save and resume), submissions (appointments and the
counter queue are in loket.balie).

A Formulier belongs to a product and holds its steps and fields as JSON (see `fields.py` for the
field types). A citizen fills it in step by step into a Concept; submitting turns the concept
into one Inzending (idempotent by key), which registers a klantcontact and then either runs the
product's automation (the Flitsformule) or opens a zaak for the back office.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel


class Automatisering(models.TextChoices):
    """The automations a Flits product can run (see `automations.py`)."""

    VERHUIZING = "verhuizing", _("Verhuismelding binnen de gemeente")
    AFVALPAS = "afvalpas", _("Vervangende afvalpas")
    BRP_UITTREKSEL = "brp-uittreksel", _("Uittreksel BRP")


class Formulier(UUIDModel, TimeStampedModel):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    inleiding = models.TextField(_("inleiding"), blank=True)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="formulieren",
    )
    stappen = models.JSONField(
        _("stappen en velden"),
        default=list,
        help_text=_("Lijst van stappen: {titel, velden: [{naam, type, label, ...}]}."),
    )
    automatisering = models.CharField(
        _("automatische afhandeling"),
        max_length=20,
        choices=Automatisering.choices,
        blank=True,
        help_text=_("Alleen gebruikt als de dienstverleningsformule volledig automatisch is."),
    )
    zaaktype = models.ForeignKey(
        "cases.Zaaktype",
        verbose_name=_("zaaktype"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: het zaaktype van het product."),
    )
    contactreden = models.ForeignKey(
        "contacts.Contactreden",
        verbose_name=_("contactreden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inloggen_verplicht = models.BooleanField(_("inloggen met DigiD verplicht"), default=False)
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")
        ordering = ["titel"]

    def __str__(self) -> str:
        return self.titel


class Concept(UUIDModel, TimeStampedModel):
    """A form being filled in: stored server-side, resumable by its party or by the resume link."""

    formulier = models.ForeignKey(Formulier, on_delete=models.CASCADE, related_name="concepten")
    partij = models.ForeignKey(
        "parties.Partij", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(_("hervatcode"), max_length=64, unique=True)
    sleutel = models.CharField(
        _("indiensleutel"),
        max_length=100,
        help_text=_("De idempotentiesleutel waarmee dit concept wordt ingediend."),
    )
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    stap = models.PositiveSmallIntegerField(_("stap"), default=0)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    inzending = models.ForeignKey(
        "Inzending", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")
        indexes = [models.Index(fields=["partij", "formulier"])]

    def __str__(self) -> str:
        return f"{self.formulier} (concept)"

    @property
    def is_verlopen(self) -> bool:
        return self.verloopt_op <= timezone.now()


class InzendingStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    IN_BEHANDELING = "in_behandeling", _("In behandeling bij de gemeente")


class Route(models.TextChoices):
    FLITS = "flits", _("Automatisch afgehandeld")
    BACKOFFICE = "backoffice", _("Zaak voor de backoffice")


class Inzending(UUIDModel, TimeStampedModel):
    formulier = models.ForeignKey(Formulier, on_delete=models.PROTECT, related_name="inzendingen")
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("indiener"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inzendingen",
    )
    idempotency_key = models.CharField(_("idempotentiesleutel"), max_length=100, unique=True)
    gegevens = models.JSONField(_("gegevens"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InzendingStatus.choices,
        default=InzendingStatus.ONTVANGEN,
        db_index=True,
    )
    route = models.CharField(_("afhandeling"), max_length=20, choices=Route.choices, blank=True)
    reden = models.TextField(
        _("reden"), blank=True, help_text=_("Waarom de inzending naar de backoffice ging.")
    )
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True)
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    zaak = models.ForeignKey(
        "cases.Zaak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    verwerkpogingen = models.PositiveSmallIntegerField(_("verwerkpogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        ordering = ["-ingediend_op", "-pk"]
        indexes = [models.Index(fields=["partij", "-ingediend_op"])]

    def __str__(self) -> str:
        return self.kenmerk

    @property
    def kenmerk(self) -> str:
        """A readable reference for the citizen, derived from the primary key."""
        return f"INZ-{timezone.localtime(self.ingediend_op).year}-{self.pk or 0:07d}"


class Bijlage(UUIDModel, TimeStampedModel):
    """An uploaded file of a concept; it moves to the submission when the concept is submitted."""

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, null=True, blank=True, related_name="bijlagen"
    )
    inzending = models.ForeignKey(
        Inzending, on_delete=models.CASCADE, null=True, blank=True, related_name="bijlagen"
    )
    veld = models.CharField(_("veld"), max_length=60)
    bestand = models.FileField(_("bestand"), upload_to="inzendingen/%Y/%m/")
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.naam


# --- digital use: form funnels as day counters (issue 21, docs/digitaal-gebruik.md) ----------
# Counts per form, step and day only: no concept, no person, no value typed. The services count
# where a step is validated; the daily job `formulier_afhakers_tellen` fills the abandonment
# figures of a day once its 7 days have passed.


class FormulierStapDagTotaal(models.Model):
    """One step of one form on one day: how many concepts reached it, finished it, were refused.

    `stap` is 0-based; `stap == len(formulier.stappen)` is the check page (all steps done)."""

    formulier = models.ForeignKey(Formulier, on_delete=models.CASCADE, related_name="+")
    stap = models.PositiveSmallIntegerField(_("stap"))
    dag = models.DateField(_("dag"))
    bereikt = models.PositiveIntegerField(_("bereikt"), default=0, db_default=0)
    voltooid = models.PositiveIntegerField(_("voltooid"), default=0, db_default=0)
    afgewezen = models.PositiveIntegerField(
        _("afgewezen pogingen"), default=0, db_default=0, help_text=_("Stap met een veldfout.")
    )

    class Meta:
        verbose_name = _("formulierstap per dag")
        verbose_name_plural = _("formulierstappen per dag")
        constraints = [
            models.UniqueConstraint(
                fields=["formulier", "stap", "dag"], name="formulierstapdag_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.formulier_id} stap {self.stap + 1} {self.dag}"


class FormulierStapDuurDagTotaal(models.Model):
    """How long a step took (reached → finished), as a histogram: per class of seconds
    (`tot_seconden`, the upper bound; 0 is longer than the last bound) the number of concepts."""

    formulier = models.ForeignKey(Formulier, on_delete=models.CASCADE, related_name="+")
    stap = models.PositiveSmallIntegerField(_("stap"))
    dag = models.DateField(_("dag"))
    tot_seconden = models.PositiveIntegerField(_("tot (seconden)"))
    aantal = models.PositiveIntegerField(_("aantal"), default=0, db_default=0)

    class Meta:
        verbose_name = _("duur van een formulierstap per dag")
        verbose_name_plural = _("duur van formulierstappen per dag")
        constraints = [
            models.UniqueConstraint(
                fields=["formulier", "stap", "dag", "tot_seconden"],
                name="formulierstapduurdag_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.formulier_id} stap {self.stap + 1} {self.dag} ≤{self.tot_seconden}s"


class FormulierFoutDagTotaal(models.Model):
    """A validation message that refused a step, per field and day. `melding` is the message
    with what the citizen typed taken out (quoted input, digits, text in brackets)."""

    formulier = models.ForeignKey(Formulier, on_delete=models.CASCADE, related_name="+")
    stap = models.PositiveSmallIntegerField(_("stap"))
    dag = models.DateField(_("dag"))
    veld = models.CharField(_("veld"), max_length=60)
    melding = models.CharField(_("melding"), max_length=300)
    aantal = models.PositiveIntegerField(_("aantal"), default=0, db_default=0)

    class Meta:
        verbose_name = _("veldfout per dag")
        verbose_name_plural = _("veldfouten per dag")
        constraints = [
            models.UniqueConstraint(
                fields=["formulier", "stap", "dag", "veld", "melding"],
                name="formulierfoutdag_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.veld}: {self.melding}"


class FormulierDagTotaal(models.Model):
    """Per form and day: submitted, handled automatically (Flits), and the concepts last touched
    that day that were never submitted (abandoned), with how many of those whose citizen was
    logged in called or came to the counter about the form's product within 7 days. The
    abandonment figures are filled once the 7 days have passed (`afhakers_geteld`)."""

    formulier = models.ForeignKey(Formulier, on_delete=models.CASCADE, related_name="+")
    dag = models.DateField(_("dag"))
    ingediend = models.PositiveIntegerField(_("ingediend"), default=0, db_default=0)
    automatisch = models.PositiveIntegerField(_("automatisch afgehandeld"), default=0, db_default=0)
    afgehaakt = models.PositiveIntegerField(_("afgehaakt"), default=0, db_default=0)
    afgehaakt_ingelogd = models.PositiveIntegerField(
        _("afgehaakt (ingelogd)"), default=0, db_default=0
    )
    afgehaakt_contact = models.PositiveIntegerField(
        _("afgehaakt, binnen 7 dagen gebeld of aan de balie"), default=0, db_default=0
    )
    afhakers_geteld = models.BooleanField(_("afhakers geteld"), default=False, db_default=False)

    class Meta:
        verbose_name = _("formulier per dag")
        verbose_name_plural = _("formulieren per dag")
        constraints = [
            models.UniqueConstraint(fields=["formulier", "dag"], name="formulierdag_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.formulier_id} {self.dag}"
