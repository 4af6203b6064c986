"""Proactive service: rules, the signals they find and the daily planning. Messages themselves
are the outbox's (loket.messaging)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel


class Trigger(models.TextChoices):
    DOCUMENT = "document", _("Document verloopt")
    LEVENSGEBEURTENIS = "levensgebeurtenis", _("Levensgebeurtenis")
    ZAAKSTATUS = "zaakstatus", _("Status van een zaak")


class DocumentSoort(models.TextChoices):
    PASPOORT = "paspoort", _("Paspoort")
    IDENTITEITSKAART = "identiteitskaart", _("Identiteitskaart")
    RIJBEWIJS = "rijbewijs", _("Rijbewijs")


class Gebeurtenis(models.TextChoices):
    VERHUIZING = "verhuizing", _("Verhuizing binnen de gemeente")
    GEBOORTE = "geboorte", _("Geboorte")
    OVERLIJDEN = "overlijden", _("Overlijden")
    ACHTTIEN = "18-jaar", _("18 jaar worden")


class RegelKanaal(models.TextChoices):
    VOORKEUR = "voorkeur", _("Voorkeur en toestemming van de inwoner")
    EMAIL = "email", _("E-mail")
    INBOX = "inbox", _("Berichtenbox Mijn Loket")
    SMS = "sms", _("Sms")
    GEEN = "geen", _("Geen bericht (alleen tonen in het klantbeeld)")


class Regel(TimeStampedModel):
    """A proactive rule as data: when (trigger), for whom (audience), what (offer), how (channel)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=120)
    actief = models.BooleanField(_("actief"), default=True)
    trigger = models.CharField(_("aanleiding"), max_length=20, choices=Trigger.choices)
    document_soort = models.CharField(
        _("document"), max_length=20, choices=DocumentSoort.choices, blank=True
    )
    weken_vooraf = models.IntegerField(
        _("weken vooraf"),
        default=0,
        help_text=_("Zoveel weken voor het verlopen van het document (of de 18e verjaardag)."),
    )
    gebeurtenis = models.CharField(
        _("levensgebeurtenis"), max_length=20, choices=Gebeurtenis.choices, blank=True
    )
    zaaktype = models.ForeignKey(
        "cases.Zaaktype",
        verbose_name=_("zaaktype"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    statusvolgnummer = models.PositiveSmallIntegerField(
        _("status (volgnummer)"), null=True, blank=True
    )
    leeftijd_min = models.PositiveSmallIntegerField(_("vanaf leeftijd"), null=True, blank=True)
    leeftijd_max = models.PositiveSmallIntegerField(_("tot en met leeftijd"), null=True, blank=True)
    producten = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("aangeboden producten"), related_name="+"
    )
    onderwerp = models.CharField(_("onderwerp van het bericht"), max_length=200)
    tekst = models.TextField(
        _("tekst van het bericht"),
        help_text=_(
            "U kunt {naam}, {document}, {datum}, {weken} en {producten} gebruiken; "
            "de producten met hun kanaaladvies komen onder de tekst."
        ),
    )
    kcc_tip = models.CharField(
        _("tip voor de KCC-medewerker"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'bied online verlengen aan'."),
    )
    kanaal = models.CharField(
        _("kanaal"), max_length=10, choices=RegelKanaal.choices, default=RegelKanaal.VOORKEUR
    )
    vertraging_dagen = models.PositiveSmallIntegerField(
        _("versturen na (dagen)"),
        default=0,
        help_text=_("Het bericht gaat zoveel dagen na de aanleiding weg."),
    )

    class Meta:
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        ordering = ["trigger", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weken_vooraf__gte=0), name="regel_weken_vooraf_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AANGEBODEN = "aangeboden", _("Aangeboden in een contact")
    VERVALLEN = "vervallen", _("Vervallen")


class Signaal(TimeStampedModel):
    """One occasion of a rule for one person: recorded once, so it is never offered twice."""

    regel = models.ForeignKey(Regel, on_delete=models.PROTECT, related_name="signalen")
    partij = models.ForeignKey("parties.Partij", on_delete=models.CASCADE, related_name="signalen")
    aanleiding = models.CharField(
        _("aanleiding"),
        max_length=200,
        help_text=_("Bijvoorbeeld 'document:NP0001234:2027-01-12' of 'verhuizing:<inzending>'."),
    )
    datum = models.DateField(_("datum van de aanleiding"))
    status = models.CharField(
        _("status"), max_length=12, choices=SignaalStatus.choices, default=SignaalStatus.OPEN
    )
    bericht = models.ForeignKey(
        "messaging.Bericht",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signalen",
    )
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("aangeboden in contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_sleutel = models.CharField(
        _("sleutel van het open contact"),
        max_length=100,
        blank=True,
        help_text=_(
            "Het contact dat de KCC-medewerker open had; gekoppeld zodra het is vastgelegd."
        ),
    )
    aangeboden_op = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    aangeboden_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["regel", "partij", "aanleiding"], name="unique_signaal_per_aanleiding"
            )
        ]
        indexes = [models.Index(fields=["partij", "status"])]

    def __str__(self) -> str:
        return f"{self.regel} – {self.aanleiding}"
