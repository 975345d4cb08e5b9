"""Dates as Chinese official documents write them (pure)."""

from __future__ import annotations

from datetime import date


def chinese_date(d: date) -> str:
    """Return "2020年1月8日": GB/T 9704 §7.3.5.1 writes 成文日期 in Arabic numerals, no padding.

    Not strftime("%-m"): that flag does not exist on Windows, where agencies also run xxgk.
    """
    return f"{d.year}年{d.month}月{d.day}日"
