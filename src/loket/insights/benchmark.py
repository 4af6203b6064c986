"""Importing another municipality's benchmark export (format in docs/benchmark.md).

The whole file is validated before anything is stored; a file with an error stores nothing and
names the field in Dutch. One transaction.
"""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.db import transaction

from loket.core.errors import DomainError
from loket.insights.models import BenchmarkMaand
from loket.insights.selectors.benchmark import FORMAAT, KPIS, VERSIE

MAAND = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")
MAX_BYTES = 2_000_000


def _fail(message: str, field: str) -> DomainError:
    return DomainError(message, field="bestand", errors={"bestand": [f"{field}: {message}"]})


def _number(value, field: str, *, percentage: bool = False) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail("moet een getal zijn (of null).", field)
    if value < 0 or (percentage and value > 100):
        raise _fail(
            "moet tussen 0 en 100 liggen." if percentage else "mag niet negatief zijn.", field
        )


def _month_validate(m, i: int) -> str:
    where = f"maanden[{i}]"
    if not isinstance(m, dict):
        raise _fail("moet een object zijn.", where)
    maand = m.get("maand")
    if not isinstance(maand, str) or not MAAND.match(maand):
        raise _fail("ontbreekt of is geen maand in de vorm 2026-01.", f"{where}.maand")
    kpis = m.get("kpis")
    if not isinstance(kpis, dict):
        raise _fail("ontbreekt.", f"{where}.kpis")
    for code, _naam, _hoger in KPIS:
        k = kpis.get(code)
        if not isinstance(k, dict) or "waarde" not in k:
            raise _fail("ontbreekt.", f"{where}.kpis.{code}.waarde")
        _number(k["waarde"], f"{where}.kpis.{code}.waarde", percentage=True)
        for deel in ("teller", "noemer"):
            _number(k.get(deel), f"{where}.kpis.{code}.{deel}")
    kanalen = m.get("contacten_per_kanaal")
    if not isinstance(kanalen, dict):
        raise _fail("ontbreekt.", f"{where}.contacten_per_kanaal")
    for soort, n in kanalen.items():
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise _fail(
                "moet een geheel getal van 0 of meer zijn.", f"{where}.contacten_per_kanaal.{soort}"
            )
    if "vragen_per_1000" not in m:
        raise _fail("ontbreekt.", f"{where}.vragen_per_1000")
    _number(m["vragen_per_1000"], f"{where}.vragen_per_1000")
    redenen = m.get("contactredenen_per_1000", {})
    if not isinstance(redenen, dict):
        raise _fail("moet een object zijn.", f"{where}.contactredenen_per_1000")
    for naam, v in redenen.items():
        _number(v, f"{where}.contactredenen_per_1000.{naam}")
    return maand


def benchmark_validate(data: bytes | str) -> dict:
    """The parsed export, or DomainError naming the field (under the form field `bestand`)."""
    if len(data) > MAX_BYTES:
        raise _fail("is groter dan 2 MB.", "bestand")
    try:
        export = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise _fail(
            "is geen JSON; lees het JSON-bestand van de benchmarkexport in (niet de CSV).",
            "bestand",
        ) from None
    if not isinstance(export, dict) or export.get("formaat") != FORMAAT:
        raise _fail(f"moet '{FORMAAT}' zijn.", "formaat")
    if export.get("versie") != VERSIE:
        raise _fail(
            f"versie {export.get('versie')!r} wordt niet ondersteund (wel {VERSIE}).", "versie"
        )
    gemeente = export.get("gemeente")
    if not isinstance(gemeente, dict):
        raise _fail("ontbreekt.", "gemeente")
    naam = gemeente.get("naam")
    if not isinstance(naam, str) or not naam.strip() or len(naam) > 100:
        raise _fail("ontbreekt of is langer dan 100 tekens.", "gemeente.naam")
    inwoners = gemeente.get("inwoners")
    if not isinstance(inwoners, int) or isinstance(inwoners, bool) or inwoners <= 0:
        raise _fail("ontbreekt of is geen positief geheel getal.", "gemeente.inwoners")
    maanden = export.get("maanden")
    if not isinstance(maanden, list) or not maanden:
        raise _fail("ontbreekt of is leeg.", "maanden")
    seen: set[str] = set()
    for i, m in enumerate(maanden):
        maand = _month_validate(m, i)
        if maand in seen:
            raise _fail(f"{maand} staat twee keer in het bestand.", f"maanden[{i}].maand")
        seen.add(maand)
    return export


@transaction.atomic
def benchmark_import(*, data: bytes | str, bron: str = "", user=None) -> list[BenchmarkMaand]:
    """Store another municipality's export, every month or none. A municipality + month that is
    already imported is refused (delete it in the admin first to replace it)."""
    export = benchmark_validate(data)
    naam = export["gemeente"]["naam"].strip()
    if naam.casefold() == settings.LOKET_MUNICIPALITY.casefold():
        raise _fail(
            f"{naam} is onze eigen gemeente; haar cijfers rekent Loket zelf uit.", "gemeente.naam"
        )
    maanden = [m["maand"] for m in export["maanden"]]
    bestaand = sorted(
        BenchmarkMaand.objects.filter(gemeente=naam, maand__in=maanden).values_list(
            "maand", flat=True
        )
    )
    if bestaand:
        raise _fail(
            f"{naam} is voor {', '.join(bestaand)} al ingelezen; er is niets opgeslagen.",
            "maanden.maand",
        )
    rows = [
        BenchmarkMaand(
            gemeente=naam,
            maand=m["maand"],
            inwoners=export["gemeente"]["inwoners"],
            cijfers=m,
            bron=bron[:255],
            ingelezen_door=user,
        )
        for m in export["maanden"]
    ]
    return BenchmarkMaand.objects.bulk_create(rows)
