"""Working days and working hours: Dutch public holidays (the `holidays` package) and office hours.

Deadlines from norms ("binnen 5 werkdagen", "binnen 4 werkuren") are counted here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

from loket.core.errors import DomainError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _parse_office_hours(value: str) -> tuple[dt.time, dt.time]:
    try:
        start_text, end_text = value.split("-")
        start = dt.time.fromisoformat(start_text.strip())
        end = dt.time.fromisoformat(end_text.strip())
    except ValueError as exc:
        raise DomainError(
            f"Openingstijden '{value}' zijn ongeldig; gebruik de vorm 08:30-17:00.",
            field="openingstijden",
        ) from exc
    if end <= start:
        raise DomainError(
            "De eindtijd van de openingstijden moet na de begintijd liggen.",
            field="openingstijden",
        )
    return start, end


class WorkingCalendar:
    """Monday to Friday, minus Dutch public holidays and extra closing days, within office hours."""

    def __init__(
        self,
        *,
        office_hours: str = "08:30-17:00",
        extra_closed_days: frozenset[dt.date] = frozenset(),
    ) -> None:
        self.opens, self.closes = _parse_office_hours(office_hours)
        self.extra_closed_days = extra_closed_days
        self._holidays = holidays.country_holidays("NL", language="nl")

    # --- days -------------------------------------------------------------------------------
    def is_holiday(self, day: dt.date) -> bool:
        return day in self._holidays or day in self.extra_closed_days

    def holiday_name(self, day: dt.date) -> str | None:
        return self._holidays.get(day)

    # The calendar counts working days in this window; a date outside it is refused in Dutch
    # (9999-12-31 would overflow, 0001-01-01 would count for millennia).
    FIRST = dt.date(1900, 1, 1)
    LAST = dt.date(2199, 12, 31)

    def _check(self, *days: dt.date) -> None:
        for day in days:
            if not self.FIRST <= day <= self.LAST:
                raise DomainError(
                    f"De datum {day.isoformat()} ligt buiten de kalender "
                    f"({self.FIRST.year}–{self.LAST.year}).",
                    field="datum",
                )

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day on or after `day`."""
        self._check(day)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date `days` working days after `start` (the start day itself is not counted).

        `add_working_days(friday, 1)` is the next Monday (if not a holiday). Zero days gives the
        start date when it is a working day, else the next working day.
        """
        if days < 0:
            raise DomainError("Het aantal werkdagen kan niet negatief zijn.", field="werkdagen")
        self._check(start)
        if days > 366 * 20:
            raise DomainError("Het aantal werkdagen is te groot.", field="werkdagen")
        day = start
        if days == 0:
            return self.next_working_day(day)
        while days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: so that add_working_days(start, n) == end gives n."""
        if end < start:
            return -self.working_days_between(end, start)
        self._check(start, end)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # --- hours ------------------------------------------------------------------------------
    def _local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise DomainError(
                "Een tijdstip zonder tijdzone kan niet worden gebruikt.", field="tijdstip"
            )
        return moment.astimezone(AMSTERDAM)

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=AMSTERDAM)

    def is_open(self, moment: dt.datetime) -> bool:
        local = self._local(moment)
        return self.is_working_day(local.date()) and self.opens <= local.time() < self.closes

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """`moment` if the office is open then, else the next moment it opens."""
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            if local.time() < self.opens:
                return self._at(day, self.opens)
            if local.time() < self.closes:
                return local
        return self._at(self.next_working_day(day + dt.timedelta(days=1)), self.opens)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The moment `hours` office hours after `start`; time outside office hours is skipped."""
        if hours < 0:
            raise DomainError("Het aantal werkuren kan niet negatief zijn.", field="werkuren")
        remaining = dt.timedelta(hours=hours)
        current = self.next_opening(start)
        while True:
            closing = self._at(current.date(), self.closes)
            available = closing - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = self._at(
                self.next_working_day(current.date() + dt.timedelta(days=1)), self.opens
            )

    def working_hours_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Office hours elapsed between two moments (0 when end is before start)."""
        start, end = self._local(start), self._local(end)
        if end <= start:
            return 0.0
        total = dt.timedelta()
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                lo = max(start, self._at(day, self.opens))
                hi = min(end, self._at(day, self.closes))
                if hi > lo:
                    total += hi - lo
            day += dt.timedelta(days=1)
        return total.total_seconds() / 3600


@functools.cache
def _calendar_for(office_hours: str) -> WorkingCalendar:
    return WorkingCalendar(office_hours=office_hours)


def get_calendar() -> WorkingCalendar:
    """The municipality's calendar, with office hours from settings.LOKET_OFFICE_HOURS."""
    return _calendar_for(settings.LOKET_OFFICE_HOURS)
