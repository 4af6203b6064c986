"""The citizen's name of a product that has no title of its own (issue 16, item 6).

A UPL name is a register key in lower case ("bijzonderebijstandsuitkering", "aow-uitkering",
"woz-taxatieverslag kopie"); agents and citizens read a title. A redacteur's `Product.titel`
always wins; without one, `upl_titel` gives a readable name: a few glued or legal names spelled
out, abbreviations in capitals, the first letter a capital.
"""

from __future__ import annotations

import re

# UPL names that stay unreadable with capitals alone.
UPL_TITELS = {
    "bijzonderebijstandsuitkering": "Bijzondere bijstand",
    "onroerendezaakbelasting (ozb)": "Onroerendezaakbelasting (OZB)",
    "onroerendezaakbelasting (ozb) kopie aanslag": "Kopie aanslag onroerendezaakbelasting (OZB)",
    "zwakalcoholhoudende-drankverkoop": "Verkoop van zwakalcoholhoudende drank",
    "digid": "DigiD",
    "digid-machtiging": "DigiD-machtiging",
    "rni inschrijving": "Inschrijving in de RNI",
    "bag inzage": "Inzage in de BAG",
    "wsnp-verklaring": "Wsnp-verklaring",
    "anw-uitkering": "Anw-uitkering",
    "wajong-uitkering": "Wajong-uitkering",
}

# Abbreviations written in capitals wherever they occur as a word (or before a hyphen).
AFKORTINGEN = (
    "aow",
    "brp",
    "ww",
    "wia",
    "woz",
    "ozb",
    "ioaw",
    "ioaz",
    "oggz",
    "bag",
    "rni",
    "upl",
    "kvk",
    "apk",
    "vog",
)
# Those the law spells with one capital.
AFKORTING_SPELLING = {"wmo": "Wmo", "wlz": "Wlz", "anw": "Anw"}
_AFKORTING = re.compile(r"\b(" + "|".join([*AFKORTINGEN, *AFKORTING_SPELLING]) + r")\b")


def upl_titel(upl_naam: str) -> str:
    """A readable title for a UPL name ("aow-uitkering" → "AOW-uitkering")."""
    naam = (upl_naam or "").strip()
    if naam in UPL_TITELS:
        return UPL_TITELS[naam]
    naam = _AFKORTING.sub(lambda m: AFKORTING_SPELLING.get(m.group(1), m.group(1).upper()), naam)
    return naam[:1].upper() + naam[1:]


# "€ 12,34", "€12,34", "€ 285", "€ 285,-", "€ 1.100,00": an amount in a costs text.
_BEDRAG = re.compile(r"€\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-{1,2}))?(?![\d.,]*\d)")


def kosten_weergave(kosten: str) -> str:
    """A product's costs text with every amount written the Dutch way: "€ 12,34" (a non-breaking
    space after the sign, a decimal comma, two decimals, a point per thousand)."""

    def _bedrag(match: re.Match[str]) -> str:
        euros, centen = match.group(1), match.group(2)
        if not centen or not centen.isdigit():
            centen = "00"
        return f"€\u00a0{euros},{centen}"

    return _BEDRAG.sub(_bedrag, (kosten or "").strip())
