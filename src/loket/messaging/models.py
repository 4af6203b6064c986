"""The outbox: every message to a citizen (or a medewerker) is a Bericht.

A Bericht is stored in the same transaction as its cause (a status change, a finished
verhuismelding, an expiring document, a contactverzoek for a team) and sent after commit by the
worker. The `sleutel` makes a message unique per cause: the same occasion can never queue two
messages. Toestemming is what a citizen agreed to receive, and on which channels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel

# The channel a caller asks for: the citizen's preference and consent decide ("voorkeur"), or
# one of BerichtKanaal's values.
VOORKEUR = "voorkeur"


class BerichtKanaal(models.TextChoices):
    EMAIL = "email", _("E-mail")
    INBOX = "inbox", _("Berichtenbox Mijn Loket")
    SMS = "sms", _("Sms")


class BerichtSoort(models.TextChoices):
    BEVESTIGING = "bevestiging", _("Bevestiging")
    STATUS = "status", _("Statusupdate zaak")
    AANBOD = "aanbod", _("Proactief aanbod")
    TERUGBELVERZOEK = "terugbelverzoek", _("Terugbelverzoek")
    MELDING = "melding", _("Melding openbare ruimte")
    OVERIG = "overig", _("Overig")


class BerichtStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    VERZENDEN = "verzenden", _("Wordt verzonden")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")


class Bericht(UUIDModel, TimeStampedModel):
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="berichten",
    )
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=BerichtKanaal.choices)
    adres = models.CharField(
        _("adres"), max_length=254, blank=True, help_text=_("E-mailadres of telefoonnummer.")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BerichtSoort.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    sleutel = models.CharField(
        _("sleutel"),
        max_length=200,
        unique=True,
        help_text=_(
            "Eén bericht per aanleiding: dezelfde sleutel wordt nooit twee keer verstuurd."
        ),
    )
    aanleiding_type = models.CharField(_("aanleiding (soort)"), max_length=40, blank=True)
    aanleiding_id = models.CharField(_("aanleiding (kenmerk)"), max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BerichtStatus.choices,
        default=BerichtStatus.WACHTRIJ,
        db_index=True,
    )
    # An e-mail answering another (issue 17): its Message-ID, so the citizen's mail program
    # threads the reply (In-Reply-To, References).
    antwoord_op = models.CharField(_("antwoord op (Message-ID)"), max_length=300, blank=True)
    referenties = models.TextField(_("eerdere berichten (References)"), blank=True)
    # An automatic reply (the acknowledgement of receipt): marked as such (RFC 3834), so an
    # auto-responder on the other side does not answer it.
    automatisch = models.BooleanField(_("automatisch antwoord"), default=False)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    geclaimd_door = models.CharField(_("geclaimd door (worker)"), max_length=64, blank=True)
    geclaimd_tot = models.DateTimeField(
        _("geclaimd tot"),
        null=True,
        blank=True,
        help_text=_("Een worker verstuurt dit bericht; na deze tijd mag een andere het overnemen."),
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # The trace of the request that queued it (Logboek Dataverwerkingen, core.tracing).
    trace_id = models.CharField(_("trace-id"), max_length=32, blank=True, db_default="")

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at"]
        # The table keeps its name from when the outbox lived in proactive (no data moved).
        db_table = "proactive_bericht"
        indexes = [
            models.Index(fields=["partij", "-created_at"]),
            models.Index(fields=["status", "volgende_poging_op"]),
        ]

    def __str__(self) -> str:
        return self.onderwerp

    @property
    def idempotentiesleutel(self) -> str:
        """The key the channel sees on every attempt: a retry after a crash carries the same one."""
        return f"loket-{self.uuid}"


class Toestemming(TimeStampedModel):
    """What a citizen agreed to: proactive offers at all, and which channels may carry them."""

    partij = models.OneToOneField(
        "parties.Partij", on_delete=models.CASCADE, related_name="berichttoestemming"
    )
    proactief = models.BooleanField(_("proactieve berichten ontvangen"), default=True)
    email = models.BooleanField(_("berichten per e-mail"), default=True)
    sms = models.BooleanField(_("berichten per sms"), default=False)
    # Issue 20: a short survey after a contact only for whoever said yes (opt-in; Mijn Loket).
    tevredenheid = models.BooleanField(
        _("vragenlijst over tevredenheid na een contact"), default=False, db_default=False
    )

    class Meta:
        db_table = "proactive_toestemming"
        verbose_name = _("toestemming voor berichten")
        verbose_name_plural = _("toestemmingen voor berichten")

    def __str__(self) -> str:
        return str(self.partij)
