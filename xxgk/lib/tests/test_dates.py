from __future__ import annotations

from datetime import date

from xxgk.lib.dates import chinese_date
from xxgk.lib.workdays import format_date


def test_it_writes_dates_without_padding() -> None:
    assert chinese_date(date(2020, 1, 8)) == "2020年1月8日"
    assert chinese_date(date(2025, 12, 31)) == "2025年12月31日"
    assert format_date(date(2019, 10, 1)) == "2019年10月1日（星期二）"
