from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render import render
from xxgk.annual_reports.schema import OTHER_2021, T2_COLUMN_KEYS
from xxgk.ingestion.narrative import drop_signature, normalise
from xxgk.ingestion.read import read_report
from xxgk.ingestion.text import read_text_report
from xxgk.testdata import SAMPLES, SEED

# Every shared file that parses with all six sections.
SIX_SECTIONS = [
    SEED,
    SAMPLES / "2019_pingtan_lwtj_1.txt",
    SAMPLES / "2019_pingtan_lwtj_1.html",
    SAMPLES / "2019_pingtan_scjgj_1.txt",
    SAMPLES / "2019_pingtan_scjgj_1.html",
    SAMPLES / "2021_pingtan_gwh_1.txt",
    SAMPLES / "2021_pingtan_gwh_1.html",
    SAMPLES / "2023_pingtan_gwh_1.txt",
    SAMPLES / "2023_pingtan_gwh_1.html",
    SAMPLES / "2024_hongze_qzf_1.txt",
    SAMPLES / "2024_hongze_qzf_1.pdf",
]


def test_it_normalises_whitespace_to_one_paragraph_per_line() -> None:
    assert normalise("\t第一段。\xa0\n\n\n  第二段\x0c \n\xa0\xa0\n") == "第一段。\n第二段"
    assert normalise("收取信息处理费        0 元。") == "收取信息处理费 0 元。"


def test_it_drops_the_signature_and_what_a_page_prints_after_it() -> None:
    text = "没有其他事项。\n某局\n2020年1月2日\n来源：某局\n附件下载"
    assert drop_signature(text, date(2020, 1, 2), "某局") == "没有其他事项。"
    inline = "无。 某局 2020年1月13日 抄送：某组。某局办公室 2020年1月13日印发"
    assert drop_signature(inline, date(2020, 1, 13), "某局") == "无。"
    # A date inside a sentence is narrative, and a different date is not the signature.
    assert drop_signature("于2020年1月2日召开会议。", date(2020, 1, 2), "某局") == (
        "于2020年1月2日召开会议。"
    )
    assert drop_signature("无。\n2020年1月3日", date(2020, 1, 2), "某局") == "无。\n2020年1月3日"


def test_it_keeps_only_the_narrative_around_pipe_tables() -> None:
    text = (
        "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n本年主动公开信息。\n"
        "第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "规章 | 1 | 0 | 3 |\n行政规范性文件 | 2 | 0 | 4 |\n三、收到和处理政府信息公开申请情况\n无。\n"
    )
    report = read_text_report(text)
    assert report.cells["t1.normative.in_force"] == 4
    assert [(s.heading, s.text) for s in report.sections] == [
        ("二、主动公开政府信息情况", "本年主动公开信息。"),
        ("三、收到和处理政府信息公开申请情况", "无。"),
    ]


def test_it_reads_the_seed_sections_without_tables_or_date() -> None:
    report = read_report(SEED)
    texts = [s.text for s in report.sections]
    assert texts[1].endswith(
        "市科技局采取湖北政务服务网、市政府网、云上大冶等多种形式主动公开政府信息。"
    )
    assert "\n主动公开政府信息的类别\n" in texts[1]
    assert texts[2] == (
        "2019年，我局未收到公民、法人和其他组织提出的政府信息公开申请，"
        "也未发生政府信息公开收费及减免情况。"
    )
    assert texts[3] == "2019年，我局无因政府信息公开工作被申请行政复议、提起行政诉讼情况。"
    assert texts[5] == "2019年我局政府信息公开没有其他需要报告的事项。"
    for text in texts:
        assert "\t" not in text and "\xa0" not in text and "\n\n" not in text
    assert report.dated == date(2019, 1, 8)


def _printable(report: ReportData, kind: str) -> ReportData:
    """What the layout can print: the 2021 format has no printed （六）其他处理 total row, so
    DOCX and HTML carry a derived ``t2.other.*`` only through its three sub-rows."""
    if report.format != "2021" or kind not in ("docx", "html"):
        return report
    cells = dict(report.cells)
    for col in T2_COLUMN_KEYS:
        if any(cells[f"t2.other.{key}.{col}"] is None for key, _ in OTHER_2021):
            cells[f"t2.other.{col}"] = None
    return ReportData(
        agency=report.agency,
        year=report.year,
        format=report.format,
        dated=report.dated,
        agency_kind=report.agency_kind,
        title=report.title,
        sections=report.sections,
        cells=cells,
    )


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html", "json"])
@pytest.mark.parametrize("path", SIX_SECTIONS, ids=lambda p: p.name)
def test_it_round_trips_every_six_section_report(path: Path, kind: str) -> None:
    report = read_report(path)
    assert len(report.sections) == 6
    back = read_report(render(report, kind), f"report.{kind}")
    assert back == _printable(report, kind)


def test_it_loses_only_the_single_other_row_of_hongze_in_docx_and_html() -> None:
    report = read_report(SAMPLES / "2024_hongze_qzf_1.txt")
    assert report.cells["t2.other.total"] == 0
    for kind in ("docx", "html"):
        back = read_report(render(report, kind), f"report.{kind}")
        assert {c for c in report.cells if report.cells[c] != back.cells[c]} == {
            f"t2.other.{col}" for col in T2_COLUMN_KEYS
        }
