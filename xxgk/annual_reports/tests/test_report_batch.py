"""``xxgk report check DIR|ZIP...``: many files, both cores, a summary, never stopping."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from xxgk.annual_reports.tests.test_report_command import run
from xxgk.testdata import CORPUS


def folder(tmp_path: Path) -> Path:
    box = tmp_path / "reports"
    box.mkdir()
    for name in (
        "docx/2021_pingtan_gwh_1.docx",
        "xlsx/2023_pingtan_gwh_1.xlsx",
        "pdf/2021_pingtan_gwh_1.pdf",
    ):
        shutil.copy(CORPUS / name, box / Path(name).name)
    (box / "empty.docx").write_bytes(b"")
    (box / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (box / "法治政府建设年度报告.txt").write_text(
        "某某区司法局2023年法治政府建设年度报告\n一、主要举措\n深入推进依法行政。\n", "utf-8"
    )
    return box


def test_a_folder_is_checked_file_by_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    box = folder(tmp_path)
    out_xlsx = tmp_path / "summary.xlsx"
    code, out, err = run("check", str(box), "--json", "--xlsx", str(out_xlsx), "--workers", "2")
    rows = {Path(r["file"]).name: r for r in json.loads(out)}
    assert code == 2  # some files could not be read
    assert {name: r["status"] for name, r in rows.items()} == {
        "2021_pingtan_gwh_1.docx": "ok",
        "2021_pingtan_gwh_1.pdf": "ok",
        "2023_pingtan_gwh_1.xlsx": "ok",
        "broken.pdf": "unreadable",
        "empty.docx": "unreadable",
        "法治政府建设年度报告.txt": "unreadable",
    }
    assert rows["empty.docx"]["message"] == "文件为空"
    assert rows["法治政府建设年度报告.txt"]["message"] == (
        "文件标题为“某某区司法局2023年法治政府建设年度报告”，不是政府信息公开工作年度报告"
    )
    assert (rows["2021_pingtan_gwh_1.docx"]["agency"], rows["2021_pingtan_gwh_1.docx"]["year"]) == (
        "平潭综合实验区",
        2021,
    )
    assert "[##############################] 6/6" in err
    book = load_workbook(out_xlsx)
    assert book.sheetnames == ["汇总", "发现"]
    assert book["汇总"].max_row == 7


def test_a_zip_is_unpacked_and_the_table_summarises(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(CORPUS / "odt" / "2019_pingtan_scjgj_1.odt", "部门/市场监管局.odt")
        archive.writestr("部门/空.txt", b"")
    bundle = tmp_path / "reports.zip"
    bundle.write_bytes(buffer.getvalue())
    code, out, _ = run("check", str(bundle), "--workers", "1")
    lines = out.splitlines()
    assert code == 2
    assert lines[0].split("\t")[:5] == ["文件", "机关", "年度", "格式", "状态"]
    assert lines[1].split("\t")[1:5] == ["平潭综合实验区市场监督管理局", "2019", "2019", "通过"]
    assert lines[-1] == "共 2 个文件：通过 1，有错误 0，无法读取 1"


def test_one_file_prints_the_place_of_each_finding(tmp_path: Path) -> None:
    code, out, _ = run("check", str(CORPUS / "variant" / "2021_pingtan_gwh_1.dashes.docx"))
    line = next(x for x in out.splitlines() if x.startswith("R-READ-PLACEHOLDER"))
    assert code == 0
    assert line == (
        "R-READ-PLACEHOLDER 警告 表三 行政复议 结果纠正列：单元格填写「—」而非数字，未按0读取，"
        "请核对原件（原文位置：表格3 第4行）"
    )


def test_parse_json_carries_the_provenance_of_every_cell() -> None:
    code, out, _ = run("parse", str(CORPUS / "pdf" / "2023_pingtan_gwh_1.pdf"), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["provenance"]["t2.new.natural"] == {
        "place": "第4页 表格2 第4行",
        "where": "表二 一、本年新收政府信息公开申请数量行 自然人列",
        "how": "exact",
        "confidence": None,
    }
    assert set(data["provenance"]) >= {c for c, v in data["cells"].items() if v is not None} - {
        c for c in data["cells"] if c.startswith("t2.other.") and c.count(".") == 2
    }
