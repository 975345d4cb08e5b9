from __future__ import annotations

from decimal import Decimal

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.drafting import DraftFacts, draft_findings, draft_sections
from xxgk.annual_reports.schema import HEADINGS


def seed_like_facts() -> DraftFacts:
    report = ReportData(agency="大冶市科技局", year=2019, format="2019")
    cells = dict.fromkeys(report.cells, 0)
    cells.update({"t1.normative.made": 16, "t1.normative.published": 16})
    return DraftFacts(
        agency="大冶市科技局",
        year=2019,
        format="2019",
        cells=cells,
        publications_total=21,
        publications_by_channel={"湖北政务服务网": 1, "大冶市政府网": 5, "云上大冶": 15},
        publications_by_category={"基础概况": 3, "办事指南": 4, "政策文件": 6, "动态信息": 8},
    )


def test_it_states_the_seed_items_with_the_channel_split() -> None:
    sections = draft_sections(seed_like_facts())
    assert [s.heading for s in sections] == list(HEADINGS)
    assert sections[1].text.startswith(
        "2019年主动公开各类信息共21条。其中：湖北政务服务网1条，大冶市政府网5条，云上大冶15条。"
    )
    assert "基础概况、办事指南、政策文件、动态信息等" in sections[1].text
    assert sections[2].text == (
        "2019年，未收到公民、法人和其他组织提出的政府信息公开申请。本年度未发生政府信息公开收费及减免情况。"
    )
    assert sections[3].text == "2019年，无因政府信息公开工作被申请行政复议、提起行政诉讼情况。"


def test_it_states_applications_outcomes_fees_and_appeals() -> None:
    report = ReportData(agency="大冶市人民政府办公室", year=2025, format="2021")
    cells = dict.fromkeys(report.cells, 0)
    cells.update(
        {
            "t2.new.natural": 50,
            "t2.new.commercial": 8,
            "t2.new.total": 58,
            "t2.carried_in.total": 4,
            "t2.disclosed.total": 30,
            "t2.partial.total": 6,
            "t2.withheld.third_party.total": 2,
            "t2.unavailable.not_held.total": 12,
            "t2.other.total": 3,
            "t2.total.total": 53,
            "t2.carried_out.total": 9,
            "t3.reconsideration.upheld": 2,
            "t3.reconsideration.pending": 1,
            "t3.reconsideration.total": 3,
            "t3.litigation_direct.corrected": 1,
            "t3.litigation_direct.total": 1,
        }
    )
    facts = DraftFacts(
        agency="大冶市人民政府办公室",
        year=2025,
        format="2021",
        cells=cells,
        fee_notices=1,
        fees_collected_yuan=Decimal("100.00"),
    )
    sections = draft_sections(facts)
    assert sections[2].text == (
        "2025年，共收到政府信息公开申请58件（其中自然人50件，法人或其他组织8件），上年结转4件。"
        "本年度办结53件，其中予以公开30件、部分公开6件、不予公开2件、无法提供12件、其他处理3件；"
        "结转下年度继续办理9件。本年度发出信息处理费收费通知1件，实际收取信息处理费100元。"
    )
    assert sections[3].text == (
        "2025年，因政府信息公开工作被申请行政复议3件（结果维持2件、尚未审结1件），被提起行政诉讼1件，"
        "其中未经复议直接起诉1件（结果纠正1件）。"
    )
    assert "收取信息处理费共计100元" in sections[5].text


def test_it_refuses_prompts_left_in_and_a_bare_none() -> None:
    sections = draft_sections(seed_like_facts())
    codes = [(f.code, f.severity) for f in draft_findings(sections)]
    assert codes == [("R-TEXT-PROMPT", "error"), ("R-TEXT-PROMPT", "error")]
    edited = [*sections[:4], Section(HEADINGS[4], "无"), Section(HEADINGS[5], "无其他事项。")]
    # A bare "无" in 五 is rules.validate's R-SECTION5-EMPTY (one problem, one finding).
    assert draft_findings(edited) == []


def test_it_warns_when_text_is_copied_from_last_year() -> None:
    text = "一是信息公开力度有待进一步加大，二是公开内容有待优化。下一步将完善制度，强化监督。"
    now = [Section(h, "x") for h in HEADINGS[:4]] + [
        Section(HEADINGS[4], text),
        Section(HEADINGS[5], "本年无其他需要报告的事项，特此说明。"),
    ]
    before = [Section(h, "y") for h in HEADINGS[:4]] + [
        Section(HEADINGS[4], text.replace("二是", "二是还")),
        Section(HEADINGS[5], "完全不同的一段话，讲的是另外的事情。"),
    ]
    findings = draft_findings(now, before)
    assert [(f.code, f.where) for f in findings] == [
        ("R-TEXT-COPY", "第5部分“五、存在的主要问题及改进情况”")
    ]
    assert draft_findings(now, [Section(h, "z" * 50) for h in HEADINGS]) == []
