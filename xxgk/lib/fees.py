"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).

Two progressive (超额累进) scales; for each request the agency chooses one, never both:
* 按件计收 (Art. 4): by the ordinal of the request among the same applicant's requests in one
  calendar month: 1–10 free; 11–30: 100元/件; from 31 on, bands of 10 requests, each band
  100元/件 dearer than the one before (31–40: 200, 41–50: 300, …).
* 按量计收 (Art. 5): by the pages of one request: 1–30 free; 31–100: 10元/页;
  101–200: 20元/页; from 201 on: 40元/页.

Only the part inside each band is charged at that band's rate. The scales are data
(`FeeScale`) so an installation can follow a local implementing rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Band:
    """Units up to `upto` (inclusive) not covered by an earlier band cost `rate` each."""

    upto: int
    rate: Decimal


@dataclass(frozen=True)
class FeeLine:
    """One band of a computed fee: units first..last at rate, amount = units × rate."""

    first: int
    last: int
    rate: Decimal

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        return self.rate * self.units


@dataclass(frozen=True)
class FeeScale:
    """A progressive scale: explicit bands, then an open tail.

    After the last band, units cost `tail_rate`; if `tail_width` is set the tail is cut into
    bands of that many units, each `tail_step` dearer than the one before.
    """

    unit: str
    bands: tuple[Band, ...]
    tail_rate: Decimal
    tail_width: int | None = None
    tail_step: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        uptos = [band.upto for band in self.bands]
        if uptos != sorted(uptos) or len(set(uptos)) != len(uptos) or (uptos and uptos[0] < 1):
            raise ValueError("收费标准有误：各档上限必须为递增的正整数。")
        if self.tail_width is not None and self.tail_width < 1:
            raise ValueError("收费标准有误：递增档的宽度必须为正整数。")

    def rate_of(self, n: int) -> Decimal:
        """Return the rate of the n-th unit (n >= 1)."""
        for band in self.bands:
            if n <= band.upto:
                return band.rate
        if self.tail_width is None:
            return self.tail_rate
        tail_start = self.bands[-1].upto + 1 if self.bands else 1
        return self.tail_rate + self.tail_step * ((n - tail_start) // self.tail_width)

    def lines(self, count: int) -> list[FeeLine]:
        """Return the bands that units 1..count fall into, with their amounts."""
        result: list[FeeLine] = []
        first = 1
        for band in self.bands:
            if first > count:
                return result
            last = min(band.upto, count)
            result.append(FeeLine(first, last, band.rate))
            first = last + 1
        while first <= count:
            if self.tail_width is None:
                last = count
            else:
                last = min(first + self.tail_width - 1, count)
            result.append(FeeLine(first, last, self.rate_of(first)))
            first = last + 1
        return result

    def total(self, count: int) -> Decimal:
        """Return the cumulative fee of units 1..count."""
        return sum((line.amount for line in self.lines(count)), Decimal(0))


# 109号 Art. 4: same applicant, one natural month, cumulative.
PER_REQUEST_SCALE = FeeScale(
    unit="件",
    bands=(Band(10, Decimal(0)), Band(30, Decimal(100))),
    tail_rate=Decimal(200),
    tail_width=10,
    tail_step=Decimal(100),
)

# 109号 Art. 5: pages of one request.
PER_PAGE_SCALE = FeeScale(
    unit="页",
    bands=(Band(30, Decimal(0)), Band(100, Decimal(10)), Band(200, Decimal(20))),
    tail_rate=Decimal(40),
)


def _check_count(value: object, *, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}必须是整数（收到“{value}”）。")
    if value < minimum:
        raise ValueError(f"{what}不能小于 {minimum}（收到 {value}）。")
    return value


def per_request_fee(n: int, *, scale: FeeScale = PER_REQUEST_SCALE) -> Decimal:
    """Return the fee in 元 of the applicant's n-th request in a calendar month (109号 Art. 4)."""
    return scale.rate_of(_check_count(n, what="申请的序号", minimum=1))


def per_request_total(count: int, *, scale: FeeScale = PER_REQUEST_SCALE) -> Decimal:
    """Return the fee in 元 of requests 1..count of one applicant in one calendar month."""
    return scale.total(_check_count(count, what="申请件数", minimum=0))


def per_page_fee(pages: int, *, scale: FeeScale = PER_PAGE_SCALE) -> Decimal:
    """Return the fee in 元 of one request of `pages` pages (109号 Art. 5)."""
    return scale.total(_check_count(pages, what="页数", minimum=0))


def format_yuan(amount: Decimal) -> str:
    """Return the amount with two decimals (100.00), the form of a 收费通知书."""
    return f"{amount.quantize(Decimal('0.01'))}"


def explain(scale: FeeScale, count: int) -> list[str]:
    """Return Chinese lines such as "第31–100页：70页 × 10元 = 700元" for a fee notice."""
    return [
        f"第{line.first}–{line.last}{scale.unit}：{line.units}{scale.unit} × "
        f"{line.rate}元 = {line.amount}元"
        for line in scale.lines(_check_count(count, what="数量", minimum=0))
    ]
