"""The migration seeds the official calendars 2004–2026."""

from __future__ import annotations

from datetime import date

import chinese_calendar as cc
import pytest

from xxgk.lib.workdays import iter_days
from xxgk.workcalendar.models import CalendarDay, CalendarYear
from xxgk.workcalendar.services import db_calendar

pytestmark = pytest.mark.django_db


def test_it_seeds_every_year_from_2004_to_2026() -> None:
    assert list(CalendarYear.objects.values_list("year", flat=True)) == list(range(2004, 2027))


def test_it_stores_2019_national_day_as_overrides() -> None:
    assert CalendarDay.objects.get(date=date(2019, 10, 1)).is_workday is False
    makeup = CalendarDay.objects.get(date=date(2019, 9, 29))
    assert (makeup.is_workday, makeup.kind, makeup.note) == (True, "makeup_workday", "国庆节")
    # Saturday 2019-10-05 is a holiday but a rest day anyway: not stored.
    assert not CalendarDay.objects.filter(date=date(2019, 10, 5)).exists()


def test_it_stores_2026() -> None:
    # 2026: 国庆 10-1…10-7, Sun 9-20 and Sat 10-10 上班; 中秋 Fri 9-25.
    days = {d.date: d.is_workday for d in CalendarDay.objects.filter(date__year=2026)}
    assert days[date(2026, 9, 20)] is True
    assert days[date(2026, 10, 10)] is True
    assert days[date(2026, 9, 25)] is False
    assert days[date(2026, 10, 7)] is False


def test_it_builds_a_calendar_that_agrees_with_the_package() -> None:
    calendar = db_calendar()
    for day in iter_days(date(2025, 1, 1), date(2026, 12, 31)):
        assert calendar.is_workday(day) == cc.is_workday(day), day
    assert calendar.is_covered(2027) is False
