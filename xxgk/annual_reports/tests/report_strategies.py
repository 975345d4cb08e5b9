"""Hypothesis strategies for valid reports of both formats (round-trip tests)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from xxgk.annual_reports.data import AGENCY_KINDS, CellValue, ReportData, Section
from xxgk.annual_reports.schema import FORMATS

AGENCIES = [
    "大冶市科技局",
    "大冶市统计局",
    "淮安市洪泽区人民政府",
    "平潭综合实验区管委会",
    "武汉东湖新技术开发区城乡社区建设管理局",
]
ALPHABET = (
    "政府信息公开年度报告工作情况申请办理一二三四五六七八九十（）、，。；：“”《》0123456789%-"
)

paragraph = st.text(alphabet=ALPHABET, min_size=1, max_size=40)
section_text = st.lists(paragraph, max_size=3).map("\n".join)


def _cell(kind: str) -> st.SearchStrategy[CellValue]:
    if kind == "signed":
        number: st.SearchStrategy[CellValue] = st.integers(-99999, 99999)
    elif kind == "decimal":
        number = st.decimals(
            min_value=0, max_value=999999, places=2, allow_nan=False, allow_infinity=False
        )
    else:
        number = st.integers(0, 99999)
    return st.one_of(st.none(), number) if kind != "decimal" else st.one_of(st.none(), number)


@st.composite
def reports(draw: st.DrawFn) -> ReportData:
    fmt = draw(st.sampled_from(["2019", "2021"]))
    year = draw(st.integers(2019, 2020) if fmt == "2019" else st.integers(2021, 2025))
    spec = FORMATS[fmt]
    cells = {code: draw(_cell(spec.cell(code).kind)) for code in spec.cell_codes()}
    for code, value in cells.items():
        if isinstance(value, Decimal):
            cells[code] = (
                value.quantize(Decimal("0.01"))
                if value != value.to_integral_value()
                else int(value)
            )
    agency = draw(st.sampled_from(AGENCIES))
    title = draw(st.one_of(st.none(), paragraph))
    return ReportData(
        agency=agency,
        year=year,
        format=fmt,
        dated=draw(st.dates(date(year + 1, 1, 1), date(year + 1, 12, 31))),
        agency_kind=draw(st.one_of(st.none(), st.sampled_from(AGENCY_KINDS))),
        title=title,
        sections=[Section(h, draw(section_text)) for h in spec.headings],
        cells=cells,
    )
