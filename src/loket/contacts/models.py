"""Klantcontacten and their vragen, after the VNG Klantinteracties API; contactredenen."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.core.models import TimeStampedModel, UUIDModel


class Contactreden(models.Model):
    """Two-level taxonomy of contact reasons that beheerders maintain (hoofd- and subreden)."""

    naam = models.CharField(_("naam"), max_length=100)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    hoofdreden = models.ForeignKey(
        "self",
        verbose_name=_("hoofdreden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subredenen",
    )
    is_actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("contactreden")
        verbose_name_plural = _("contactredenen")
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("naam"),
                "hoofdreden",
                name="unique_contactreden_naam_per_hoofdreden",
            )
        ]

    def __str__(self) -> str:
        if self.hoofdreden is not None:
            return f"{self.hoofdreden.naam} › {self.naam}"
        return self.naam


class Klantcontact(UUIDModel, TimeStampedModel):
    referentienummer = models.CharField(_("referentienummer"), max_length=20, unique=True)
    kanaal = models.ForeignKey(
        "core.Kanaal", verbose_name=_("kanaal"), on_delete=models.PROTECT, related_name="+"
    )
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("klant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="klantcontacten",
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="klantcontacten",
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    inhoud = models.TextField(_("inhoud"), blank=True)
    plaatsgevonden_op = models.DateTimeField(_("plaatsgevonden op"))
    duur = models.DurationField(_("duur"), null=True, blank=True)
    # A telephone contact started from a call (CTI): the call's id on the telephone platform;
    # its hang-up sets `duur`.
    gesprek_id = models.CharField(
        _("gesprek-ID"), max_length=64, blank=True, db_index=True, db_default=""
    )
    indicatie_contact_gelukt = models.BooleanField(_("contact gelukt"), default=True)
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    # Who may read a confidential contact's content (issue 19, contacts.vertrouwelijk): the
    # members of this team. A confidential contact without a team is read by no medewerker:
    # it fails closed (the Klantinteracties API has no field for it).
    vertrouwelijk_team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("vertrouwelijk: team met inzage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen leden van dit team lezen de inhoud van een vertrouwelijk contact."),
    )
    # Set when its retention term passed (privacy): the contact stays for the figures, without
    # the person or what was said.
    geanonimiseerd_op = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    taal = models.CharField(_("taal"), max_length=3, default="nld")
    # NULL, not "": most contacts have no key, and the constraint below only covers keyed rows.
    idempotency_key = models.CharField(  # noqa: DJ001
        _("idempotentiesleutel"),
        max_length=100,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Kenmerk van de inzending; een herhaalde inzending wordt één keer vastgelegd."),
    )
    idempotency_client = models.CharField(
        _("afzender van de sleutel"),
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text=_(
            "Wie de sleutel gebruikte (token:<id> of user:<id>; leeg voor Loket zelf): een sleutel "
            "geldt alleen voor die afzender."
        ),
    )

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_client", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="unique_klantcontact_idempotency_per_client",
            )
        ]
        indexes = [
            models.Index(fields=["partij", "-plaatsgevonden_op"]),
            models.Index(fields=["plaatsgevonden_op"]),
            models.Index(fields=["kanaal", "plaatsgevonden_op"]),
        ]

    # Set in memory by contacts.vertrouwelijk when the content was blanked for the reader, with
    # the line shown instead ("Vertrouwelijk — vraag team X").
    afgeschermd = False
    afscherming = ""

    def __str__(self) -> str:
        return self.referentienummer

    def save(self, *args, **kwargs) -> None:
        if self.afgeschermd:
            raise RuntimeError("A redacted klantcontact (contacts.vertrouwelijk) is read-only.")
        super().save(*args, **kwargs)


class Vraag(models.Model):
    """One question within a contact: product, reason, answer given and how it was handled."""

    klantcontact = models.ForeignKey(
        Klantcontact,
        on_delete=models.CASCADE,
        related_name="vragen",
        verbose_name=_("klantcontact"),
    )
    vraagtekst = models.TextField(_("vraag"))
    antwoord = models.TextField(_("antwoord"), blank=True)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vragen",
    )
    contactreden = models.ForeignKey(
        Contactreden,
        verbose_name=_("contactreden"),
        on_delete=models.PROTECT,
        related_name="vragen",
    )
    afhandeling = models.CharField(_("afhandeling"), max_length=20, choices=Afhandeling.choices)
    kennisartikel_versie = models.ForeignKey(
        "knowledge.ArtikelVersie",
        verbose_name=_("gegeven antwoord (artikelversie)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vragen",
    )
    doorverwezen_naar = models.ForeignKey(
        "catalogue.Organisatie",
        verbose_name=_("doorverwezen naar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="doorverwijzingen",
        help_text=_("Bij afhandeling 'Doorverwezen naar andere organisatie'."),
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        indexes = [models.Index(fields=["product", "afhandeling"])]

    def __str__(self) -> str:
        return self.vraagtekst[:60]


class Contactverzoek(UUIDModel):
    """A request to call or mail the customer back, for a team or a person (VNG interne taak)."""

    klantcontact = models.ForeignKey(
        Klantcontact,
        verbose_name=_("aanleidinggevend klantcontact"),
        on_delete=models.PROTECT,
        related_name="contactverzoeken",
    )
    vraag = models.ForeignKey(
        Vraag, verbose_name=_("vraag"), on_delete=models.PROTECT, related_name="contactverzoeken"
    )
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("klant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contactverzoeken",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contactverzoeken",
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contactverzoeken",
    )
    gevraagde_handeling = models.TextField(_("gevraagde handeling"))
    terugbelnummer = models.CharField(_("terugbelnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    toelichting = models.TextField(_("interne toelichting"), blank=True)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContactverzoekStatus.choices,
        default=ContactverzoekStatus.TE_VERWERKEN,
    )
    resultaat = models.TextField(_("resultaat"), blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contactverzoek")
        verbose_name_plural = _("contactverzoeken")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["medewerker", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | models.Q(medewerker__isnull=False),
                name="contactverzoek_team_of_medewerker",
            )
        ]

    afgeschermd = False  # see Klantcontact.afgeschermd
    afscherming = ""

    def __str__(self) -> str:
        return f"Contactverzoek {self.pk} ({self.klantcontact.referentienummer})"

    def save(self, *args, **kwargs) -> None:
        if self.afgeschermd:
            raise RuntimeError("A redacted contactverzoek (contacts.vertrouwelijk) is read-only.")
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status != ContactverzoekStatus.VERWERKT


class ContactverzoekGebeurtenis(models.Model):
    """Append-only history of a contactverzoek: what happened, by whom, when."""

    verzoek = models.ForeignKey(
        Contactverzoek,
        verbose_name=_("contactverzoek"),
        on_delete=models.CASCADE,
        related_name="gebeurtenissen",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=GebeurtenisSoort.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.op:%d-%m-%Y %H:%M})"


class ContactverzoekNorm(models.Model):
    """How many working hours a team has for a verzoek, per team, per product or both.

    Beheerders maintain these in the admin; `contactverzoek_norm_werkuren` picks the most
    specific one (team and product, then product, then team, else the default).
    """

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contactverzoek_normen",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contactverzoek_normen",
    )
    werkuren = models.PositiveIntegerField(
        _("werkuren"),
        validators=[MinValueValidator(1)],
        help_text=_("Binnen hoeveel werkuren het verzoek moet zijn afgehandeld (8 uur = 1 dag)."),
    )

    class Meta:
        verbose_name = _("norm voor contactverzoeken")
        verbose_name_plural = _("normen voor contactverzoeken")
        ordering = ["team__name", "product__upl_naam", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | models.Q(product__isnull=False),
                name="contactverzoeknorm_team_of_product",
                violation_error_message=_("Kies een team, een product of allebei."),
            ),
            models.CheckConstraint(
                condition=models.Q(werkuren__gte=1),
                name="contactverzoeknorm_werkuren_positief",
                violation_error_message=_("De norm moet ten minste één werkuur zijn."),
            ),
            models.UniqueConstraint(
                fields=["team", "product"],
                condition=models.Q(team__isnull=False, product__isnull=False),
                name="unique_contactverzoeknorm_team_product",
                violation_error_message=_("Voor dit team en product bestaat al een norm."),
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(product__isnull=True),
                name="unique_contactverzoeknorm_team",
                violation_error_message=_("Voor dit team bestaat al een norm."),
            ),
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(team__isnull=True),
                name="unique_contactverzoeknorm_product",
                violation_error_message=_("Voor dit product bestaat al een norm."),
            ),
        ]

    def __str__(self) -> str:
        waarvoor = " · ".join(str(x) for x in (self.team, self.product) if x is not None)
        return f"{waarvoor}: {self.werkuren} werkuren"


class TeLaatMelding(models.Model):
    """Sent-log of the daily overdue list: one mail per teamleider per day, never twice."""

    datum = models.DateField(_("datum"))
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    aantal = models.PositiveIntegerField(_("aantal verzoeken"), default=0)
    verzonden_op = models.DateTimeField(_("verzonden op"), auto_now_add=True)

    class Meta:
        verbose_name = _("melding te late contactverzoeken")
        verbose_name_plural = _("meldingen te late contactverzoeken")
        ordering = ["-datum", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["datum", "ontvanger"], name="unique_te_laat_melding")
        ]

    def __str__(self) -> str:
        return f"{self.ontvanger} ({self.datum:%d-%m-%Y})"


class KlantcontactConcept(models.Model):
    """A contact an agent started and has not saved yet (a tab in the KCC), with the draft of
    what was typed so far (issue 16). It belongs to its medewerker alone: every read and write
    filters on him, so another agent cannot open it. It lives on the server, so leaving the
    contact, a reload or logging out loses nothing; saving the contact
    (`klantcontact_vastleggen` with its `sleutel` as idempotency key) or cancelling it removes
    it."""

    sleutel = models.CharField(_("sleutel"), max_length=64, unique=True)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kanaal = models.CharField(_("kanaal (code)"), max_length=40)
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("klant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    gestart_op = models.DateTimeField(_("gestart op"))
    # Started from a telephone call (the CTI screen pop): the call's id on the platform.
    gesprek_id = models.CharField(_("gesprek-ID"), max_length=64, blank=True, db_default="")
    gegevens = models.JSONField(
        _("concept"),
        default=dict,
        blank=True,
        help_text=_("De velden van het contactformulier zoals de medewerker ze typte."),
    )
    bijgewerkt_op = models.DateTimeField(_("concept bijgewerkt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("klantcontact in behandeling")
        verbose_name_plural = _("klantcontacten in behandeling")
        ordering = ["gestart_op", "pk"]
        indexes = [models.Index(fields=["medewerker", "gestart_op"])]

    def __str__(self) -> str:
        return f"{self.kanaal} · {self.gestart_op:%d-%m-%Y %H:%M}"


# --- web chat (issue 17) ---------------------------------------------------------------------


class ChatStatus(models.TextChoices):
    ASSISTENT = "assistent", _("Met de digitale assistent")
    WACHTEND = "wachtend", _("Wacht op een medewerker")
    ACTIEF = "actief", _("In gesprek met een medewerker")
    GESLOTEN = "gesloten", _("Afgesloten")
    VERLATEN = "verlaten", _("Verlaten door de inwoner")


class ChatSessie(UUIDModel):
    """A chat on the website: first with the digital assistant (answers from the knowledge base),
    then, if the inwoner asks, with an agent. Its messages live here while it runs; when the
    agent closes it, the transcript becomes a klantcontact on kanaal chat. The inwoner reaches
    it through his browser session only (`sleutel`, never shown in a URL)."""

    sleutel = models.CharField(_("sleutel"), max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ChatStatus.choices, default=ChatStatus.ASSISTENT
    )
    partij = models.ForeignKey(
        "parties.Partij",
        verbose_name=_("klant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Ingelogd met DigiD, of door de medewerker geïdentificeerd."),
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gestart_op = models.DateTimeField(_("gestart op"), db_index=True)
    in_wachtrij_op = models.DateTimeField(_("in de wachtrij op"), null=True, blank=True)
    opgepakt_op = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    laatst_gezien_op = models.DateTimeField(_("inwoner laatst gezien"), null=True, blank=True)
    # Did the assistant's answer help ("Heeft dit geholpen?")? None: not said.
    geholpen = models.BooleanField(_("assistent heeft geholpen"), null=True, blank=True)
    assistent_antwoorden = models.PositiveIntegerField(
        _("antwoorden van de assistent"), default=0, db_default=0
    )
    klantcontact = models.OneToOneField(
        Klantcontact,
        verbose_name=_("klantcontact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chat",
    )

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        ordering = ["gestart_op", "pk"]
        indexes = [models.Index(fields=["status", "in_wachtrij_op"])]

    def __str__(self) -> str:
        return f"Chat {str(self.uuid)[:8]}"


class ChatAfzender(models.TextChoices):
    INWONER = "inwoner", _("Inwoner")
    ASSISTENT = "assistent", _("Digitale assistent")
    MEDEWERKER = "medewerker", _("Medewerker")
    SYSTEEM = "systeem", _("Loket")


class ChatBericht(models.Model):
    """One message of a chat, in order (`pk`). An answer of the assistant or an agent from the
    knowledge base names the published article version it came from."""

    sessie = models.ForeignKey(ChatSessie, on_delete=models.CASCADE, related_name="berichten")
    afzender = models.CharField(_("afzender"), max_length=10, choices=ChatAfzender.choices)
    tekst = models.TextField(_("tekst"))
    verstuurd_op = models.DateTimeField(_("verstuurd op"))
    kennisartikel_versie = models.ForeignKey(
        "knowledge.ArtikelVersie",
        verbose_name=_("kennisartikel (versie)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # For the inwoner's screen: a link to the full answer, and the buttons to offer.
    link = models.CharField(_("link"), max_length=300, blank=True, db_default="")
    zoekvraag = models.CharField(_("zoekvraag"), max_length=500, blank=True, db_default="")

    class Meta:
        verbose_name = _("chatbericht")
        verbose_name_plural = _("chatberichten")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_afzender_display()}: {self.tekst[:40]}"
