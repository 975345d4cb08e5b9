"""Working-day calendar built from data (no database)."""

from __future__ import annotations

from datetime import date

import chinese_calendar as cc
import pytest

from xxgk.lib.workdays import (
    KIND_HOLIDAY,
    KIND_IN_LIEU_REST,
    KIND_MAKEUP_WORKDAY,
    WorkCalendar,
    chinese_calendar,
    chinese_calendar_override_rows,
    chinese_calendar_overrides,
)

CAL = chinese_calendar()


def test_it_counts_saturday_makeup_workdays_and_skips_weekday_holidays() -> None:
    # 2019 国庆: 10月1日至7日放假调休; 9月29日（周日）、10月12日（周六）上班.
    assert CAL.is_workday(date(2019, 9, 29)) is True
    assert CAL.is_workday(date(2019, 10, 12)) is True
    assert CAL.is_workday(date(2019, 10, 1)) is False
    assert CAL.is_workday(date(2019, 10, 7)) is False  # a Monday inside the break
    assert CAL.is_workday(date(2019, 10, 13)) is False  # plain Sunday
    assert CAL.is_workday(date(2019, 10, 8)) is True


def test_it_agrees_with_the_package_on_every_day_of_covered_years() -> None:
    for year in (2019, 2025, 2026):
        day = date(year, 1, 1)
        while day.year == year:
            assert CAL.is_workday(day) == cc.is_workday(day), day
            day = date.fromordinal(day.toordinal() + 1)


def test_it_does_not_count_the_start_day() -> None:
    # 2019-10-08 (Tue) → the 1st working day after it is Wed 10-09.
    assert CAL.add_workdays(date(2019, 10, 8), 1) == (date(2019, 10, 9), frozenset())
    assert CAL.add_workdays(date(2019, 10, 8), 0).date == date(2019, 10, 8)


def test_it_counts_across_spring_festival_2025() -> None:
    # 2025 春节: 1月28日至2月4日放假调休; 1月26日（周日）、2月8日（周六）上班.
    # From Fri 2025-01-24: 1-26 (1), 1-27 (2), break, 2-5 (3), 2-6 (4), 2-7 (5), Sat 2-8 (6),
    # 2-10 (7).
    result = CAL.add_workdays(date(2025, 1, 24), 7)
    assert result.date == date(2025, 2, 10)
    assert result.provisional is False


def test_it_marks_years_without_data_as_provisional() -> None:
    cal = WorkCalendar({}, frozenset({2026}))
    # From Thu 2026-12-31: Fri 2027-01-01 is 元旦 (statutory, computed), so Mon 1-4 is next.
    result = cal.add_workdays(date(2026, 12, 31), 1)
    assert result.date == date(2027, 1, 4)
    assert result.provisional_years == frozenset({2027})
    bare = WorkCalendar({}, frozenset({2026}), statutory_fallback=False)
    assert bare.add_workdays(date(2026, 12, 31), 1).date == date(2027, 1, 1)


def test_it_counts_workdays_between_excluding_the_first_and_including_the_last() -> None:
    assert CAL.workdays_between(date(2019, 9, 27), date(2019, 10, 8)) == 3  # 9-29, 9-30, 10-8
    assert CAL.workdays_between(date(2019, 10, 8), date(2019, 10, 8)) == 0
    assert CAL.workdays_in(date(2019, 9, 28), date(2019, 9, 30)) == [
        date(2019, 9, 29),
        date(2019, 9, 30),
    ]
    start = date(2019, 9, 20)
    assert CAL.workdays_between(start, CAL.add_workdays(start, 20).date) == 20


def test_it_refuses_negative_counts_and_overrides_outside_covered_years() -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        CAL.add_workdays(date(2019, 1, 1), -1)
    with pytest.raises(ValueError, match="2027年有调休数据"):
        WorkCalendar({date(2027, 1, 1): False}, frozenset({2026}))


def test_it_reads_only_the_overrides_from_the_package() -> None:
    overrides = chinese_calendar_overrides(2019)
    assert overrides[date(2019, 9, 29)] is True
    assert overrides[date(2019, 10, 1)] is False
    assert date(2019, 10, 5) not in overrides  # a Saturday holiday is a rest day anyway
    rows = {row.date: row for row in chinese_calendar_override_rows(2025)}
    assert rows[date(2025, 1, 28)].kind == KIND_HOLIDAY
    assert rows[date(2025, 1, 28)].note == "春节"
    assert rows[date(2025, 2, 3)].kind == KIND_IN_LIEU_REST
    assert rows[date(2025, 2, 8)].kind == KIND_MAKEUP_WORKDAY
    # 国办发明电〔2024〕12号 for 2025, weekday rest days: 元旦 1-1; 春节 1-28…1-31, 2-3, 2-4;
    # 清明 4-4; 劳动节 5-1, 5-2, 5-5; 端午 6-2; 国庆·中秋 10-1, 10-2, 10-3, 10-6, 10-7, 10-8
    # = 18; weekend workdays 1-26, 2-8, 4-27, 9-28, 10-11 = 5.
    assert sum(1 for row in rows.values() if not row.is_workday) == 18
    assert sorted(d for d, row in rows.items() if row.is_workday) == [
        date(2025, 1, 26),
        date(2025, 2, 8),
        date(2025, 4, 27),
        date(2025, 9, 28),
        date(2025, 10, 11),
    ]


def test_it_refuses_years_the_package_does_not_cover() -> None:
    with pytest.raises(ValueError, match="没有 2027 年"):
        chinese_calendar_overrides(2027)
