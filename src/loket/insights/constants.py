from django.db import models
from django.utils.translation import gettext_lazy as _


class Eenheid(models.TextChoices):
    PROCENT = "procent", _("procent")
    SECONDEN = "seconden", _("seconden")
    MINUTEN = "minuten", _("minuten")
    SCORE = "score", _("score")


class Richting(models.TextChoices):
    MINIMAAL = "min", _("ten minste (≥)")
    MAXIMAAL = "max", _("ten hoogste (≤)")


class GebeurtenisSoort(models.TextChoices):
    """Telephony events, in the order they happen to a call."""

    AANGEBODEN = "aangeboden", _("Aangeboden (in de wachtrij)")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    VERLATEN = "verlaten", _("Opgehangen in de wachtrij")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class NormCode(models.TextChoices):
    FCR = "fcr", _("Afgehandeld bij eerste contact")
    ZELFSERVICE = "zelfservice", _("Zelfservicegraad")
    SERVICENIVEAU = "serviceniveau", _("Telefoon: opgenomen binnen de norm")
    VERLATEN = "verlaten", _("Telefoon: opgehangen in de wachtrij")
    ASA = "asa", _("Telefoon: gemiddelde wachttijd")
    EMAIL = "email", _("E-mail beantwoord binnen de termijn")
    CONTACTVERZOEK = "contactverzoek", _("Contactverzoeken op tijd afgehandeld")
    BALIE = "balie", _("Baliebezoekers binnen de wachttijd geholpen")
    ZAAK_SERVICENORM = "zaak_servicenorm", _("Zaken binnen de servicenorm")
    ZAAK_TERMIJN = "zaak_termijn", _("Zaken binnen de wettelijke termijn")
    FORMULE = "formule", _("Garanties van de dienstverleningsformule")
    CSAT = "csat", _("Klanttevredenheid (CSAT)")
    NPS = "nps", _("Net Promoter Score")
    CES = "ces", _("Klantinspanning (CES, makkelijk geregeld)")
    HERHAAL = "herhaal", _("Vaker gevraagd (herhaalcontact)")
    UITVAL = "uitval", _("Uitval bij roostering (shrinkage)")
    # Quality monitoring (issue 20, loket.kwaliteit): reviewed answers fully correct.
    JUISTHEID = "juistheid", _("Juistheid van antwoorden (kwaliteitsbeoordeling)")


# The defaults of issue 7 and the domain reference (code, streefwaarde, eenheid, richting, parameter).
DEFAULT_NORMS = [
    (NormCode.FCR, 80, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.ZELFSERVICE, 82, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.SERVICENIVEAU, 80, Eenheid.PROCENT, Richting.MINIMAAL, 30, "seconden"),
    (NormCode.VERLATEN, 5, Eenheid.PROCENT, Richting.MAXIMAAL, None, ""),
    (NormCode.ASA, 30, Eenheid.SECONDEN, Richting.MAXIMAAL, None, ""),
    (NormCode.EMAIL, 85, Eenheid.PROCENT, Richting.MINIMAAL, 2, "werkdagen"),
    (NormCode.CONTACTVERZOEK, 90, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.BALIE, 95, Eenheid.PROCENT, Richting.MINIMAAL, 15, "minuten"),
    (NormCode.ZAAK_SERVICENORM, 90, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.ZAAK_TERMIJN, 100, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.FORMULE, 95, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.CSAT, 80, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
    (NormCode.NPS, 0, Eenheid.SCORE, Richting.MINIMAAL, None, ""),
    # CES: the mean on 1-7 of "Het was makkelijk om mijn vraag geregeld te krijgen".
    (NormCode.CES, "5.5", Eenheid.SCORE, Richting.MINIMAAL, None, ""),
    (NormCode.HERHAAL, 10, Eenheid.PROCENT, Richting.MAXIMAAL, 7, "dagen"),
    (NormCode.UITVAL, 30, Eenheid.PROCENT, Richting.MAXIMAAL, None, ""),
    (NormCode.JUISTHEID, 90, Eenheid.PROCENT, Richting.MINIMAAL, None, ""),
]

# Indicative cost per contact in euros per kind of channel (configurable in the admin).
DEFAULT_KOSTEN = {
    "click": "0.40",
    "call": "5.50",
    "face": "11.00",
    "email": "7.00",
    "overig": "8.00",
}
