"""Issue 12 item 5: provisional years know the statutory holidays of the 办法 in force."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.lib.statutory_holidays import statutory_holidays, weekday_holidays
from xxgk.lib.workdays import WorkCalendar, chinese_calendar_override_rows


def test_it_computes_the_13_days_of_the_2024_revision_for_2027() -> None:
    assert statutory_holidays(2027) == {
        date(2027, 1, 1): "元旦",
        date(2027, 2, 5): "春节",  # 除夕 (fixed as a holiday from 2025)
        date(2027, 2, 6): "春节",  # 正月初一
        date(2027, 2, 7): "春节",
        date(2027, 2, 8): "春节",
        date(2027, 4, 5): "清明节",  # solar term
        date(2027, 5, 1): "劳动节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午节",  # 五月初五
        date(2027, 9, 15): "中秋节",  # 八月十五
        date(2027, 10, 1): "国庆节",
        date(2027, 10, 2): "国庆节",
        date(2027, 10, 3): "国庆节",
    }


@pytest.mark.parametrize(("year", "days"), [(2013, 11), (2019, 11), (2024, 11), (2025, 13)])
def test_it_follows_the_version_of_the_measures_in_force(year: int, days: int) -> None:
    assert len(statutory_holidays(year)) == days


def test_it_agrees_with_every_official_arrangement_2008_to_2026() -> None:
    # Every computed weekday holiday is an official rest day in each year of the State
    # Council's notices (the notices add 调休 on top, never remove a statutory holiday).
    for year in range(2008, 2027):
        official_rest = {r.date for r in chinese_calendar_override_rows(year) if not r.is_workday}
        assert set(weekday_holidays(year)) <= official_rest, year


def test_it_refuses_a_year_outside_the_tables() -> None:
    with pytest.raises(ValueError, match="只能推算 2008–2099 年的法定节假日，没有 2100 年。"):
        statutory_holidays(2100)


def test_it_rests_on_computed_holidays_only_in_years_without_data() -> None:
    cal = WorkCalendar({}, frozenset({2027}))
    assert cal.is_workday(date(2027, 2, 5)) is True  # covered year without that override
    assert cal.provisional_holiday(date(2027, 2, 5)) is None
    cal = WorkCalendar({}, frozenset())
    assert cal.is_workday(date(2027, 2, 5)) is False
    assert cal.provisional_holiday(date(2027, 2, 5)) == "春节"
    assert cal.provisional_holidays_in(date(2027, 2, 1), date(2027, 2, 28)) == [
        (date(2027, 2, 5), "春节"),
        (date(2027, 2, 8), "春节"),
    ]
