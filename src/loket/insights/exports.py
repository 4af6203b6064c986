"""CSV and XLSX of any table the insight pages show."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

# A text cell starting with one of these is read as a formula by Excel and LibreOffice (CSV
# injection, OWASP); such text gets a leading apostrophe so it shows as the text it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value):
    """Numbers and dates stay typed; everything else (lazy translations too) becomes text that
    cannot be taken for a formula."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    return _text(value)


def _filename(base: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", base.lower()).strip("-") or "tabel"


def csv_response(tabel, *, naam: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(naam)}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_text(k) for k in tabel.kolommen])
    for row in tabel.rijen:
        writer.writerow(
            [
                "" if v is None else str(v).replace(".", ",") if isinstance(v, float) else _cell(v)
                for v in row
            ]
        )
    return response


def xlsx_response(tabel, *, naam: str, toelichting: str = "") -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = (tabel.titel or "Tabel")[:31].replace("/", "-").replace(":", " ")
    ws.append([_text(tabel.titel)])
    ws["A1"].font = Font(bold=True)
    if toelichting:
        ws.append([_text(toelichting)])
    ws.append([])
    ws.append([_text(k) for k in tabel.kolommen])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in tabel.rijen:
        ws.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(naam)}.xlsx"'
    return response
