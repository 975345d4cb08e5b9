from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.rules import validate
from xxgk.annual_reports.schema import FORMATS, HEADINGS

GOOD_SECTIONS = [Section(h, "正文。") for h in HEADINGS]


def good(fmt: str = "2021", year: int = 2022) -> ReportData:
    blank = ReportData("大冶市科技局", year, fmt)
    return ReportData(
        "大冶市科技局",
        year,
        fmt,
        dated=date(year + 1, 1, 20),
        sections=list(GOOD_SECTIONS),
        cells=dict.fromkeys(blank.cells, 0),
    )


def codes(report: ReportData, previous: ReportData | None = None) -> set[str]:
    return {f.code for f in validate(report, previous)}


def test_it_finds_nothing_in_a_consistent_report() -> None:
    assert validate(good("2021")) == []
    assert validate(good("2019", 2020)) == []


def _set(**cells: object) -> Callable[[ReportData], None]:
    def apply(report: ReportData) -> None:
        report.cells.update({k.replace("__", "."): v for k, v in cells.items()})

    return apply


def _attr(**values: object) -> Callable[[ReportData], None]:
    def apply(report: ReportData) -> None:
        for key, value in values.items():
            setattr(report, key, value)

    return apply


CASES: list[tuple[str, Callable[[ReportData], None]]] = [
    ("R-T2-BALANCE", _set(t2__new__natural=1, t2__new__total=1)),
    ("R-T2-TOTAL", _set(t2__disclosed__natural=1, t2__disclosed__total=1)),
    ("R-T2-COLSUM", _set(t2__carried_out__total=1, t2__carried_in__total=1)),
    ("R-T2-OTHER-SUM", _set(t2__other__other__natural=2, t2__other__natural=1)),
    ("R-T3-TOTAL", _set(t3__reconsideration__upheld=1)),
    ("R-CELL-BLANK", _set(t1__licensing__decisions=None)),
    ("R-CELL-INVALID", _set(t1__licensing__decisions=-1)),
    ("R-DATE-MISSING", _attr(dated=None)),
    ("R-DATE-BEFORE-YEAR-END", _attr(dated=date(2022, 12, 31))),
    ("R-DATE-LATE", _attr(dated=date(2023, 2, 1))),
    ("R-FORMAT-VERSION", _attr(year=2020, dated=date(2021, 1, 10))),
    ("R-HEADINGS", _attr(sections=[Section("一、总体情况", "正文。")])),
    (
        "R-TEXT-TABLE",
        _attr(
            sections=[
                *GOOD_SECTIONS[:2],
                Section(HEADINGS[2], "共收到政府信息公开申请5件。"),
                *GOOD_SECTIONS[3:],
            ]
        ),
    ),
    (
        "R-SECTION5-EMPTY",
        _attr(sections=[*GOOD_SECTIONS[:4], Section(HEADINGS[4], "无。"), GOOD_SECTIONS[5]]),
    ),
]


# Exactly where each broken rule is reported, and how severely.
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "R-T2-BALANCE": [("表二 自然人列", "error"), ("表二 总计列", "error")],
    "R-T2-TOTAL": [("表二 自然人列", "error"), ("表二 总计列", "error")],
    "R-T2-COLSUM": [
        ("表二 二、上年结转政府信息公开申请数量行", "error"),
        ("表二 四、结转下年度继续办理行", "error"),
    ],
    "R-T2-OTHER-SUM": [("表二 自然人列", "error")],
    "R-T3-TOTAL": [("表三 行政复议", "error")],
    "R-CELL-BLANK": [("表一 行政许可行", "warning")],
    "R-CELL-INVALID": [("表一 行政许可行 本年处理决定数量列", "error")],
    "R-DATE-MISSING": [("落款日期", "warning")],
    "R-DATE-BEFORE-YEAR-END": [("落款日期", "error")],
    "R-DATE-LATE": [("落款日期", "warning")],
    "R-FORMAT-VERSION": [("报告格式", "warning")],
    "R-HEADINGS": [(f"第{n}部分标题", "warning") for n in "二三四五六"],
    "R-TEXT-TABLE": [("表二 一、本年新收政府信息公开申请数量行 总计列", "warning")],
    "R-SECTION5-EMPTY": [("第五部分", "error")],  # one problem, one finding (issue 12 item 8)
}


@pytest.mark.parametrize(("code", "break_it"), CASES, ids=[c for c, _ in CASES])
def test_it_reports_each_rule_only_when_broken(
    code: str, break_it: Callable[[ReportData], None]
) -> None:
    report = good()
    assert code not in codes(report)
    break_it(report)
    found = [f for f in validate(report) if f.code == code]
    assert [(f.where, f.severity) for f in found] == EXPECTED[code]
    assert all(f.message for f in found)


def test_it_allows_a_government_report_until_31_march() -> None:
    report = good()
    report.agency = "淮安市洪泽区人民政府"
    report.dated = date(2023, 3, 31)
    assert "R-DATE-LATE" not in codes(report)
    report.dated = date(2023, 4, 1)
    assert "R-DATE-LATE" in codes(report)


def test_it_checks_2019_table1_sanity() -> None:
    report = good("2019", 2020)
    report.cells.update({"t1.licensing.prev_items": 3, "t1.licensing.change": -4})
    assert "R-T1-CHANGE" in codes(report)
    report.cells["t1.licensing.change"] = -3
    assert "R-T1-CHANGE" not in codes(report)


def test_it_compares_carry_over_with_the_previous_year() -> None:
    report, previous = good(), good(year=2021)
    previous.cells.update({"t2.carried_out.natural": 1})
    assert "R-CROSS-YEAR-CARRY" in codes(report, previous)
    report.cells.update({"t2.carried_in.natural": 1})
    previous.cells.update({"t2.carried_out.natural": 1})
    assert "R-CROSS-YEAR-CARRY" not in codes(report, previous)
    assert "R-PREVIOUS-YEAR" in codes(report, good(year=2019))


def test_it_accepts_a_decimal_fee_amount_but_not_a_decimal_count() -> None:
    report = good()
    report.cells["t1.fees.amount"] = Decimal("0.25")
    assert codes(report) == set()
    report.cells["t1.licensing.decisions"] = Decimal("1.5")
    assert codes(report) == {"R-CELL-INVALID"}


cell_values = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(
    fmt=st.sampled_from(["2019", "2021", "1999", ""]),
    year=st.integers(-5, 10000),
    dated=st.one_of(st.none(), st.dates()),
    cells=st.dictionaries(
        st.sampled_from(FORMATS["2021"].all_codes() + ["x", "t2.new"]), cell_values, max_size=30
    ),
    headings=st.lists(st.text(max_size=12), max_size=7),
)
def test_it_never_raises_on_arbitrary_reports(fmt, year, dated, cells, headings) -> None:
    report = ReportData(
        "某局", year, fmt, dated=dated, cells=cells, sections=[Section(h, h) for h in headings]
    )
    findings = validate(report, previous=report)
    assert all(f.code != "R-INTERNAL" for f in findings)
