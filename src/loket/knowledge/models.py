"""Kennisartikelen (vraag-antwoordcombinaties) with immutable published versions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.models import TimeStampedModel, UUIDModel
from loket.knowledge.constants import ArtikelStatus


class ArtikelInhoud(models.Model):
    """The content fields shared by the working copy (the article) and each published version."""

    vraag = models.CharField(_("vraag"), max_length=255)
    samenvatting = models.CharField(_("kort antwoord"), max_length=500, blank=True)
    antwoord = models.TextField(_("antwoord (web)"), help_text=_("Opgeschoonde HTML."))
    telefoonscript = models.TextField(_("telefoonscript"), blank=True)
    email = models.TextField(_("e-mailtekst"), blank=True)
    kort = models.CharField(_("kort (sms)"), max_length=160, blank=True)
    synoniemen = models.JSONField(_("synoniemen"), default=list, blank=True)
    trefwoorden = models.JSONField(_("trefwoorden"), default=list, blank=True)
    voorbeeldvragen = models.JSONField(_("voorbeeldvragen"), default=list, blank=True)

    class Meta:
        abstract = True


class Kennisartikel(UUIDModel, TimeStampedModel, ArtikelInhoud):
    """The working copy that redacteuren edit; publishing freezes it into an ArtikelVersie."""

    slug = models.SlugField(_("code"), max_length=100, unique=True)
    categorie = models.CharField(_("categorie"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=ArtikelStatus.choices, default=ArtikelStatus.CONCEPT
    )
    producten = models.ManyToManyField(
        "catalogue.Product", related_name="kennisartikelen", blank=True, verbose_name=_("producten")
    )
    eigenaar = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("eigenaar (team)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kennisartikelen",
    )
    review_datum = models.DateField(_("herzien vóór"), null=True, blank=True)
    organisatie = models.ForeignKey(
        "catalogue.Organisatie",
        verbose_name=_("regelt u bij (organisatie)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kennisartikelen",
        help_text=_("Bij een verwijsartikel: de organisatie die het regelt."),
    )
    gepubliceerde_versie = models.ForeignKey(
        "ArtikelVersie",
        verbose_name=_("gepubliceerde versie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ter beoordeling aangeboden door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Deze redacteur mag de versie niet zelf goedkeuren (vier ogen)."),
    )
    ingediend_op = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    revisie = models.PositiveIntegerField(
        _("revisie"),
        default=1,
        help_text=_("Verhoogd bij elke wijziging; tegen gelijktijdig werk."),
    )

    class Meta:
        verbose_name = _("kennisartikel")
        verbose_name_plural = _("kennisartikelen")
        ordering = ["vraag"]

    def __str__(self) -> str:
        return self.vraag


class ArtikelVersie(ArtikelInhoud):
    """An immutable published version; a klantcontact records which version was given."""

    artikel = models.ForeignKey(Kennisartikel, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField(_("versienummer"))
    product_upl_namen = models.JSONField(_("producten (UPL-namen)"), default=list)
    organisatie = models.ForeignKey(
        "catalogue.Organisatie",
        verbose_name=_("regelt u bij (organisatie)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"))
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangeboden door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("artikelversie")
        verbose_name_plural = _("artikelversies")
        ordering = ["artikel", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["artikel", "nummer"], name="unique_artikel_versie")
        ]

    def __str__(self) -> str:
        return f"{self.vraag} (versie {self.nummer})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Een gepubliceerde versie kan niet worden gewijzigd.")
        super().save(*args, **kwargs)


class Synoniem(TimeStampedModel):
    """A citizen's word and what it means in the knowledge base ("kliko" → "afvalcontainer").

    Redacteuren maintain the list; the search expands a query with the meaning of every
    synonym it contains (also multi-word ones: "id kaart" → "identiteitskaart")."""

    term = models.CharField(_("woord van de inwoner"), max_length=100, unique=True)
    betekenis = models.CharField(_("betekent"), max_length=200)
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.betekenis}"


class Werkinstructie(UUIDModel, TimeStampedModel):
    """Internal only: how staff handle something (never shown to citizens or via the public API)."""

    titel = models.CharField(_("titel"), max_length=200)
    inhoud = models.TextField(_("inhoud"), help_text=_("Opgeschoonde HTML."))
    teams = models.ManyToManyField("accounts.Team", blank=True, verbose_name=_("voor teams"))
    producten = models.ManyToManyField("catalogue.Product", blank=True, verbose_name=_("producten"))
    artikelen = models.ManyToManyField(Kennisartikel, blank=True, verbose_name=_("bij artikelen"))
    is_actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("werkinstructie")
        verbose_name_plural = _("werkinstructies")
        ordering = ["titel"]

    def __str__(self) -> str:
        return self.titel


class Nieuwsbericht(UUIDModel, TimeStampedModel):
    """Staff news; "belangrijk" items are pinned until read. Empty `teams` means everyone."""

    titel = models.CharField(_("titel"), max_length=200)
    inhoud = models.TextField(_("inhoud"), help_text=_("Opgeschoonde HTML."))
    is_belangrijk = models.BooleanField(_("belangrijk"), default=False)
    teams = models.ManyToManyField("accounts.Team", blank=True, verbose_name=_("voor teams"))
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), db_index=True)
    verloopt_op = models.DateTimeField(_("zichtbaar tot"), null=True, blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        ordering = ["-is_belangrijk", "-gepubliceerd_op"]

    def __str__(self) -> str:
        return self.titel


class Leesbevestiging(models.Model):
    bericht = models.ForeignKey(Nieuwsbericht, on_delete=models.CASCADE, related_name="gelezen")
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    gelezen_op = models.DateTimeField(_("gelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("leesbevestiging")
        verbose_name_plural = _("leesbevestigingen")
        constraints = [
            models.UniqueConstraint(fields=["bericht", "medewerker"], name="unique_leesbevestiging")
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} las {self.bericht}"


class FeedbackStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    VERWERKT = "verwerkt", _("Verwerkt")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class ArtikelFeedback(TimeStampedModel):
    """A KCM flags an answer as wrong or incomplete; redacteuren work through the queue."""

    class Soort(models.TextChoices):
        ONJUIST = "onjuist", _("Onjuist")
        ONVOLLEDIG = "onvolledig", _("Onvolledig")
        ONDUIDELIJK = "onduidelijk", _("Onduidelijk")
        ANDERS = "anders", _("Anders")

    artikel = models.ForeignKey(Kennisartikel, on_delete=models.CASCADE, related_name="feedback")
    versie = models.ForeignKey(
        ArtikelVersie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    soort = models.CharField(_("soort"), max_length=15, choices=Soort.choices)
    opmerking = models.TextField(_("opmerking"))
    melder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=15, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN
    )
    reactie = models.TextField(_("reactie van de redactie"), blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("feedback op artikel")
        verbose_name_plural = _("feedback op artikelen")
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"{self.artikel} – {self.get_soort_display()}"


class ZoekLog(models.Model):
    """Queries without results or with low confidence, for redacteuren to act on."""

    q = models.CharField(_("zoekvraag"), max_length=500)
    kanaal = models.CharField(_("kanaal"), max_length=20)
    aantal_resultaten = models.PositiveIntegerField(_("resultaten"))
    top_score = models.FloatField(_("score van het eerste resultaat"), null=True)
    gezocht_op = models.DateTimeField(_("gezocht op"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("zoekvraag zonder goed antwoord")
        verbose_name_plural = _("zoekvragen zonder goed antwoord")
        ordering = ["-gezocht_op"]

    def __str__(self) -> str:
        return self.q


class ZoekKeuze(models.Model):
    """A relevance judgement from use (issue 23): for a question, which article helped.

    An agent who gives an article's answer in a contact ("Gebruik dit antwoord", saved), or a
    citizen who answers "Heeft deze informatie u geholpen?" on an article reached from a search,
    says which article answers those words. Only the question's stems are kept (`sleutel`, the
    form the search compares) and the words as typed for the redactie, never for a question with
    digits (a BSN, a phone number) or of more than LEER_MAX_WOORDEN words. `wie` is a one-way
    hash of the user or browser session: enough to count people, not to find them."""

    class Bron(models.TextChoices):
        KCC = "kcc", _("Antwoord gegeven in een klantcontact")
        PORTAAL = "portaal", _("‘Heeft dit geholpen?’ op de website")
        CHAT = "chat", _("‘Heeft dit geholpen?’ in de chat")

    sleutel = models.CharField(_("zoekvraag (stammen)"), max_length=200, db_index=True)
    zoekvraag = models.CharField(_("zoekvraag"), max_length=200)
    artikel = models.ForeignKey(Kennisartikel, on_delete=models.CASCADE, related_name="+")
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices)
    geholpen = models.BooleanField(_("geholpen"), default=True)
    wie = models.CharField(_("wie (gehasht)"), max_length=64)
    afgewezen = models.BooleanField(
        _("afgewezen door de redactie"),
        default=False,
        help_text=_("De zoekfunctie leert hier niet meer van."),
    )
    gekozen_op = models.DateTimeField(_("gekozen op"), db_index=True)

    class Meta:
        verbose_name = _("keuze bij een zoekvraag")
        verbose_name_plural = _("keuzes bij zoekvragen")
        ordering = ["-gekozen_op"]
        indexes = [models.Index(fields=["sleutel", "artikel"], name="zoekkeuze_sleutel_artikel")]

    def __str__(self) -> str:
        return f"{self.zoekvraag} → {self.artikel}"


class Zoektocht(models.Model):
    """A finished search on the portal and what followed it (issue 21, docs/digitaal-gebruik.md).

    No words typed, no session key, no address: the number of results, the product it is about
    (of the answer read, else of the first result), whether an answer page was read and a form
    started from it (the portal's own session links them for 30 minutes), and whether a contact
    about the product followed within 24 hours. `partij` is kept only for a logged-in citizen and
    only until that link is made (a daily job); then it is cleared and the row is a count."""

    gezocht_op = models.DateTimeField(_("gezocht op"), default=timezone.now, db_index=True)
    aantal_resultaten = models.PositiveIntegerField(_("resultaten"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    artikel = models.ForeignKey(
        Kennisartikel,
        verbose_name=_("gelezen antwoord"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    antwoord_gelezen = models.BooleanField(_("antwoord gelezen"), default=False, db_default=False)
    formulier_gestart = models.BooleanField(_("formulier gestart"), default=False, db_default=False)
    ingelogd = models.BooleanField(_("ingelogd"), default=False, db_default=False)
    partij = models.ForeignKey(
        "parties.Partij", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_binnen_24u = models.BooleanField(
        _("contact binnen 24 uur"),
        null=True,
        blank=True,
        help_text=_("Leeg: niet te koppelen (niet ingelogd) of nog niet bekend."),
    )

    class Meta:
        verbose_name = _("zoektocht op de website")
        verbose_name_plural = _("zoektochten op de website")
        ordering = ["-gezocht_op"]

    def __str__(self) -> str:
        return f"{self.gezocht_op:%Y-%m-%d %H:%M} ({self.aantal_resultaten})"


class Antwoordbezoek(models.Model):
    """A read of an answer page on the portal (issue 21): did a call about it follow within 24
    hours? `partij` only for a logged-in citizen and only until the daily job linked it."""

    artikel = models.ForeignKey(Kennisartikel, on_delete=models.CASCADE, related_name="+")
    bezocht_op = models.DateTimeField(_("bezocht op"), default=timezone.now, db_index=True)
    ingelogd = models.BooleanField(_("ingelogd"), default=False, db_default=False)
    partij = models.ForeignKey(
        "parties.Partij", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gebeld_binnen_24u = models.BooleanField(_("gebeld binnen 24 uur"), null=True, blank=True)

    class Meta:
        verbose_name = _("bezoek aan een antwoordpagina")
        verbose_name_plural = _("bezoeken aan antwoordpagina's")
        indexes = [models.Index(fields=["artikel", "bezocht_op"], name="antwoordbezoek_artikel")]

    def __str__(self) -> str:
        return f"{self.artikel_id} {self.bezocht_op:%Y-%m-%d %H:%M}"
