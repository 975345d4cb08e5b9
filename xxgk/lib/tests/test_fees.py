"""国办函〔2020〕109号 fee scales (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xxgk.lib.fees import (
    PER_PAGE_SCALE,
    Band,
    FeeScale,
    explain,
    format_yuan,
    per_page_fee,
    per_request_fee,
    per_request_total,
)


@pytest.mark.parametrize(
    ("n", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_it_charges_the_nth_request_of_the_month_by_band(n: int, fee: int) -> None:
    assert per_request_fee(n) == Decimal(fee)


@pytest.mark.parametrize(
    ("count", "total"),
    [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300)],
)
def test_it_sums_the_requests_of_a_month(count: int, total: int) -> None:
    assert per_request_total(count) == Decimal(total)


def test_it_matches_the_worked_example_of_45_requests() -> None:
    # 20 × 100 + 10 × 200 + 5 × 300 = 5,500元 for requests 11–45.
    assert per_request_total(45) == Decimal(5500)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_it_charges_pages_progressively(pages: int, fee: int) -> None:
    # 250 pages: 70 × 10 + 100 × 20 + 50 × 40 = 4,700元.
    assert per_page_fee(pages) == Decimal(fee)


def test_it_explains_the_bands() -> None:
    assert explain(PER_PAGE_SCALE, 250)[1:] == [
        "第31–100页：70页 × 10元 = 700元",
        "第101–200页：100页 × 20元 = 2000元",
        "第201–250页：50页 × 40元 = 2000元",
    ]
    assert format_yuan(per_page_fee(250)) == "4700.00"


def test_it_accepts_a_configured_scale() -> None:
    scale = FeeScale(unit="页", bands=(Band(50, Decimal(0)),), tail_rate=Decimal(5))
    assert per_page_fee(60, scale=scale) == Decimal(50)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: per_request_fee(0), "申请的序号不能小于 1"),
        (lambda: per_request_total(-1), "申请件数不能小于 0"),
        (lambda: per_page_fee(-1), "页数不能小于 0"),
        (lambda: per_page_fee(1.5), "页数必须是整数"),
        (lambda: per_request_fee(True), "必须是整数"),
    ],
)
def test_it_refuses_invalid_counts(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_it_refuses_a_scale_with_unordered_bands() -> None:
    with pytest.raises(ValueError, match="递增"):
        FeeScale(
            unit="件", bands=(Band(30, Decimal(1)), Band(10, Decimal(0))), tail_rate=Decimal(2)
        )
