from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of Loket; each is a Django group of the same name."""

    KCC = "kcc-medewerker", _("KCC-medewerker")
    BACKOFFICE = "backoffice-medewerker", _("Backoffice-medewerker")
    TEAMLEIDER = "teamleider", _("Teamleider")
    REDACTEUR = "redacteur", _("Redacteur")
    BEHEERDER = "beheerder", _("Beheerder")


class TeamKind(models.TextChoices):
    AFDELING = "afdeling", _("Afdeling")
    GROEP = "groep", _("Groep")


# Capabilities are permissions on accounts.User (see Meta.permissions); each role gets a set.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.KCC: [
        "view_person_data",
        "register_contact",
        "view_knowledge",
        "take_training",
        "manage_counter",
        "answer_written",
    ],
    Role.BACKOFFICE: [
        "view_person_data",
        "register_contact",
        "handle_cases",
        "view_knowledge",
        "take_training",
    ],
    Role.TEAMLEIDER: [
        "view_person_data",
        "register_contact",
        "handle_cases",
        "distribute_work",
        "view_insights",
        "view_knowledge",
        "take_training",
        "view_team_training",
        "manage_counter",
        "answer_written",
    ],
    Role.REDACTEUR: ["view_knowledge", "manage_knowledge", "manage_catalogue"],
    Role.BEHEERDER: [
        "view_knowledge",
        "manage_catalogue",
        "manage_reference_data",
        "manage_users",
        "view_audit_log",
        "view_insights",
        "manage_api_tokens",
        "manage_proactive_rules",
    ],
}

# Where each role starts after logging in (URL names; the first that resolves wins).
ROLE_HOME: dict[str, str] = {
    Role.KCC: "kcc:home",
    Role.BACKOFFICE: "backoffice:home",
    Role.TEAMLEIDER: "insights:home",
    Role.REDACTEUR: "knowledge:home",
    Role.BEHEERDER: "beheer:home",
}
