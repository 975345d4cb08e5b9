from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual_reports.data import ReportData
from xxgk.ingestion import read as read_module
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import read_report
from xxgk.ingestion.text import read_text_report


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (bytes(range(256)) * 8, "文本编码"),
        ("只有一行字".encode(), "年度"),
        (b"%PDF-1.4 garbage", "PDF"),
        (b'{"agency": 1}', "机关名称"),
        (b"{not json", "JSON"),
    ],
)
def test_it_refuses_unreadable_input_in_chinese(data: bytes, message: str) -> None:
    with pytest.raises(ReportReadError, match=message):
        read_report(data)


def test_it_refuses_files_above_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XXGK_REPORT_MAX_MB", "0.001")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(ReportReadError, match="超过上限"):
        read_report(big)
    assert read_module.max_report_bytes() == 1048


def test_it_reads_gb18030_text() -> None:
    text = "某局2020年政府信息公开工作年度报告\n一、总体情况\n无。\n"
    report = read_report(text.encode("gb18030"))
    assert (report.agency, report.year, report.format) == ("某局", 2020, "2019")
    assert {f.code for f in report.findings} == {"R-READ-TABLE-MISSING"}


def test_it_turns_a_missing_row_and_a_blank_cell_into_findings() -> None:
    text = (
        "某局2022年政府信息公开工作年度报告\n第二十条第（一）项\n规章 | 1 | | 3 |\n行政许可 | 5 |\n"
    )
    report = read_text_report(text)
    assert report.cells["t1.regulations.issued"] == 1
    assert report.cells["t1.regulations.repealed"] is None
    assert report.cells["t1.licensing.decisions"] == 5
    assert report.cells["t1.normative.issued"] is None
    wheres = [f.where for f in report.findings if f.code == "R-READ-ROW-MISSING"]
    assert "表一 行政规范性文件行" in wheres


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_it_never_raises_anything_but_read_error_on_random_bytes(data: bytes) -> None:
    try:
        assert isinstance(read_report(data), ReportData)
    except ReportReadError as exc:
        assert exc.message


labels = st.sampled_from(
    [
        "规章",
        "行政许可",
        "（七）总计",
        "1.属于国家秘密",
        "行政复议",
        "行政诉讼",
        "2019年",
        "|",
        "\t",
        "0",
        "-13",
        "20+17",
        "。",
        "\n",
        "一、总体情况",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(labels, st.text(max_size=6)), max_size=60),
    st.sampled_from(["", ".txt", ".html", ".json", ".pdf"]),
)
def test_it_never_raises_anything_but_read_error_on_report_like_text(
    parts: list[str], ext: str
) -> None:
    data = ("某局2021年政府信息公开工作年度报告\n" + "".join(parts)).encode()
    try:
        report = read_report(data, filename="x" + ext)
    except ReportReadError as exc:
        assert exc.message
    else:
        assert report.year == 2021
