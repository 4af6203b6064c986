"""Quality monitoring of contacts (issue 20): a rubric held as data and reviews of contacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.kwaliteit.constants import Aanleiding, BeoordelingStatus, Oordeel


class Rubriek(models.Model):
    """A set of criteria a reviewer scores a contact on; the active one is used for new reviews."""

    naam = models.CharField(_("naam"), max_length=100)
    actief = models.BooleanField(_("actief"), default=True, db_default=True)

    class Meta:
        verbose_name = _("rubriek")
        verbose_name_plural = _("rubrieken")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.naam


class Criterium(models.Model):
    rubriek = models.ForeignKey(
        Rubriek, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("rubriek")
    )
    code = models.SlugField(_("code"), max_length=40)
    vraag = models.CharField(_("vraag"), max_length=200)
    gewicht = models.PositiveSmallIntegerField(_("gewicht"), default=1, db_default=1)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0, db_default=0)
    actief = models.BooleanField(_("actief"), default=True, db_default=True)

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        ordering = ["volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rubriek", "code"], name="unique_criterium_code")
        ]

    def __str__(self) -> str:
        return self.vraag


class Beoordeling(models.Model):
    """One contact in the review queue of one reviewer (or of the agent's teamleiders while
    `reviewer` is empty). A contact is sampled once per reviewer; a second reviewer scoring the
    same contact is calibration."""

    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("klantcontact"),
    )
    # The agent whose contact it is (the contact's medewerker when it was queued).
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="kwaliteit_beoordelingen",
        verbose_name=_("medewerker"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordelaar"),
    )
    rubriek = models.ForeignKey(
        Rubriek, on_delete=models.PROTECT, related_name="+", verbose_name=_("rubriek")
    )
    # The month of the contact (first day): the dashboard's month and the sample's seed.
    maand = models.DateField(_("maand"))
    aanleiding = models.CharField(_("aanleiding"), max_length=20, choices=Aanleiding.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BeoordelingStatus.choices,
        default=BeoordelingStatus.OPEN,
        db_default=BeoordelingStatus.OPEN,
    )
    feedback = models.TextField(_("feedback"), blank=True, db_default="")
    # Weighted score of the applicable criteria, 0-100 (None while open or all "n.v.t.").
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["klantcontact", "reviewer"], name="unique_beoordeling_per_reviewer"
            ),
            # Not yet taken by a reviewer: a contact is queued once.
            models.UniqueConstraint(
                fields=["klantcontact"],
                condition=Q(reviewer__isnull=True),
                name="unique_beoordeling_zonder_reviewer",
            ),
        ]
        indexes = [models.Index(fields=["medewerker", "maand"])]

    def __str__(self) -> str:
        return f"{self.get_aanleiding_display()} ({self.maand:%m-%Y})"


class Score(models.Model):
    beoordeling = models.ForeignKey(
        Beoordeling, on_delete=models.CASCADE, related_name="scores", verbose_name=_("beoordeling")
    )
    criterium = models.ForeignKey(
        Criterium, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterium")
    )
    # NULL: not applicable ("n.v.t."), not counted.
    oordeel = models.PositiveSmallIntegerField(
        _("oordeel"), choices=Oordeel.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterium__volgorde", "criterium__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["beoordeling", "criterium"], name="unique_score_per_criterium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterium}: {self.get_oordeel_display() or 'n.v.t.'}"


class SteekproefRonde(models.Model):
    """A month whose sample was drawn, so the daily job draws it once."""

    maand = models.DateField(_("maand"), unique=True)
    getrokken_op = models.DateTimeField(_("getrokken op"), auto_now_add=True)
    aantal = models.PositiveIntegerField(_("aantal beoordelingen"), default=0, db_default=0)

    class Meta:
        verbose_name = _("steekproefronde")
        verbose_name_plural = _("steekproefrondes")

    def __str__(self) -> str:
        return f"{self.maand:%m-%Y}"


class Oefenscenario(models.Model):
    """A training scenario a teamleider made from a finished review (issue 20): the contact's
    question, the article of the answer and the reviewer's findings, anonymised
    (kwaliteit.anonimiseren). The training simulation plays it beside its own scenarios
    (training.scenarios reads these rows; kwaliteit does not know training)."""

    beoordeling = models.OneToOneField(
        Beoordeling,
        on_delete=models.CASCADE,
        related_name="oefenscenario",
        verbose_name=_("beoordeling"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    kanaal = models.CharField(_("kanaal"), max_length=30)
    # What the customer says: the contact's questions, anonymised.
    opening = models.TextField(_("openingszin"))
    vervolg = models.JSONField(_("vervolgvragen"), default=list, blank=True)
    # The right handling, as registered at the contact.
    artikel = models.SlugField(_("kennisartikel (slug)"), max_length=200)
    product = models.CharField(_("product (UPL-naam)"), max_length=200, blank=True)
    afhandeling = models.CharField(_("afhandeling"), max_length=20)
    contactreden = models.CharField(_("contactreden"), max_length=100)
    hoofdreden = models.CharField(_("hoofdreden"), max_length=100, blank=True)
    team = models.SlugField(_("team (slug)"), max_length=100, blank=True)
    organisatie = models.SlugField(_("organisatie (slug)"), max_length=100, blank=True)
    # The reviewer's feedback and the criteria below "voldoet", anonymised.
    bevindingen = models.TextField(_("bevindingen"), blank=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("oefenscenario uit een beoordeling")
        verbose_name_plural = _("oefenscenario's uit beoordelingen")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return self.titel
