"""The statutory holidays of 《全国年节及纪念日放假办法》 for a year, computed (pure Python).

Used for the years whose official arrangement (国务院办公厅《关于XXXX年部分节假日安排的通知》)
is not loaded yet: the holidays themselves are fixed by the 办法 in force and can be computed —
the lunar ones (春节, 除夕, 端午, 中秋) and the solar term 清明 with the maintained
`lunar-python` library — only the 调休 swaps (weekend working days, bridge days, the 补假 of a
holiday that falls on a weekend) are set each year by the notice and stay unknown. Such a year is
*provisional* (暂定) with the reason `PROVISIONAL_REASON`.

Versions of the 办法 (article 2, 全体公民放假的节日):
* 2008 revision (国务院令第513号, from 2008): 元旦 1; 春节 3 (除夕、正月初一、初二); 清明 1;
  劳动节 1; 端午 1; 中秋 1; 国庆 3 — 11 days.
* 2013 revision (国务院令第644号, from 2014): 春节 3 becomes 正月初一至初三 — 11 days.
* 2024 revision (国务院令第795号, from 2025): 春节 4 (除夕、正月初一至初三); 劳动节 2 (5月1日、2日)
  — 13 days. [V] domain.md §7.

A 补假 for a holiday on a weekend (Art. 6) is placed by the notice, so it is not guessed: a
provisional due date is never later than the official one will be for that reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

PROVISIONAL_REASON = "调休安排未公布"

FIRST_SUPPORTED_YEAR = 2008
LAST_SUPPORTED_YEAR = 2099  # the range of the lunar tables


def _lunar(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar  # imported lazily: only provisional years need it

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    from lunar_python import Lunar

    # The 节气 table of a lunar year spans its solar year; 清明 is in the third lunar month's
    # neighbourhood, so read it from a date of that solar year.
    term = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[date, str]:
    """Return {date: 节日名} of the statutory holidays of `year` under the 办法 in force.

    Raises ValueError for a year outside 2008–2099.
    """
    if not FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
        raise ValueError(
            f"只能推算 {FIRST_SUPPORTED_YEAR}–{LAST_SUPPORTED_YEAR} 年的法定节假日，没有 {year} 年。"
        )
    days: dict[date, str] = {date(year, 1, 1): "元旦"}
    new_year = _lunar(year, 1, 1)  # 正月初一
    if year >= 2025:
        spring = [new_year - timedelta(days=1)] + [new_year + timedelta(days=i) for i in range(3)]
    elif year >= 2014:
        spring = [new_year + timedelta(days=i) for i in range(3)]
    else:
        spring = [new_year - timedelta(days=1)] + [new_year + timedelta(days=i) for i in range(2)]
    # 除夕 of the lunar year that begins in this solar year; it is always in this solar year
    # (正月初一 falls between 21 January and 20 February).
    days.update(dict.fromkeys(spring, "春节"))
    days[_qingming(year)] = "清明节"
    days[date(year, 5, 1)] = "劳动节"
    if year >= 2025:
        days[date(year, 5, 2)] = "劳动节"
    days[_lunar(year, 5, 5)] = "端午节"
    days[_lunar(year, 8, 15)] = "中秋节"
    days.update(dict.fromkeys((date(year, 10, d) for d in (1, 2, 3)), "国庆节"))
    return days


def weekday_holidays(year: int) -> dict[date, str]:
    """The statutory holidays of `year` that fall on Monday–Friday (the ones that change a count)."""
    return {d: name for d, name in statutory_holidays(year).items() if d.weekday() < 5}
