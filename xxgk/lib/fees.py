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


@dataclass(frozen=True)
class FeeScales:
    """The two scales an installation uses (XXGK_FEE_SCALES, validated at start-up)."""

    per_request: FeeScale = PER_REQUEST_SCALE
    per_page: FeeScale = PER_PAGE_SCALE

    @classmethod
    def from_mapping(cls, data: object) -> FeeScales:
        """Build from {"per_request": {...}, "per_page": {...}}; ValueError (Chinese) if bad.

        Each scale: {"bands": [[upto, rate], ...], "tail_rate": r, "tail_width": w,
        "tail_step": s}; a scale left out keeps the 109号 default.
        """
        if not isinstance(data, dict):
            raise ValueError("应为 JSON 对象，键为 per_request 和/或 per_page。")
        unknown = set(data) - {"per_request", "per_page"}
        if unknown:
            raise ValueError(
                f"未知的收费标准“{'、'.join(sorted(unknown))}”；只能是 per_request、per_page。"
            )
        return cls(
            per_request=_scale(data["per_request"], "件", "per_request")
            if "per_request" in data
            else PER_REQUEST_SCALE,
            per_page=_scale(data["per_page"], "页", "per_page")
            if "per_page" in data
            else PER_PAGE_SCALE,
        )


def _money(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{what}应为金额（元），收到 {value!r}。")
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{what}应为金额（元），收到 {value!r}。") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{what}不能为负数，收到 {value!r}。")
    return amount


def _scale(data: object, unit: str, name: str) -> FeeScale:
    if not isinstance(data, dict) or "bands" not in data or "tail_rate" not in data:
        raise ValueError(f"{name} 应为含 bands 和 tail_rate 的 JSON 对象。")
    unknown = set(data) - {"bands", "tail_rate", "tail_width", "tail_step"}
    if unknown:
        raise ValueError(f"{name} 有未知的项“{'、'.join(sorted(unknown))}”。")
    raw_bands = data["bands"]
    if not isinstance(raw_bands, list):
        raise ValueError(f"{name}.bands 应为 [[上限, 单价], …] 的列表。")
    bands: list[Band] = []
    for item in raw_bands:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or isinstance(item[0], bool)
            or not isinstance(item[0], int)
        ):
            raise ValueError(f"{name}.bands 的每一档应为 [上限（整数）, 单价]，收到 {item!r}。")
        bands.append(Band(item[0], _money(item[1], f"{name} 第{item[0]}档单价")))
    width = data.get("tail_width")
    if width is not None and (isinstance(width, bool) or not isinstance(width, int)):
        raise ValueError(f"{name}.tail_width 应为正整数，收到 {width!r}。")
    return FeeScale(
        unit=unit,
        bands=tuple(bands),
        tail_rate=_money(data["tail_rate"], f"{name}.tail_rate"),
        tail_width=width,
        tail_step=_money(data.get("tail_step", 0), f"{name}.tail_step"),
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
