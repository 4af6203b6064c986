from django.db import models
from django.utils.translation import gettext_lazy as _


class ArtikelStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


# Channel variants of an answer, as the fields of a version are named.
KANAAL_VARIANTEN = {
    "web": "antwoord",
    "telefoon": "telefoonscript",
    "email": "email",
    "kort": "kort",
}

# Articles that refer the citizen to another government body carry this category.
CATEGORIE_VERWIJZING = "Andere overheden"
