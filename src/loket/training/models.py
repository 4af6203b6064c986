"""Training: the KCC simulation of Zeventerpen (a sandbox) and the kennistoets.

Everything a trainee does is stored here and only here: never as a Klantcontact, Contactverzoek,
Zaak or audit entry, so training never shows up in the real contact history or the KPIs.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel
from loket.training.constants import (
    ActieSoort,
    SessieStatus,
    Spreker,
    ToetsVraagSoort,
)


class Oefenklant(models.Model):
    """A fictitious customer of the simulation (sandbox data: not a Partij, not in the BRP).

    Created from data/klanten.json by its reference; dates are stored as offsets in days from
    the day a session starts, so a document "expires in six weeks" in every session."""

    ref = models.SlugField(_("referentie"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    persona = models.CharField(_("persona"), max_length=200, blank=True)
    gegevens = models.JSONField(_("gegevens"), default=dict)

    class Meta:
        verbose_name = _("oefenklant")
        verbose_name_plural = _("oefenklanten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class TrainingSessie(UUIDModel, TimeStampedModel):
    """One trainee handling one scenario, from the opening line to the score."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="trainingsessies",
    )
    scenario = models.SlugField(_("scenario"), max_length=80)
    scenario_titel = models.CharField(_("scenariotitel"), max_length=200)
    domein = models.CharField(_("domein"), max_length=30)
    kanaal = models.CharField(_("kanaal"), max_length=30)
    oefenklant = models.ForeignKey(
        Oefenklant, verbose_name=_("oefenklant"), on_delete=models.PROTECT, related_name="+"
    )
    klantbeeld = models.JSONField(
        _("klantbeeld"), default=dict, help_text=_("De oefenklant met datums van deze sessie.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SessieStatus.choices, default=SessieStatus.BEZIG
    )
    gestart_op = models.DateTimeField(_("gestart op"))
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    beurten_getoond = models.PositiveSmallIntegerField(_("beurten getoond"), default=0)
    registratie = models.JSONField(_("registratie"), default=dict, blank=True)
    scores = models.JSONField(_("scores per criterium"), default=dict, blank=True)
    feedback = models.JSONField(_("feedback"), default=list, blank=True)
    totaal = models.PositiveSmallIntegerField(_("totaalscore"), null=True, blank=True)
    seconden = models.PositiveIntegerField(_("duur (seconden)"), null=True, blank=True)

    class Meta:
        verbose_name = _("trainingsessie")
        verbose_name_plural = _("trainingsessies")
        ordering = ["-gestart_op"]
        indexes = [models.Index(fields=["medewerker", "-gestart_op"])]

    def __str__(self) -> str:
        return f"{self.scenario_titel} ({self.medewerker})"

    @property
    def is_afgerond(self) -> bool:
        return self.status == SessieStatus.AFGEROND


class TrainingActie(models.Model):
    """One thing the trainee did, as a structured row (search, answer, steer, offer, register)."""

    sessie = models.ForeignKey(TrainingSessie, on_delete=models.CASCADE, related_name="acties")
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    soort = models.CharField(_("soort"), max_length=15, choices=ActieSoort.choices)
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    tijdstip = models.DateTimeField(_("tijdstip"))

    class Meta:
        verbose_name = _("trainingsactie")
        verbose_name_plural = _("trainingsacties")
        ordering = ["sessie", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["sessie", "volgnummer"], name="unique_actie_volgnummer")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.volgnummer})"


class Gespreksregel(models.Model):
    """One line of the simulated conversation (the customer's or the trainee's)."""

    sessie = models.ForeignKey(TrainingSessie, on_delete=models.CASCADE, related_name="regels")
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    spreker = models.CharField(_("spreker"), max_length=12, choices=Spreker.choices)
    tekst = models.TextField(_("tekst"))
    tijdstip = models.DateTimeField(_("tijdstip"))

    class Meta:
        verbose_name = _("gespreksregel")
        verbose_name_plural = _("gespreksregels")
        ordering = ["sessie", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["sessie", "volgnummer"], name="unique_regel_volgnummer")
        ]

    def __str__(self) -> str:
        return f"{self.get_spreker_display()}: {self.tekst[:40]}"


class Kennistoets(UUIDModel, TimeStampedModel):
    """One knowledge test of one employee: questions generated from the knowledge base."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="kennistoetsen",
    )
    gestart_op = models.DateTimeField(_("gestart op"))
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    aantal_vragen = models.PositiveSmallIntegerField(_("aantal vragen"), default=0)
    aantal_goed = models.PositiveSmallIntegerField(_("aantal goed"), null=True, blank=True)

    class Meta:
        verbose_name = _("kennistoets")
        verbose_name_plural = _("kennistoetsen")
        ordering = ["-gestart_op"]
        indexes = [models.Index(fields=["medewerker", "-gestart_op"])]

    def __str__(self) -> str:
        return f"Kennistoets {self.medewerker} {self.gestart_op:%Y-%m-%d}"

    @property
    def is_afgerond(self) -> bool:
        return self.afgerond_op is not None

    @property
    def percentage(self) -> int | None:
        if self.aantal_goed is None or not self.aantal_vragen:
            return None
        return round(100 * self.aantal_goed / self.aantal_vragen)


class ToetsVraag(models.Model):
    """One question of a kennistoets with what counts as right and what was answered."""

    toets = models.ForeignKey(Kennistoets, on_delete=models.CASCADE, related_name="vragen")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    soort = models.CharField(_("soort"), max_length=10, choices=ToetsVraagSoort.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=80)
    vraag = models.TextField(_("vraag"))
    opties = models.JSONField(_("antwoordopties"), default=list, blank=True)
    juist = models.JSONField(
        _("juist antwoord"),
        default=dict,
        help_text=_("Meerkeuze: {'optie': index}; kort: {'getal': …} of {'woorden': [...]}."),
    )
    uitleg = models.TextField(_("uitleg"), blank=True)
    artikel = models.ForeignKey(
        "knowledge.Kennisartikel",
        verbose_name=_("kennisartikel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    versie = models.ForeignKey(
        "knowledge.ArtikelVersie",
        verbose_name=_("artikelversie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    antwoord = models.CharField(_("gegeven antwoord"), max_length=500, blank=True)
    is_goed = models.BooleanField(_("goed"), null=True, blank=True)

    class Meta:
        verbose_name = _("toetsvraag")
        verbose_name_plural = _("toetsvragen")
        ordering = ["toets", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["toets", "volgnummer"], name="unique_toetsvraag")
        ]

    def __str__(self) -> str:
        return self.vraag[:60]

    @property
    def uitleg_extra(self) -> str:
        """The explanation, unless it only repeats the right option (already marked ✓)."""
        opties = self.opties or []
        index = (self.juist or {}).get("optie")
        herhaalt = (
            isinstance(index, int)
            and 0 <= index < len(opties)
            and str(opties[index]).strip() == self.uitleg.strip()
        )
        return "" if herhaalt else self.uitleg
