"""Appointments (afspraken) and the counter queue (wachtrij) at the municipality's locations.
The tables kept the names they had in `selfservice` (the move was state-only)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel


def default_openingstijden() -> dict:
    return {str(day): ["09:00", "17:00"] for day in range(5)}


class Locatie(TimeStampedModel):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=120)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    openingstijden = models.JSONField(
        _("openingstijden"),
        default=default_openingstijden,
        help_text=_('Per weekdag (0 = maandag): ["09:00", "17:00"].'),
    )
    slotduur_minuten = models.PositiveSmallIntegerField(
        _("duur van een afspraak (min)"), default=15
    )
    balies_voor_afspraken = models.PositiveSmallIntegerField(
        _("balies voor afspraken"), default=2, help_text=_("Afspraken per tijdslot.")
    )
    open_balies = models.PositiveSmallIntegerField(_("open balies voor de wachtrij"), default=1)
    gemiddelde_behandelduur_minuten = models.PositiveSmallIntegerField(
        _("gemiddelde behandelduur (min)"),
        default=8,
        help_text=_("Gebruikt tot er vandaag genoeg bezoekers geholpen zijn om te meten."),
    )
    wachttijd_garantie_minuten = models.PositiveSmallIntegerField(
        _("wachttijdgarantie (min)"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: de strengste garantie van de dienstverleningsformules van de producten op "
            "deze locatie (standaard 15 minuten)."
        ),
    )
    producten = models.ManyToManyField(
        "catalogue.Product", blank=True, related_name="locaties", verbose_name=_("producten")
    )
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        db_table = "selfservice_locatie"
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class AfspraakStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Afspraak(UUIDModel, TimeStampedModel):
    locatie = models.ForeignKey(Locatie, on_delete=models.PROTECT, related_name="afspraken")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="afspraken"
    )
    start = models.DateTimeField(_("begint om"))
    eind = models.DateTimeField(_("eindigt om"))
    partij = models.ForeignKey(
        "parties.Partij", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    token = models.CharField(max_length=64, unique=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AfspraakStatus.choices, default=AfspraakStatus.GEPLAND
    )

    class Meta:
        db_table = "selfservice_afspraak"
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["start"]
        indexes = [models.Index(fields=["locatie", "start", "status"])]

    def __str__(self) -> str:
        return f"{self.product} – {timezone.localtime(self.start):%d-%m-%Y %H:%M}"


class TicketStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht")
    OPGEROEPEN = "opgeroepen", _("Opgeroepen")
    AFGEHANDELD = "afgehandeld", _("Geholpen")
    VERTROKKEN = "vertrokken", _("Niet verschenen")


class Wachtrijticket(TimeStampedModel):
    locatie = models.ForeignKey(Locatie, on_delete=models.PROTECT, related_name="tickets")
    datum = models.DateField(_("datum"))
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets"
    )
    token = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TicketStatus.choices,
        default=TicketStatus.WACHTEND,
        db_index=True,
    )
    aangekomen_op = models.DateTimeField(_("aangekomen op"), default=timezone.now)
    opgeroepen_op = models.DateTimeField(_("opgeroepen op"), null=True, blank=True)
    afgehandeld_op = models.DateTimeField(_("geholpen op"), null=True, blank=True)
    balie = models.PositiveSmallIntegerField(_("balie"), null=True, blank=True)
    opgeroepen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "selfservice_wachtrijticket"
        verbose_name = _("wachtrijticket")
        verbose_name_plural = _("wachtrijtickets")
        ordering = ["datum", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["locatie", "datum", "volgnummer"], name="unique_ticket_per_dag"
            )
        ]

    def __str__(self) -> str:
        return self.nummer

    @property
    def nummer(self) -> str:
        prefix = "A" if self.afspraak_id else "B"
        return f"{prefix}{self.volgnummer:03d}"
