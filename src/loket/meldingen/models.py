"""Meldingen openbare ruimte (public-space reports): the BOR MELD categories with their routing
rule, the meldingen with their own lifecycle and history, and the staff corrections the classifier
learns from. The tables kept the names they had in `cases` (the move was state-only)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel


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
    vraagt_urgentie = models.BooleanField(
        _("vraag naar spoed"),
        default=False,
        help_text=_(
            "Het meldformulier vraagt of het gevaarlijk is of snel moet (bijvoorbeeld een "
            "omgevallen boom of water in huis)."
        ),
    )

    class Meta:
        db_table = "cases_meldcategorie"
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
    # The reporter's answer to "is het gevaarlijk of moet het snel?" (None: not asked).
    urgent = models.BooleanField(_("urgent (volgens de melder)"), null=True, blank=True)
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
        "cases.Zaak",
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
    # Not a column: set on the rows found by meldingen.selectors.melding_duplicates (metres).
    afstand_m: int

    class Meta:
        db_table = "cases_melding"
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


class MeldingVolger(models.Model):
    """Someone who reports the same thing as an open melding and follows it instead of filing a
    duplicate: counted with the melding and told when it is closed (party or e-mail address)."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="volgers")
    partij = models.ForeignKey(
        "parties.Partij", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    op = models.DateTimeField(_("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("volger van een melding")
        verbose_name_plural = _("volgers van meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "partij"],
                condition=models.Q(partij__isnull=False),
                name="unique_meldingvolger_partij",
            ),
            models.UniqueConstraint(
                fields=["melding", "email"],
                condition=models.Q(partij__isnull=True),
                name="unique_meldingvolger_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.melding_id} ← {self.partij_id or self.email}"


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
        db_table = "cases_meldinggebeurtenis"
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
        db_table = "cases_classificatiecorrectie"
        verbose_name = _("classificatiecorrectie")
        verbose_name_plural = _("classificatiecorrecties")
        ordering = ["-op"]

    def __str__(self) -> str:
        return f"{self.tekst[:40]} → {self.categorie}"
