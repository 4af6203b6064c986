"""Field types of the e-forms and their validation, shared by the pages, the API and the services.

A field is a dict in `Formulier.stappen[i]["velden"]`:

    {"naam": "postcode", "type": "postcode", "label": "Postcode", "hulptekst": "...",
     "verplicht": true, "prefill": "brp.postcode", "als": {"veld": "reden", "is": "kwijt"},
     "keuzes": [["kwijt", "Kwijt"], ...], "bron": "huishouden", "max_mb": 5,
     "bestandstypen": ["pdf", "jpg", "png"], "max_lengte": 200}

`validate_value` returns the cleaned, JSON-serialisable value or raises DomainError at the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from stdnum import iban as stdnum_iban

from loket.core.errors import DomainError
from loket.parties.validators import (
    normalise_email,
    normalise_phone,
    validate_bsn,
    validate_postcode,
)

FIELD_TYPES = {
    "tekst": "Tekst (één regel)",
    "tekstvak": "Tekst (meerdere regels)",
    "postcode": "Postcode",
    "huisnummer": "Huisnummer",
    "huisletter": "Huisletter",
    "toevoeging": "Huisnummertoevoeging",
    "bsn": "BSN",
    "iban": "IBAN",
    "datum": "Datum",
    "email": "E-mailadres",
    "telefoon": "Telefoonnummer",
    "kenteken": "Kenteken",
    "keuze": "Keuze (één)",
    "meerkeuze": "Keuze (meer)",
    "selectievakje": "Selectievakje",
    "bestand": "Bijlage",
}

# Magic bytes of the file types a form may accept, so a renamed .exe is not a "pdf".
FILE_SIGNATURES: dict[str, tuple[tuple[bytes, ...], str]] = {
    "pdf": ((b"%PDF-",), "application/pdf"),
    "png": ((b"\x89PNG\r\n\x1a\n",), "image/png"),
    "jpg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "jpeg": ((b"\xff\xd8\xff",), "image/jpeg"),
}
DEFAULT_MAX_MB = 5
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_KENTEKEN = re.compile(r"^[A-Z0-9]{6}$")


def label_of(field: Mapping[str, Any]) -> str:
    return field.get("label") or field["naam"]


def is_required(field: Mapping[str, Any]) -> bool:
    return bool(field.get("verplicht", True))


def is_visible(field: Mapping[str, Any], data: Mapping[str, Any]) -> bool:
    """A conditional field counts only when its condition holds ({"veld": x, "is": value})."""
    cond = field.get("als")
    if not cond:
        return True
    value = data.get(cond["veld"])
    wanted = cond.get("is")
    if isinstance(value, list):
        return wanted in value
    if isinstance(wanted, bool):
        return bool(value) is wanted
    return value == wanted


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _required(field: Mapping[str, Any]) -> DomainError:
    label = label_of(field)
    soort = field.get("type")
    if soort in ("keuze", "meerkeuze"):
        message = f"{label}: maak een keuze."
    elif soort == "selectievakje":
        message = f"{label}: vink dit aan om verder te gaan."
    elif soort == "bestand":
        message = f"{label}: voeg een bestand toe."
    else:
        message = f"{label}: vul dit veld in."
    return DomainError(message, field=field["naam"], code="required")


def _relabel(exc: DomainError, field: Mapping[str, Any]) -> DomainError:
    """A validator's message with this form's label and field name."""
    message = exc.message
    if ": " in message:
        message = f"{label_of(field)}: {message.split(': ', 1)[1]}"
    return DomainError(message, field=field["naam"], code=exc.code)


def choice_values(field: Mapping[str, Any], choices: list[tuple[str, str]] | None = None) -> set:
    return {
        str(value) for value, _ in (choices if choices is not None else field.get("keuzes", []))
    }


def validate_value(
    field: Mapping[str, Any], raw: Any, *, choices: list[tuple[str, str]] | None = None
) -> Any:
    """Clean one value. `choices` overrides the field's own keuzes (e.g. the household)."""
    naam = field["naam"]
    soort = field.get("type", "tekst")
    label = label_of(field)
    if soort == "meerkeuze":
        values = [str(v) for v in (raw or []) if str(v).strip()]
        if not values:
            if is_required(field):
                raise _required(field)
            return []
        allowed = choice_values(field, choices)
        if any(v not in allowed for v in values):
            raise DomainError(f"{label}: kies uit de opties die worden getoond.", field=naam)
        return list(dict.fromkeys(values))
    if soort == "selectievakje":
        checked = raw in (True, "on", "true", "1", "ja")
        if not checked and is_required(field):
            raise _required(field)
        return checked
    text = "" if raw is None else str(raw).strip()
    if not text:
        if is_required(field):
            raise _required(field)
        return ""
    max_lengte = field.get("max_lengte") or (200 if soort == "tekst" else 4000)
    if len(text) > max_lengte:
        raise DomainError(f"{label}: gebruik hoogstens {max_lengte} tekens.", field=naam)
    try:
        if soort in ("tekst", "tekstvak"):
            return text
        if soort == "postcode":
            return validate_postcode(text, field=naam)
        if soort == "huisnummer":
            if not text.isdigit() or not 1 <= int(text) <= 99999:
                raise DomainError(
                    f"{label}: '{text[:10]}' is geen huisnummer; vul alleen cijfers in "
                    "(een letter of toevoeging vult u apart in).",
                    field=naam,
                )
            return int(text)
        if soort == "huisletter":
            if len(text) != 1 or not text.isalpha():
                raise DomainError(f"{label}: een huisletter is één letter.", field=naam)
            return text.upper()
        if soort == "toevoeging":
            if len(text) > 4 or not text.isalnum():
                raise DomainError(
                    f"{label}: een toevoeging is hoogstens 4 letters of cijfers.", field=naam
                )
            return text.upper()
        if soort == "bsn":
            return validate_bsn(text, field=naam)
        if soort == "iban":
            compact = stdnum_iban.compact(text)
            if not stdnum_iban.is_valid(compact):
                raise DomainError(
                    f"{label}: '{text[:40]}' is geen geldig IBAN-rekeningnummer "
                    "(bijvoorbeeld NL91 ABNA 0417 1643 00).",
                    field=naam,
                )
            return compact
        if soort == "datum":
            day = parse_date(text)
            if day is None:
                raise DomainError(
                    f"{label}: '{text[:20]}' is geen datum; gebruik dag-maand-jaar, "
                    "bijvoorbeeld 01-03-2026.",
                    field=naam,
                )
            return day.isoformat()
        if soort == "email":
            return normalise_email(text, field=naam)
        if soort == "telefoon":
            return normalise_phone(text, field=naam)
        if soort == "kenteken":
            compact = re.sub(r"[\s-]", "", text).upper()
            if not _KENTEKEN.match(compact):
                raise DomainError(
                    f"{label}: '{text[:12]}' is geen Nederlands kenteken (bijvoorbeeld 12-ABC-3).",
                    field=naam,
                )
            return compact
        if soort == "keuze":
            if text not in choice_values(field, choices):
                raise DomainError(f"{label}: kies een van de opties.", field=naam)
            return text
    except DomainError as exc:
        if exc.field == naam and exc.message.startswith(label):
            raise
        raise _relabel(exc, field) from None
    raise DomainError(f"{label}: onbekend veldtype '{soort}'.", field=naam)


