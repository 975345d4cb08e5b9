"""The working-day (工作日) calendar as data.

The 条例 counts its periods in 工作日 (Art. 26, 30, 32, 33, 34) without defining the word;
the comparable statutes (行政许可法 Art. 82, 行政复议法 Art. 88) count working days
excluding statutory rest days. Which days are rest days is fixed each year by the
国务院办公厅 notice 《关于XXXX年部分节假日安排的通知》, including 调休: weekdays that become
rest days and weekend days that become working days. No fixed rule can express that, so the
calendar is built from explicit data: the overrides of one or more covered years.

Rule for a date in a covered year: Mon–Fri is a working day unless the data says it is a
rest day; Sat/Sun is a rest day unless the data says it is a 调休 working day. A date in a
year without data is counted Mon–Fri minus the statutory holidays of 《全国年节及纪念日放假办法》
in force that year, computed (xxgk/lib/statutory_holidays.py: lunar dates and 清明 from a
lunar-calendar library); only the 调休 swaps are unknown, so the year is reported as
*provisional* (暂定, reason 调休安排未公布) and the caller recomputes once that year's notice
has been loaded.

Pure Python: no Django. `chinese_calendar_overrides()` reads the `chinesecalendar` package
and is only used to seed the database; the running system reads the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from xxgk.lib.dates import chinese_date
from xxgk.lib.statutory_holidays import statutory_holidays

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# Kinds of override rows; the database model uses the same values for its TextChoices.
KIND_HOLIDAY = "holiday"  # 法定节假日 falling on a weekday
KIND_IN_LIEU_REST = "in_lieu_rest"  # 调休放假: a weekday off in exchange for a weekend workday
KIND_MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a Saturday/Sunday that is a working day
KIND_LABELS = {
    KIND_HOLIDAY: "法定节假日",
    KIND_IN_LIEU_REST: "调休放假",
    KIND_MAKEUP_WORKDAY: "调休上班",
}

# Holiday names of the chinesecalendar package (its Holiday enum values) in Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# The years the chinesecalendar package (1.11) covers; seeding is limited to these on purpose
# so that a migration gives the same rows whatever newer package version is installed.
PACKAGE_FIRST_YEAR = 2004
PACKAGE_LAST_YEAR = 2026


def weekday_name(d: date) -> str:
    """Return the Chinese weekday name of d (星期一 … 星期日)."""
    return WEEKDAY_NAMES[d.weekday()]


def format_date(d: date) -> str:
    """Return d as 2019年10月1日（星期二）, the form used in explanations and letters."""
    return f"{chinese_date(d)}（{weekday_name(d)}）"


def is_weekend(d: date) -> bool:
    return d.weekday() >= 5


class Counted(NamedTuple):
    """A date reached by counting working days, and the years counted without data."""

    date: date
    provisional_years: frozenset[int]

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


@dataclass(frozen=True)
class WorkCalendar:
    """A working-day calendar built from explicit override data.

    `overrides` maps a date to whether it is a working day, for the dates that differ from
    the Mon–Fri rule (weekday rest days, weekend 调休 workdays). `covered_years` are the
    years whose official arrangement is complete. `notes` optionally names the holiday of an
    override date (国庆节 …) for the explanations.
    """

    overrides: Mapping[date, bool] = field(default_factory=dict)
    covered_years: frozenset[int] = frozenset()
    notes: Mapping[date, str] = field(default_factory=dict)
    # Years without data still rest on the statutory holidays (computed); False = bare Mon–Fri.
    statutory_fallback: bool = True

    def __post_init__(self) -> None:
        stray = sorted({d.year for d in self.overrides} - set(self.covered_years))
        if stray:
            years = "、".join(f"{y}年" for y in stray)
            raise ValueError(f"日历数据有误：{years}有调休数据，但未标记为已导入的年份。")

    def is_covered(self, year: int) -> bool:
        """Return whether the official arrangement of this year is loaded."""
        return year in self.covered_years

    def provisional_holiday(self, d: date) -> str | None:
        """Return the statutory holiday d is in a year without data (e.g. 春节), else None."""
        if not self.statutory_fallback or d.year in self.covered_years:
            return None
        try:
            return statutory_holidays(d.year).get(d)
        except ValueError:  # outside the years the 办法 and the lunar tables cover
            return None

    def is_workday(self, d: date) -> bool:
        """Return whether d is a working day.

        Covered years: 调休 data included. Years without data: Mon–Fri except the statutory
        holidays (provisional)."""
        override = self.overrides.get(d)
        if override is not None:
            return override
        if is_weekend(d):
            return False
        return self.provisional_holiday(d) is None

    def provisional_holidays_in(self, first: date, last: date) -> list[tuple[date, str]]:
        """Return the weekday statutory holidays within [first, last] of years without data."""
        out: list[tuple[date, str]] = []
        for year in self.uncovered_years(first, last):
            if not self.statutory_fallback:
                break
            try:
                days = statutory_holidays(year)
            except ValueError:
                continue
            out.extend((d, n) for d, n in days.items() if first <= d <= last and not is_weekend(d))
        return sorted(out)

    def override(self, d: date) -> bool | None:
        """Return the override of d (True = 调休上班, False = rest day), or None."""
        return self.overrides.get(d)

    def add_workdays(self, start: date, n: int) -> Counted:
        """Return the n-th working day after start; start itself is not counted.

        民事诉讼法 Art. 85 (applied through 行政诉讼法 Art. 101 and 行政复议法 Art. 88): the
        day on which a period begins is not counted. n = 0 returns start. The provisional
        years are the years without data among the days examined (start excluded).
        """
        if n < 0:
            raise ValueError(f"工作日数不能为负数（收到 {n}）。")
        current = start
        remaining = n
        uncovered: set[int] = set()
        while remaining:
            current += timedelta(days=1)
            if current.year not in self.covered_years:
                uncovered.add(current.year)
            if self.is_workday(current):
                remaining -= 1
        return Counted(current, frozenset(uncovered))

    def workdays_in(self, first: date, last: date) -> list[date]:
        """Return the working days d with first <= d <= last (both ends inclusive)."""
        return [d for d in iter_days(first, last) if self.is_workday(d)]

    def workdays_between(self, a: date, b: date) -> int:
        """Return how many working days d satisfy a < d <= b (a excluded, b included).

        This is the number of working days that have run at the end of day b for a period
        that began on day a, so `workdays_between(s, add_workdays(s, n).date) == n`.
        """
        if b <= a:
            return 0
        return len(self.workdays_in(a + timedelta(days=1), b))

    def uncovered_years(self, first: date, last: date) -> frozenset[int]:
        """Return the years between first and last (inclusive) that have no data."""
        return frozenset(y for y in range(first.year, last.year + 1) if y not in self.covered_years)

    def overrides_in(self, first: date, last: date) -> list[tuple[date, bool]]:
        """Return the override dates within [first, last], in date order."""
        return sorted((d, w) for d, w in self.overrides.items() if first <= d <= last)


def iter_days(first: date, last: date) -> Iterator[date]:
    """Yield every date from first to last inclusive."""
    current = first
    while current <= last:
        yield current
        current += timedelta(days=1)


def build_calendar(
    rows: Iterable[tuple[date, bool, str]], covered_years: Iterable[int]
) -> WorkCalendar:
    """Build a WorkCalendar from (date, is_workday, note) rows and the covered years."""
    overrides: dict[date, bool] = {}
    notes: dict[date, str] = {}
    for d, is_workday, note in rows:
        overrides[d] = is_workday
        if note:
            notes[d] = note
    return WorkCalendar(overrides, frozenset(covered_years), notes)


@dataclass(frozen=True)
class OverrideRow:
    """One override of the official calendar: a weekday off or a weekend working day."""

    date: date
    is_workday: bool
    kind: str
    note: str = ""


def chinese_calendar_overrides(year: int) -> dict[date, bool]:
    """Return {date: is_workday} for the overrides of `year` in the chinesecalendar package."""
    return {row.date: row.is_workday for row in chinese_calendar_override_rows(year)}


def chinese_calendar_override_rows(year: int) -> list[OverrideRow]:
    """Return the overrides of `year` from the chinesecalendar package, in date order.

    Only dates that differ from the Mon–Fri rule are returned: weekday rest days (kind
    法定节假日, or 调休放假 when the package marks them as in lieu) and weekend 调休 working
    days. Weekend holidays are rest days anyway and are left out. Raises ValueError for a
    year the package does not cover.
    """
    if not PACKAGE_FIRST_YEAR <= year <= PACKAGE_LAST_YEAR:
        raise ValueError(
            f"chinesecalendar 只提供 {PACKAGE_FIRST_YEAR}–{PACKAGE_LAST_YEAR} 年的数据，"
            f"没有 {year} 年。"
        )
    from chinese_calendar import constants  # imported lazily: only seeding needs the package

    rows: list[OverrideRow] = []
    for d, name in constants.holidays.items():
        if d.year == year and not is_weekend(d):
            kind = KIND_IN_LIEU_REST if d in constants.in_lieu_days else KIND_HOLIDAY
            rows.append(OverrideRow(d, False, kind, HOLIDAY_NAMES_ZH.get(name, name)))
    for d, name in constants.workdays.items():
        if d.year == year and is_weekend(d):
            rows.append(OverrideRow(d, True, KIND_MAKEUP_WORKDAY, HOLIDAY_NAMES_ZH.get(name, name)))
    return sorted(rows, key=lambda row: row.date)


def chinese_calendar(
    first_year: int = PACKAGE_FIRST_YEAR, last_year: int = PACKAGE_LAST_YEAR
) -> WorkCalendar:
    """Return a WorkCalendar straight from the package (tests and seeding checks only)."""
    rows = [
        (row.date, row.is_workday, row.note)
        for year in range(first_year, last_year + 1)
        for row in chinese_calendar_override_rows(year)
    ]
    return build_calendar(rows, range(first_year, last_year + 1))
