from django.db import models
from django.utils.translation import gettext_lazy as _


class BeoordelingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    KLAAR = "klaar", _("Klaar")


class Aanleiding(models.TextChoices):
    """Why a contact is in the review queue; the signals come before the sample."""

    HERHAALCONTACT = "herhaalcontact", _("Herhaalcontact binnen 7 dagen (zelfde product)")
    GEEN_ARTIKEL = "geen_artikel", _("Antwoord zonder kennisartikel")
    KLACHT = "klacht", _("Klacht of ‘niet geholpen’ op het antwoord")
    VERZOEK_NIET_NODIG = "verzoek_niet_nodig", _("Contactverzoek dat niet nodig was")
    STEEKPROEF = "steekproef", _("Steekproef")
    KALIBRATIE = "kalibratie", _("Kalibratie (tweede beoordelaar)")


# The queue's order: signals first, then the sample, then calibration.
AANLEIDING_VOLGORDE = {
    Aanleiding.HERHAALCONTACT: 0,
    Aanleiding.GEEN_ARTIKEL: 1,
    Aanleiding.KLACHT: 2,
    Aanleiding.VERZOEK_NIET_NODIG: 3,
    Aanleiding.STEEKPROEF: 4,
    Aanleiding.KALIBRATIE: 5,
}
SIGNALEN = (
    Aanleiding.HERHAALCONTACT,
    Aanleiding.GEEN_ARTIKEL,
    Aanleiding.KLACHT,
    Aanleiding.VERZOEK_NIET_NODIG,
)


class Oordeel(models.IntegerChoices):
    """A criterion's score; "n.v.t." is no score (NULL) and does not count."""

    VOLDOET_NIET = 0, _("Voldoet niet")
    DEELS = 1, _("Deels")
    VOLDOET = 2, _("Voldoet")


# The criterion whose "voldoet" share is the juistheid figure (the norm "juistheid").
JUISTHEID_CODE = "juist_antwoord"
# "Not solved the first time": a contact by the same partij on the same product within this many
# days after (the repeat-contact window of docs/insights.md).
HERHAAL_DAGEN = 7
# A complaint or "niet geholpen" on an article points at the contacts answered from it in the
# HERHAAL_DAGEN days before; at most this many per article and month (the latest), so one
# complaint about a much-used answer does not flood the queue.
KLACHT_PER_ARTIKEL = 3
# A contactverzoek closed with a result in these words was not needed (case-insensitive).
NIET_NODIG_WOORDEN = (
    "niet nodig",
    "al beantwoord",
    "direct beantwoord",
    "in de kennisbank",
)

# The rubric Loket starts with (code, vraag, gewicht); a beheerder edits it in the admin.
STANDAARD_CRITERIA = [
    (JUISTHEID_CODE, "Juist en volledig antwoord", 3),
    ("kanaaladvies", "Juist kanaaladvies", 1),
    ("proactief_aanbod", "Proactief aanbod waar nodig", 1),
    ("registratie", "Juiste registratie (reden, product)", 1),
    ("doorverwijzing", "Doorverwijzing waar nodig", 1),
    ("toon", "Toon en vriendelijkheid", 2),
]