def check_file(field: Mapping[str, Any], *, name: str, size: int, head: bytes) -> str:
    """Check an upload's type (by extension and content) and size; returns its content type."""
    label = label_of(field)
    allowed = [t.lower() for t in field.get("bestandstypen") or ["pdf", "jpg", "png"]]
    max_mb = field.get("max_mb") or DEFAULT_MAX_MB
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    shown = ", ".join(t.upper() for t in allowed)
    if extension not in allowed or extension not in FILE_SIGNATURES:
        raise DomainError(
            f"{label}: '{name[:60]}' heeft een bestandstype dat niet is toegestaan. "
            f"Toegestaan: {shown}.",
            field=field["naam"],
        )
    signatures, content_type = FILE_SIGNATURES[extension]
    if not any(head.startswith(sig) for sig in signatures):
        raise DomainError(
            f"{label}: '{name[:60]}' is geen echt {extension.upper()}-bestand.",
            field=field["naam"],
        )
    if size > max_mb * 1024 * 1024:
        raise DomainError(
            f"{label}: het bestand is te groot ({size / 1024 / 1024:.1f} MB); "
            f"hoogstens {max_mb} MB.",
            field=field["naam"],
        )
    if size == 0:
        raise DomainError(f"{label}: het bestand is leeg.", field=field["naam"])
    return content_type


def check_definition(stappen: Any) -> None:
    """The rules of a form definition (used by the service and the admin)."""
    if not isinstance(stappen, list) or not stappen:
        raise DomainError("Een formulier heeft ten minste één stap.", field="stappen")
    names: set[str] = set()
    for number, stap in enumerate(stappen, start=1):
        if not isinstance(stap, dict) or not stap.get("titel"):
            raise DomainError(f"Stap {number} heeft geen titel.", field="stappen")
        for veld in stap.get("velden", []):
            naam = veld.get("naam") if isinstance(veld, dict) else None
            if not naam or not re.fullmatch(r"[a-z][a-z0-9_]*", naam):
                raise DomainError(
                    f"Stap {number}: elk veld heeft een naam van kleine letters, cijfers en _.",
                    field="stappen",
                )
            if naam in names:
                raise DomainError(f"Het veld '{naam}' komt twee keer voor.", field="stappen")
            names.add(naam)
            if veld.get("type", "tekst") not in FIELD_TYPES:
                raise DomainError(
                    f"Het veld '{naam}' heeft een onbekend type '{veld.get('type')}'.",
                    field="stappen",
                )
            if veld.get("type") in ("keuze", "meerkeuze") and not (
                veld.get("keuzes") or veld.get("bron")
            ):
                raise DomainError(f"Het keuzeveld '{naam}' heeft geen keuzes.", field="stappen")
            cond = veld.get("als")
            if cond and cond.get("veld") not in names:
                raise DomainError(
                    f"Het veld '{naam}' hangt af van '{cond.get('veld')}', dat eerder in het "
                    "formulier moet staan.",
                    field="stappen",
                )
