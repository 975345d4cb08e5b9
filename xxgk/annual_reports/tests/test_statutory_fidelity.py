"""Issue 12 items 7, 8, 10, 11: one deadline rule, one finding per problem, fees in 六, no anachronisms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from xxgk.agencies.models import Agency, AgencyKind
from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.drafting import DraftFacts, draft_findings, draft_sections
from xxgk.annual_reports.rules import RULES, Rule, deadline, validate
from xxgk.annual_reports.schema import FORMATS, HEADINGS
from xxgk.lib.report_deadline import report_deadline

SECTIONS = [Section(h, "正文。") for h in HEADINGS]


def report(
    year: int = 2022, *, agency: str = "大冶市科技局", dated: date | None = None
) -> ReportData:
    fmt = "2021" if year >= 2021 else "2019"
    blank = ReportData(agency, year, fmt)
    return ReportData(
        agency,
        year,
        fmt,
        dated=dated or date(year + 1, 1, 20),
        sections=list(SECTIONS),
        cells=dict.fromkeys(blank.cells, 0),
    )


# --- item 7: one deadline rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "kind", "due"),
    [
        (2018, AgencyKind.DEPARTMENT, date(2019, 3, 31)),  # 2007 条例 Art. 31: everyone 31 March
        (2018, AgencyKind.GOVERNMENT, date(2019, 3, 31)),
        (2019, AgencyKind.DEPARTMENT, date(2020, 1, 31)),
        (2019, AgencyKind.GOVERNMENT, date(2020, 3, 31)),
        (2024, AgencyKind.TOWNSHIP, date(2025, 1, 31)),
    ],
)
def test_it_gives_the_agency_model_and_the_rules_the_same_deadline(
    year: int, kind: str, due: date
) -> None:
    agency = Agency(name="某机关", kind=kind)
    assert agency.report_deadline(year) == due
    assert deadline(year, kind) == due
    assert report_deadline(year, kind).due == due


def test_it_never_calls_a_departments_old_report_a_government_report() -> None:
    late = report(2018, dated=date(2019, 4, 1))
    [found] = [f for f in validate(late) if f.code == "R-DATE-LATE"]
    assert found.message == (
        "成文日期2019年4月1日晚于法定期限2019年3月31日"
        "（各级行政机关的年度报告，2007年《政府信息公开条例》第三十一条）"
    )
    assert "人民政府本级" not in found.message
    late = report(2022, dated=date(2023, 2, 1))
    [found] = [f for f in validate(late) if f.code == "R-DATE-LATE"]
    assert found.message == (
        "成文日期2023年2月1日晚于法定期限2023年1月31日（政府部门报告，条例第四十九条第一款）"
    )
    late = report(2022, agency="大冶市人民政府", dated=date(2023, 4, 1))
    [found] = [f for f in validate(late) if f.code == "R-DATE-LATE"]
    assert found.message.endswith("（人民政府本级报告，条例第四十九条第二款）")


# --- item 8: one problem, one finding --------------------------------------------------------


def test_it_reports_a_bare_none_in_section_five_once_with_one_severity() -> None:
    r = report()
    r.sections = [*SECTIONS[:4], Section(HEADINGS[4], "无"), SECTIONS[5]]
    found = validate(r) + draft_findings(r.sections)
    assert [(f.code, f.severity) for f in found] == [("R-SECTION5-EMPTY", "error")]
    assert RULES[Rule.SECTION5_EMPTY].severity == "error"


# --- item 10: fees charged → section 六 states them --------------------------------------------


def test_it_requires_section_six_to_state_fees_known_from_the_fee_records() -> None:
    r = report()
    found = [
        f for f in validate(r, fees_collected_yuan=Decimal(300)) if f.code == "R-FEES-SECTION6"
    ]
    assert [(f.severity, f.message, f.where) for f in found] == [
        (
            "warning",
            "据收费记录，本年度收取信息处理费300元，第六部分“其他需要报告的事项”应写明收取信息处理费的情况（件数、金额）",
            "第六部分",
        )
    ]
    r.sections = [*SECTIONS[:5], Section(HEADINGS[5], "本年度收取信息处理费共计300元。")]
    assert [
        f for f in validate(r, fees_collected_yuan=Decimal(300)) if f.code == "R-FEES-SECTION6"
    ] == []


def test_it_requires_section_six_to_state_fees_stated_elsewhere_in_the_text() -> None:
    r = report()
    r.sections = [
        *SECTIONS[:2],
        Section(HEADINGS[2], "本年度发出收费通知2件，实际收取信息处理费0.04万元。"),
        *SECTIONS[3:5],
        # Mentions the fee measures (with digits) but states no amount charged.
        Section(HEADINGS[5], "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行。"),
    ]
    found = [f for f in validate(r) if f.code == "R-FEES-SECTION6"]
    assert [f.message for f in found] == [
        "据正文，本年度收取信息处理费400元，第六部分“其他需要报告的事项”应写明收取信息处理费的情况（件数、金额）"
    ]


def test_it_does_not_take_administrative_fees_of_table_one_for_disclosure_fees() -> None:
    r = report()
    r.cells["t1.fees.amount"] = Decimal("12.5")  # 行政事业性收费（万元）: not 信息处理费
    r.sections = [*SECTIONS[:5], Section(HEADINGS[5], "本年度行政事业性收费12.5万元。")]
    assert "t1.fees.amount" in FORMATS["2021"].cell_codes()
    assert [f.code for f in validate(r) if f.code == "R-FEES-SECTION6"] == []
    assert [f.code for f in validate(r, fees_collected_yuan=Decimal(0))] == []


# --- item 11: no anachronisms in the drafted text ---------------------------------------------


def facts(year: int, fmt: str, notices: int = 1) -> DraftFacts:
    blank = ReportData("大冶市科技局", year, fmt)
    return DraftFacts(
        agency="大冶市科技局",
        year=year,
        format=fmt,
        cells=dict.fromkeys(blank.cells, 0),
        fee_notices=notices,
        fees_collected_yuan=Decimal(100) if notices else Decimal(0),
    )


@pytest.mark.parametrize("notices", [0, 1])
def test_it_does_not_cite_the_2020_fee_measures_in_a_2019_report(notices: int) -> None:
    text = "\n".join(s.text for s in draft_sections(facts(2019, "2019", notices)))
    assert "109号" not in text
    assert "信息处理费管理办法" not in text
    assert "政务公开工作要点" not in text  # an item of the 2021 format's section 六 [R]
    six = draft_sections(facts(2019, "2019", notices))[5].text
    assert six.startswith("依据《中华人民共和国政府信息公开条例》第四十二条，")


def test_it_cites_the_fee_measures_from_2021() -> None:
    six = draft_sections(facts(2021, "2021"))[5].text
    assert six.startswith(
        "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度发出收费通知1件，"
        "收取信息处理费共计100元。"
    )
