import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.core.calendar import WorkingCalendar
from loket.core.errors import DomainError

AMS = ZoneInfo("Europe/Amsterdam")
cal = WorkingCalendar(office_hours="08:30-17:00")
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


def test_kings_day_and_christmas_are_not_working_days():
    assert not cal.is_working_day(dt.date(2026, 4, 27))  # Koningsdag, a Monday
    assert not cal.is_working_day(dt.date(2026, 12, 25))
    assert not cal.is_working_day(dt.date(2026, 12, 26))
    assert cal.is_working_day(dt.date(2026, 12, 24))


def test_adding_one_working_day_to_friday_before_easter_gives_tuesday():
    # Good Friday 2026 is 3 April, Easter Monday 6 April: both off.
    assert cal.add_working_days(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)


def test_five_working_days_over_christmas():
    # 24 Dec, (25, 26 off), 28, 29, 30, 31 Dec; 1 Jan is off too.
    assert cal.add_working_days(dt.date(2026, 12, 23), 5) == dt.date(2026, 12, 31)
    assert cal.add_working_days(dt.date(2026, 12, 23), 6) == dt.date(2027, 1, 4)


def test_negative_days_are_refused_with_a_dutch_message():
    with pytest.raises(DomainError, match="negatief"):
        cal.add_working_days(dt.date(2026, 1, 5), -1)


@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_add_working_days_lands_on_a_working_day_and_counts_back(start, n):
    end = cal.add_working_days(start, n)
    assert cal.is_working_day(end)
    assert end > start
    assert cal.working_days_between(start, end) == n


@given(start=dates, a=st.integers(0, 30), b=st.integers(0, 30))
def test_adding_working_days_is_additive(start, a, b):
    first = cal.add_working_days(start, a)
    assert cal.add_working_days(first, b) == cal.add_working_days(start, a + b) or a == 0


def test_working_hours_skip_the_night_and_the_weekend():
    friday_afternoon = dt.datetime(2026, 11, 20, 16, 0, tzinfo=AMS)
    # 1 hour left on Friday, 3 more from Monday 08:30.
    assert cal.add_working_hours(friday_afternoon, 4) == dt.datetime(
        2026, 11, 23, 11, 30, tzinfo=AMS
    )


def test_working_hours_start_at_opening_when_given_before_office_hours():
    early = dt.datetime(2026, 11, 24, 6, 0, tzinfo=AMS)
    assert cal.add_working_hours(early, 2) == dt.datetime(2026, 11, 24, 10, 30, tzinfo=AMS)


@given(
    start=st.datetimes(
        min_value=dt.datetime(2024, 1, 1),
        max_value=dt.datetime(2030, 12, 31),
        timezones=st.just(AMS),
    ),
    hours=st.floats(min_value=0, max_value=200, allow_nan=False),
)
def test_add_working_hours_round_trips(start, hours):
    end = cal.add_working_hours(start, hours)
    assert end >= start
    assert cal.working_hours_between(start, end) == pytest.approx(hours, abs=1e-6)
    if hours > 0:
        assert cal.is_open(end) or end.astimezone(AMS).time() == cal.closes


def test_office_hours_must_be_well_formed():
    with pytest.raises(DomainError) as excinfo:
        WorkingCalendar(office_hours="17:00-08:00")
    assert excinfo.value.field == "openingstijden"


def test_naive_datetimes_are_refused():
    with pytest.raises(DomainError):
        cal.add_working_hours(dt.datetime(2026, 1, 5, 9, 0), 1)
