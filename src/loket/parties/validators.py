"""Validation and normalisation of Dutch identifiers and contact details.

Each function returns the normalised value or raises `DomainError` with a Dutch message that
names the field, so a form, the API and a service show the same text. The optional `field`
argument lets a caller name its own input (e.g. the API's `kvkNummer`).
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from stdnum.nl import bsn as stdnum_bsn

from loket.core.errors import DomainError

_SEPARATORS = re.compile(r"[\s.\-]")
_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_FORBIDDEN_POSTCODE_LETTERS = {"SA", "SD", "SS"}


def _shown(value: object) -> str:
    """The input as echoed in a message: trimmed and cut short."""
    text = "" if value is None else str(value).strip()
    return text if len(text) <= 30 else text[:30] + "…"


def _digits(value: object, *, length: int, label: str, field: str) -> str:
    text = _SEPARATORS.sub("", "" if value is None else str(value))
    if not text:
        raise DomainError(f"{label}: vul een {label} in.", field=field, code="required")
    if len(text) != length or not text.isascii() or not text.isdigit():
        raise DomainError(
            f"{label}: '{_shown(value)}' moet uit precies {length} cijfers bestaan.", field=field
        )
    return text


def _elfproef(number: str, *, shown: object, label: str, field: str) -> str:
    if int(number) == 0 or stdnum_bsn.checksum(number) != 0:
        raise DomainError(f"{label}: '{_shown(shown)}' voldoet niet aan de elfproef.", field=field)
    return number


def validate_bsn(value: str, *, field: str = "bsn") -> str:
    """Burgerservicenummer: 9 digits passing the 11-proef. Spaces and dots are ignored."""
    number = _digits(value, length=9, label="BSN", field=field)
    return _elfproef(number, shown=value, label="BSN", field=field)


def validate_rsin(value: str, *, field: str = "rsin") -> str:
    """RSIN: 9 digits with the same 11-proef as the BSN."""
    number = _digits(value, length=9, label="RSIN", field=field)
    return _elfproef(number, shown=value, label="RSIN", field=field)


def validate_kvk_nummer(value: str, *, field: str = "kvk_nummer") -> str:
    """KVK-nummer: exactly 8 digits (the KVK uses no check digit)."""
    return _digits(value, length=8, label="KVK-nummer", field=field)


def validate_vestigingsnummer(value: str, *, field: str = "vestigingsnummer") -> str:
    """Vestigingsnummer of the Handelsregister: exactly 12 digits."""
    return _digits(value, length=12, label="Vestigingsnummer", field=field)


def validate_postcode(value: str, *, field: str = "postcode") -> str:
    """Dutch postcode, normalised to "1234AB": 4 digits (first not 0) and 2 letters, not SA/SD/SS."""
    text = re.sub(r"\s", "", "" if value is None else str(value)).upper()
    if not text:
        raise DomainError("Postcode: vul een postcode in.", field=field, code="required")
    if not _POSTCODE.fullmatch(text) or not text.isascii():
        raise DomainError(
            f"Postcode: '{_shown(value)}' is geen geldige postcode (bijvoorbeeld 1234 AB).",
            field=field,
        )
    if text[4:] in _FORBIDDEN_POSTCODE_LETTERS:
        raise DomainError(
            f"Postcode: '{_shown(value)}' bestaat niet; de letters SA, SD en SS worden niet gebruikt.",
            field=field,
        )
    return text


def normalise_email(value: str, *, field: str = "email") -> str:
    """A valid e-mail address, trimmed, with the domain in lower case (the local part is kept)."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise DomainError("E-mailadres: vul een e-mailadres in.", field=field, code="required")
    try:
        validate_email(text)
    except ValidationError:
        raise DomainError(
            f"E-mailadres: '{_shown(value)}' is geen geldig e-mailadres.", field=field
        ) from None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalise_phone(value: str, *, field: str = "telefoonnummer") -> str:
    """A valid phone number in E.164 ("+31612345678"); numbers without country code are Dutch."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise DomainError(
            "Telefoonnummer: vul een telefoonnummer in.", field=field, code="required"
        )
    message = f"Telefoonnummer: '{_shown(value)}' is geen geldig telefoonnummer."
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        raise DomainError(message, field=field) from None
    if not phonenumbers.is_valid_number(number):
        raise DomainError(message, field=field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_PHONE_CHARS = re.compile(r"[+\d\s().\-/]+")


def is_possible_phone(value: str) -> bool:
    """Whether the text could be a phone number, also in a range not in use (yet): a Dutch
    number has nine digits after the 0 or +31, a foreign one must be valid for its country."""
    text = str(value or "").strip()
    if not _PHONE_CHARS.fullmatch(text):
        return False
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        return False
    if number.country_code == 31:
        return len(str(number.national_number)) == 9
    return phonenumbers.is_valid_number(number)


def adres_zoekwaarde(*, soort: str, adres: str) -> str:
    """The search key of a digital address: an e-mail address in lower case, a phone number in
    E.164 ("06-12345678", "+31 6 1234 5678" and "0031 6 12345678" all give "+31612345678"),
    anything else trimmed and in lower case. Never raises: an address stored before the
    validation rules (or by the admin) still gets a key, its digits for a phone number that
    does not parse."""
    text = ("" if adres is None else str(adres)).strip()
    if soort == "telefoonnummer":
        try:
            number = phonenumbers.parse(text, "NL")
        except phonenumbers.NumberParseException:
            return re.sub(r"\D", "", text)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return text.lower()
