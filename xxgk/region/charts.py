"""The region's charts, drawn on the server as SVG (no CDN, no JavaScript: intranets).

`bar_chart` and `stacked_bar_chart` are pure functions of their numbers; `region_charts`
gathers the numbers: on-time rate by year, findings by rule, applications and outcome mix by
agency, and applications year on year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape

from django.db.models import F

from xxgk.agencies.models import Agency

ROW_HEIGHT = 22
LABEL_WIDTH = 190
BAR_WIDTH = 360
PALETTE = ("#1f5fa8", "#4f9d69", "#e0a800", "#c0392b", "#7f8c8d", "#8e44ad")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(
    items: Sequence[tuple[str, float]], *, title: str, unit: str = "", maximum: float | None = None
) -> str:
    """Horizontal bars, one per (label, value), with the value written after each bar."""
    top = maximum if maximum is not None else max([v for _, v in items] + [1])
    height = ROW_HEIGHT * max(1, len(items)) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="12"><title>{escape(title)}</title>'
    ]
    if not items:
        parts.append('<text x="4" y="16">暂无数据</text>')
    for i, (label, value) in enumerate(items):
        y = 5 + i * ROW_HEIGHT
        length = 0 if top <= 0 else BAR_WIDTH * max(0.0, value) / top
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{ROW_HEIGHT - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}：{_num(value)}{escape(unit)}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 14}">{_num(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(
    items: Sequence[tuple[str, Sequence[float]]], series: Sequence[str], *, title: str
) -> str:
    """Horizontal stacked bars (one per label) with a legend of `series`."""
    top = max([sum(values) for _, values in items] + [1])
    legend_height = 22
    height = legend_height + ROW_HEIGHT * max(1, len(items)) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="12"><title>{escape(title)}</title>'
    ]
    x = 4
    for i, name in enumerate(series):
        parts.append(
            f'<rect x="{x}" y="4" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="13">{escape(name)}</text>'
        )
        x += 14 + 13 * len(name) + 12
    if not items:
        parts.append(f'<text x="4" y="{legend_height + 16}">暂无数据</text>')
    for row, (label, values) in enumerate(items):
        y = legend_height + 5 + row * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
        )
        offset = float(LABEL_WIDTH)
        for i, value in enumerate(values):
            length = BAR_WIDTH * max(0.0, value) / top
            if length > 0:
                parts.append(
                    f'<rect x="{offset:.1f}" y="{y + 2}" width="{length:.1f}" '
                    f'height="{ROW_HEIGHT - 6}" fill="{PALETTE[i % len(PALETTE)]}">'
                    f"<title>{escape(label)} {escape(series[i])}：{_num(value)}</title></rect>"
                )
            offset += length
        parts.append(f'<text x="{offset + 4:.1f}" y="{y + 14}">{_num(sum(values))}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- the numbers

OUTCOMES = (
    ("予以公开", ("disclosed",)),
    ("部分公开", ("partial",)),
    ("不予公开", ("withheld.",)),
    ("无法提供", ("unavailable.",)),
    ("不予处理", ("not_processed.",)),
    ("其他处理", ("other",)),
)


def _cell(cells: dict, code: str) -> float:
    value = cells.get(code)
    return float(value) if isinstance(value, int | float | Decimal) else 0.0


def outcome_mix(cells: dict) -> list[float]:
    """Applications handled by outcome (总计 column of table 2), in the order of OUTCOMES."""
    out = []
    for _label, prefixes in OUTCOMES:
        total = 0.0
        for prefix in prefixes:
            if prefix.endswith("."):
                total += sum(
                    _cell(cells, code)
                    for code in cells
                    if code.startswith(f"t2.{prefix}") and code.endswith(".total")
                )
            else:
                total += _cell(cells, f"t2.{prefix}.total")
        out.append(total)
    return out


def region_charts(scope: Agency, year: int, today: date) -> list[dict[str, str]]:
    from xxgk.region.models import ImportedReport, SubmissionRound
    from xxgk.region.selectors import _lines, accepted_reports, region_matrix, regions_of

    years = list(range(year - 4, year + 1))
    matrix = region_matrix(scope, years, today=today)
    on_time = []
    for i, y in enumerate(years):
        rows = [cells[i] for cells in matrix]
        done = sum(1 for r in rows if r.published_on is not None and r.days_late == 0)
        on_time.append((f"{y}年度", 100.0 * done / len(rows) if rows else 0.0))
    members = _lines(scope).values("agency_id")
    rounds = SubmissionRound.objects.filter(
        submission__agency_id__in=members,
        submission__year=year,
        number=F("submission__rounds_count"),
    ).values_list("findings", flat=True)
    imports = ImportedReport.objects.filter(agency_id__in=members, year=year).values_list(
        "findings", flat=True
    )
    by_rule: Counter[str] = Counter()
    for findings in [*rounds, *imports]:
        by_rule.update(f["code"] for f in findings)
    governments = [r.government for r in regions_of(scope)]
    included = [inc for g in governments for inc in accepted_reports(g, year)]
    mix = sorted(
        (
            (inc.agency.short_name or inc.agency.name, outcome_mix(inc.data.cells))
            for inc in included
        ),
        key=lambda item: -sum(item[1]),
    )[:20]
    trend = []
    for y in years:
        total = sum(
            _cell(inc.data.cells, "t2.new.total")
            for g in governments
            for inc in accepted_reports(g, y)
        )
        trend.append((f"{y}年度", total))
    return [
        {
            "title": "按时发布率（按年度）",
            "svg": bar_chart(on_time, title="按时发布率", unit="%", maximum=100),
        },
        {
            "title": f"{year}年度校验发现（按规则）",
            "svg": bar_chart(by_rule.most_common(15), title="校验发现（按规则）", unit="条"),
        },
        {
            "title": f"{year}年度依申请公开办理结果（按机关，已接收及导入的报告）",
            "svg": stacked_bar_chart(mix, [label for label, _ in OUTCOMES], title="办理结果构成"),
        },
        {
            "title": "本年新收申请数（逐年，已接收及导入的报告合计）",
            "svg": bar_chart(trend, title="本年新收申请数", unit="件"),
        },
    ]
