from django.db import models
from django.utils.translation import gettext_lazy as _


class ArtikelStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_BEOORDELING = "ter_beoordeling", _("Ter beoordeling")
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

# The review step (four eyes): which action moves an article from which status to which. A
# redacteur offers the working copy for review; a second redacteur approves (publishes) it or
# sends it back. Editing an offered article takes it back to concept. The bundled content loader
# (no medewerker) publishes directly.
ARTIKEL_OVERGANGEN: dict[str, tuple[frozenset[str], str]] = {
    "aanbieden": (
        frozenset({ArtikelStatus.CONCEPT, ArtikelStatus.GEPUBLICEERD, ArtikelStatus.GEARCHIVEERD}),
        ArtikelStatus.TER_BEOORDELING,
    ),
    "publiceren": (frozenset({ArtikelStatus.TER_BEOORDELING}), ArtikelStatus.GEPUBLICEERD),
    "terugsturen": (frozenset({ArtikelStatus.TER_BEOORDELING}), ArtikelStatus.CONCEPT),
}
