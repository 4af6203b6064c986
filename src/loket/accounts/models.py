from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.accounts.constants import Role, TeamKind
from loket.core.models import TimeStampedModel


class User(AbstractUser):
    """A staff member (medewerker). Roles are Django groups named after `Role`."""

    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    # The agent's extension on the telephone platform: its call events open the klantbeeld.
    toestel = models.CharField(
        _("toestelnummer"),
        max_length=20,
        blank=True,
        db_index=True,
        db_default="",
        help_text=_(
            "Het toestel van de medewerker in de telefonie (voor het klantbeeld bij een gesprek)."
        ),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        permissions = [
            ("view_person_data", _("Mag persoonsgegevens inzien")),
            ("register_contact", _("Mag klantcontacten registreren")),
            ("handle_cases", _("Mag zaken behandelen")),
            ("distribute_work", _("Mag werk verdelen")),
            ("view_insights", _("Mag stuurinformatie inzien")),
            ("view_knowledge", _("Mag de kennisbank raadplegen")),
            ("manage_knowledge", _("Mag kennisartikelen beheren")),
            ("manage_catalogue", _("Mag de productencatalogus beheren")),
            ("manage_reference_data", _("Mag kanalen en contactredenen beheren")),
            ("manage_users", _("Mag medewerkers en teams beheren")),
            ("view_audit_log", _("Mag het auditlog inzien")),
            ("manage_api_tokens", _("Mag API-tokens beheren")),
            ("take_training", _("Mag trainen in de KCC-simulatie")),
            ("view_team_training", _("Mag trainingsresultaten van het team inzien")),
            ("manage_proactive_rules", _("Mag regels voor proactieve dienstverlening beheren")),
            ("manage_counter", _("Mag de balie en afspraken beheren")),
            ("answer_written", _("Mag e-mails en schriftelijke vragen beantwoorden")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.get_username()

    @property
    def roles(self) -> list[str]:
        names = {group.name for group in self.groups.all()}
        return [role.value for role in Role if role.value in names]

    def has_role(self, role: str) -> bool:
        return role in self.roles


class Team(TimeStampedModel):
    """An afdeling or a groep within one; medewerkers are members of teams."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=TeamKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("onderdeel van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    is_actief = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Een inactief team krijgt geen nieuw werk (contactverzoeken) meer."),
    )
    members = models.ManyToManyField(
        User, through="Membership", related_name="teams", verbose_name=_("leden")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, verbose_name=_("team"))
    user = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("medewerker"))
    is_coordinator = models.BooleanField(_("coördinator"), default=False)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="unique_team_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}"
