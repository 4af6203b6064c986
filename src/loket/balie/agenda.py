"""An appointment as an iCalendar file (RFC 5545), for the citizen's own agenda.

Written with the standard library: one VEVENT with local times in Europe/Amsterdam and the
VTIMEZONE that defines them (CET/CEST, the EU rule since 1996), lines folded at 75 octets
and ended with CRLF, text escaped as section 3.3.11 asks.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from loket.balie.models import Afspraak, AfspraakStatus

TZID = "Europe/Amsterdam"
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def _tekst(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _vouw(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _lokaal(moment: dt.datetime) -> str:
    return moment.astimezone(ZoneInfo(TZID)).strftime("%Y%m%dT%H%M%S")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def afspraak_ics(
    afspraak: Afspraak, *, url: str, meenemen: list[str], gemeente: str, domein: str
) -> str:
    """The appointment as a VCALENDAR with one VEVENT; a cancelled one says STATUS:CANCELLED,
    a rescheduled one has a higher SEQUENCE, so the agenda updates the event it imported."""
    beschrijving = [f"Uw afspraak bij de gemeente {gemeente}: {afspraak.product.naam}."]
    if meenemen:
        beschrijving.append("Neem mee:")
        beschrijving += [f"- {regel}" for regel in meenemen]
    beschrijving.append(f"Verzetten of afzeggen: {url}")
    locatie = afspraak.locatie.naam + (
        f", {afspraak.locatie.adres}" if afspraak.locatie.adres else ""
    )
    sequence = max(0, int((afspraak.updated_at - afspraak.created_at).total_seconds()))
    geannuleerd = afspraak.status == AfspraakStatus.GEANNULEERD
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Gemeente {_tekst(gemeente)}//Loket//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:afspraak-{afspraak.uuid}@{domein}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART;TZID={TZID}:{_lokaal(afspraak.start)}",
        f"DTEND;TZID={TZID}:{_lokaal(afspraak.eind)}",
        f"SEQUENCE:{sequence}",
        f"STATUS:{'CANCELLED' if geannuleerd else 'CONFIRMED'}",
        f"SUMMARY:{_tekst(f'Afspraak gemeente: {afspraak.product.naam}')}",
        f"LOCATION:{_tekst(locatie)}",
        f"DESCRIPTION:{_tekst(chr(10).join(beschrijving))}",
        f"URL:{url}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_vouw(regel) + "\r\n" for regel in regels)
