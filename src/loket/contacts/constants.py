from django.db import models
from django.utils.translation import gettext_lazy as _


class Afhandeling(models.TextChoices):
    """How a question was handled at the contact."""

    BEANTWOORD = "beantwoord", _("Afgehandeld")
    CONTACTVERZOEK = "contactverzoek", _("Contactverzoek")
    ZAAK = "zaak", _("Zaak aangemaakt")
    DOORVERBONDEN = "doorverbonden", _("Doorverbonden")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen naar andere organisatie")
    ZELFSTANDIG = "zelfstandig", _("Zelf online afgehandeld")
    NIET_BEANTWOORD = "niet_beantwoord", _("Niet beantwoord")

    @classmethod
    def front_office(cls) -> set[str]:
        """Handled at first contact, without the back office (the FCR numerator)."""
        return {cls.BEANTWOORD, cls.ZELFSTANDIG, cls.DOORVERWEZEN}


class ContactverzoekStatus(models.TextChoices):
    """The states of a contactverzoek (interne taak); transitions live in CONTACTVERZOEK_OVERGANGEN."""

    TE_VERWERKEN = "te_verwerken", _("Te verwerken")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    VERWERKT = "verwerkt", _("Verwerkt")


class GebeurtenisSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Aangemaakt")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    DOORGESTUURD = "doorgestuurd", _("Doorgestuurd")
    TERUGBELPOGING = "terugbelpoging", _("Terugbelpoging")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    HEROPEND = "heropend", _("Heropend")


# The status machine of a contactverzoek: which action may happen in which status.
CONTACTVERZOEK_OVERGANGEN: dict[str, set[str]] = {
    GebeurtenisSoort.TOEGEWEZEN: {
        ContactverzoekStatus.TE_VERWERKEN,
        ContactverzoekStatus.IN_BEHANDELING,
    },
    GebeurtenisSoort.DOORGESTUURD: {
        ContactverzoekStatus.TE_VERWERKEN,
        ContactverzoekStatus.IN_BEHANDELING,
    },
    GebeurtenisSoort.TERUGBELPOGING: {
        ContactverzoekStatus.TE_VERWERKEN,
        ContactverzoekStatus.IN_BEHANDELING,
    },
    GebeurtenisSoort.AFGESLOTEN: {
        ContactverzoekStatus.TE_VERWERKEN,
        ContactverzoekStatus.IN_BEHANDELING,
    },
    GebeurtenisSoort.HEROPEND: {ContactverzoekStatus.VERWERKT},
}
