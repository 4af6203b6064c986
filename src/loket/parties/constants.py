from django.db import models
from django.utils.translation import gettext_lazy as _


class SoortPartij(models.TextChoices):
    PERSOON = "persoon", _("Persoon")
    ORGANISATIE = "organisatie", _("Organisatie")


class SoortDigitaalAdres(models.TextChoices):
    EMAIL = "email", _("E-mailadres")
    TELEFOON = "telefoonnummer", _("Telefoonnummer")
    OVERIG = "overig", _("Overig")
