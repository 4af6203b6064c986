from django.db import models
from django.utils.translation import gettext_lazy as _


class Afhandeling(models.TextChoices):
    """How a question was handled at the contact."""

    BEANTWOORD = "beantwoord", _("Beantwoord")
    CONTACTVERZOEK = "contactverzoek", _("Contactverzoek uitgezet")
    ZAAK = "zaak", _("Zaak aangemaakt")
    DOORVERBONDEN = "doorverbonden", _("Doorverbonden")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen naar andere organisatie")
    ZELFSTANDIG = "zelfstandig", _("Zelf online afgehandeld")
    NIET_BEANTWOORD = "niet_beantwoord", _("Niet beantwoord")

    @classmethod
    def front_office(cls) -> set[str]:
        """Handled at first contact, without the back office (the FCR numerator)."""
        return {cls.BEANTWOORD, cls.ZELFSTANDIG, cls.DOORVERWEZEN}
