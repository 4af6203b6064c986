"""Choices and scoring weights of the training app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domein(models.TextChoices):
    BURGERZAKEN = "burgerzaken", _("Burgerzaken")
    AFVAL = "afval", _("Afval")
    BELASTINGEN = "belastingen", _("Belastingen")
    ZORG = "zorg", _("Zorg")
    WERK_INKOMEN = "werk-en-inkomen", _("Werk en inkomen")
    VERGUNNINGEN = "vergunningen", _("Vergunningen")
    OPENBARE_RUIMTE = "openbare-ruimte", _("Openbare ruimte")


class Moeilijkheid(models.TextChoices):
    BASIS = "basis", _("Basis")
    GEVORDERD = "gevorderd", _("Gevorderd")
    LASTIG = "lastig", _("Lastig")


class SessieStatus(models.TextChoices):
    BEZIG = "bezig", _("Bezig")
    AFGEROND = "afgerond", _("Afgerond")


class ActieSoort(models.TextChoices):
    """What a trainee does in the simulation; each is one row (TrainingActie)."""

    ZOEKEN = "zoeken", _("Kennisbank doorzocht")
    VRAAG = "vraag", _("Vraag aan de klant")
    ANTWOORD = "antwoord", _("Antwoord gegeven")
    STURING = "sturing", _("Kanaal geadviseerd")
    AANBOD = "aanbod", _("Proactief aanbod")
    REGISTRATIE = "registratie", _("Contact geregistreerd")


class Spreker(models.TextChoices):
    KLANT = "klant", _("Klant")
    MEDEWERKER = "medewerker", _("U")


class Criterium(models.TextChoices):
    """The points a scenario is scored on (the issue's list), with their maximum below."""

    ANTWOORD = "antwoord", _("Juist antwoord")
    VERVOLGVRAGEN = "vervolgvragen", _("Vervolgvragen")
    KANAALSTURING = "kanaalsturing", _("Kanaalsturing")
    PROACTIEF = "proactief", _("Proactief aanbod")
    OVERDRACHT = "overdracht", _("Afhandeling en overdracht")
    REGISTRATIE = "registratie", _("Registratie")
    TIJD = "tijd", _("Tijd")


MAX_PUNTEN: dict[str, int] = {
    Criterium.ANTWOORD: 25,
    Criterium.VERVOLGVRAGEN: 10,
    Criterium.KANAALSTURING: 10,
    Criterium.PROACTIEF: 15,
    Criterium.OVERDRACHT: 20,
    Criterium.REGISTRATIE: 10,
    Criterium.TIJD: 10,
}


class ToetsVraagSoort(models.TextChoices):
    MEERKEUZE = "meerkeuze", _("Meerkeuze")
    KORT = "kort", _("Kort antwoord")


# The kennistoets: how many questions of each kind one test holds.
TOETS_MEERKEUZE = 6
TOETS_KORT = 2
TOETS_PRINCIPES = 4
PRINCIPES_ONDERWERP = "Dienstverleningsprincipes"

# A topic or criterion at or above this share is a strength; below ZWAK training helps.
STERK = 0.8
ZWAK = 0.6
