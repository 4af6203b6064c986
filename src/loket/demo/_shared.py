"""Constants and helpers the demo builder's parts share."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, CharField, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, ExtractYear, LPad

AMS = ZoneInfo("Europe/Amsterdam")
BATCH = 2000


def _number_from_pk(
    queryset: QuerySet[Any], field: str, prefix: str, date_field: str, digits: int
) -> None:
    """Number bulk-inserted rows as the services do: "<prefix>-<year>-<pk, zero-padded>".

    One UPDATE on SQLite and PostgreSQL. LPad truncates longer values, so wider numbers are
    written unpadded, as Python's format does.
    """
    padded = LPad(Cast("pk", CharField()), digits, Value("0"))
    number = Case(When(pk__gte=10**digits, then=Cast("pk", CharField())), default=padded)
    queryset.update(
        **{
            field: Concat(
                Value(f"{prefix}-"),
                Cast(ExtractYear(date_field), CharField()),
                Value("-"),
                number,
                output_field=CharField(),
            )
        }
    )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
