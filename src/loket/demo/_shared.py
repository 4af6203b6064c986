"""Constants and helpers the demo builder's parts share."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMS = ZoneInfo("Europe/Amsterdam")
BATCH = 2000


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
