"""What a public feed may show of a text a person or a behandelaar wrote: no names, phone
numbers, e-mail addresses, postcodes, house addresses (other than the report's own location)
or citizen service numbers. Used by Open311's public `status_notes` and `description`."""

from __future__ import annotations

import re

import phonenumbers

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A title or salutation and the name after it: "mevr. P. de Vries", "dhr Jansen", "de heer A. van
# den Berg", "mw. Yılmaz".
NAME = re.compile(
    r"\b(?:mevr|mevrouw|mw|dhr|de\s+heer|heer|meneer|mr|mej|fam|familie)\b\.?\s+"
    r"(?:[A-ZÀ-Ý]\.\s*)*"
    r"(?:(?:van|de|der|den|het|ter|te|ten|in\s+'t|v\.d\.|v\.)\s+)*"
    r"[A-ZÀ-Ý][\w'’-]+",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
SUFFIXES = (
    "straat|laan|weg|plein|dreef|singel|kade|gracht|steeg|pad|hof|dijk|markt|park|erf|veld|wal|"
    "baan|ring|plantsoen|boulevard|allee|hoek"
)
# "Kerkstraat 5", "Burgemeester Visserlaan 12a", "Markt 1", "Oude Gracht 3-5".
STREET = re.compile(
    rf"\b(?:[A-ZÀ-Ý][a-zà-ÿ'’-]+\s)?"
    rf"(?:[A-ZÀ-Ý][a-zà-ÿ'’-]*(?:{SUFFIXES})|(?:{SUFFIXES.title()}))"
    r"\s+\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:[-/]\d+)?\b"
)
BSN_LIKE = re.compile(r"\b\d{9}\b")


def _phones(text: str) -> str:
    spans = [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(
            text, "NL", leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    for start, end in reversed(spans):
        text = text[:start] + "[telefoonnummer]" + text[end:]
    return text


def _same_place(found: str, locatie: str) -> bool:
    normal = re.sub(r"\s+", " ", found).strip().lower()
    return bool(locatie) and normal in re.sub(r"\s+", " ", locatie).lower()


def openbaar_maken(tekst: str, *, locatie: str = "") -> str:
    """The text with personal details replaced by a neutral word in brackets. `locatie` is the
    report's own (public) location, which may stay."""
    if not tekst:
        return ""
    tekst = EMAIL.sub("[e-mailadres]", tekst)
    tekst = BSN_LIKE.sub("[nummer]", tekst)
    tekst = _phones(tekst)
    tekst = re.sub(
        r"\b(?:tel|telefoon|tel\.nr|mobiel)\.?:?\s*\[telefoonnummer\]",
        "[telefoonnummer]",
        tekst,
        flags=re.IGNORECASE,
    )
    tekst = NAME.sub("[naam]", tekst)
    tekst = STREET.sub(
        lambda m: m.group(0) if _same_place(m.group(0), locatie) else "[adres]", tekst
    )
    return POSTCODE.sub("[postcode]", tekst)
