"""Anonymise the text of a reviewed contact before it becomes a training scenario (issue 20).

Two passes: first every identifying value Loket knows of the partij (names, BSN, KVK-nummer,
date of birth, phone numbers and e-mail addresses, the BRP address: street and number,
postcode), then patterns that catch what it does not know (another person's e-mail address,
phone number, a nine-digit number, a postcode, a street with a house number). Each is replaced
by a label in brackets, so the scenario still reads ("Mijn nummer is [telefoonnummer]")."""

from __future__ import annotations

import re

from loket.parties.models import Partij
from loket.registries.backends import get_brp

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# Dutch phone numbers, also international: 06-12345678, 0612345678, 020 123 4567, +31 6 1234 5678.
TELEFOON = re.compile(r"(?<![\d+])(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){8}\d(?!\d)")
POSTCODE = re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b")
STRAAT = re.compile(
    r"\b[A-Z][\w'-]*(straat|weg|laan|plein|singel|gracht|kade|dijk|steeg|hof|pad|dreef|park|"
    r"ring|markt|erf|veld|wal|baan)\s+\d+\s?[a-zA-Z]?\b",
)
CIJFERS = re.compile(r"(?<!\d)\d(?:\.?\d){7,8}(?!\d)")  # a BSN or KVK-nummer, also with dots


def _varianten_telefoon(nummer: str) -> list[str]:
    cijfers = re.sub(r"\D", "", nummer)
    uit = [nummer]
    if cijfers:
        uit.append(cijfers)
        if cijfers.startswith("31"):
            uit.append("0" + cijfers[2:])
    return uit


def partij_gegevens(partij: Partij | None) -> dict[str, list[str]]:
    """What identifies the partij, by label: the values to take out of a text."""
    gegevens: dict[str, list[str]] = {
        "naam": [],
        "BSN": [],
        "geboortedatum": [],
        "adres": [],
        "postcode": [],
        "telefoonnummer": [],
        "e-mailadres": [],
        "KVK-nummer": [],
    }
    if partij is None:
        return gegevens
    gegevens["naam"].append(partij.weergavenaam)
    persoon = getattr(partij, "persoon", None)
    if persoon is not None:
        achternaam = " ".join(
            p for p in [persoon.voorvoegsel_geslachtsnaam, persoon.geslachtsnaam] if p
        )
        gegevens["naam"] += [
            f"{persoon.voornamen} {achternaam}".strip(),
            achternaam,
            persoon.geslachtsnaam,
            *persoon.voornamen.split(),
        ]
        if persoon.bsn:
            gegevens["BSN"].append(persoon.bsn)
            adres = None
            brp = get_brp().persoon(persoon.bsn)
            if brp is not None and brp.adres is not None:
                adres = brp.adres
            if adres is not None:
                nummer = f"{adres.huisnummer}{adres.huisletter}"
                if adres.straatnaam:
                    gegevens["adres"] += [
                        f"{adres.straatnaam} {nummer}{'-' + adres.toevoeging if adres.toevoeging else ''}",
                        f"{adres.straatnaam} {nummer}",
                        adres.straatnaam,
                    ]
                if adres.postcode:
                    pc = adres.postcode.replace(" ", "")
                    gegevens["postcode"] += [pc, f"{pc[:4]} {pc[4:]}"]
        if persoon.geboortedatum:
            d = persoon.geboortedatum
            gegevens["geboortedatum"] += [
                f"{d:%d-%m-%Y}",
                f"{d.day}-{d.month}-{d.year}",
                f"{d:%Y-%m-%d}",
                f"{d:%d/%m/%Y}",
            ]
    organisatie = getattr(partij, "organisatie", None)
    if organisatie is not None:
        gegevens["naam"].append(organisatie.handelsnaam)
        if organisatie.kvk_nummer:
            gegevens["KVK-nummer"].append(organisatie.kvk_nummer)
    for digitaal in partij.digitale_adressen.values_list("adres", flat=True):
        if "@" in digitaal:
            gegevens["e-mailadres"].append(digitaal)
        else:
            gegevens["telefoonnummer"] += _varianten_telefoon(digitaal)
    return {
        label: [w for w in waarden if w and len(w.strip()) > 1]
        for label, waarden in gegevens.items()
    }


def tekst_anonymise(tekst: str, gegevens: dict[str, list[str]]) -> str:
    """The text without the partij's identifying values and without what looks like anyone's
    e-mail address, phone number, BSN, postcode or street address."""
    if not tekst:
        return ""
    # Longest values first, so "Jan Jansen" goes before "Jan".
    paren = sorted(
        ((w, label) for label, waarden in gegevens.items() for w in waarden),
        key=lambda p: -len(p[0]),
    )
    for waarde, label in paren:
        tekst = re.sub(
            rf"(?<!\w){re.escape(waarde.strip())}(?!\w)", f"[{label}]", tekst, flags=re.IGNORECASE
        )
    tekst = EMAIL.sub("[e-mailadres]", tekst)
    tekst = STRAAT.sub("[adres]", tekst)
    tekst = POSTCODE.sub("[postcode]", tekst)
    tekst = TELEFOON.sub("[telefoonnummer]", tekst)
    tekst = CIJFERS.sub("[nummer]", tekst)
    return tekst
