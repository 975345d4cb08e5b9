"""`xxgk region status` and `xxgk region import`: exact JSON, progress, summary, refusals."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import time_machine

from xxgk.annual_reports import services as reports
from xxgk.region import services
from xxgk.region.models import ImportedReport
from xxgk.region.testing import TZ, RegionWorld, approved_report
from xxgk.region.tests.test_region_services import _file


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("region", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@time_machine.travel(datetime(2026, 2, 5, 9, tzinfo=TZ), tick=False)
def test_status_json_is_exactly_the_contract(rw: RegionWorld) -> None:
    w = rw.world
    report = approved_report(w)  # approved 15 Jan
    services.submit_report(report, actor=w.grace)
    reports.publish_report(report, actor=w.grace)  # 5 Feb: 5 days late
    code, out, err = run("status", "--agency", "大冶市人民政府办公室", "--year", "2025", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    warnings = rows[0]["warnings"]
    assert rows == [
        {
            "agency": "大冶市科技局",
            "kind": "department",
            "level": "county",
            "status": "published",
            "due": "2026-01-31",
            "published_on": "2026-02-05",
            "days_late": 5,
            "errors": 0,
            "warnings": warnings,
        },
        {
            "agency": "大冶市统计局",
            "kind": "department",
            "level": "county",
            "status": "not_started",
            "due": "2026-01-31",
            "published_on": None,
            "days_late": 5,
            "errors": 0,
            "warnings": 0,
        },
    ]
    # A member agency names its 主管部门's region; the text form has a summary line.
    code, out, _ = run("status", "--agency", "daye-tjj", "--year", "2025")
    assert code == 0
    assert out.splitlines()[-1] == "共 2 个机关：已发布1，未开始1"
    assert out.splitlines()[1] == (
        "大冶市统计局\t部门\t未开始\t截止2026年1月31日\t发布—\t逾期5天\t错误0\t警告0"
    )


def test_status_refuses_an_unknown_agency_in_chinese(rw: RegionWorld) -> None:
    code, out, err = run("status", "--agency", "不存在局", "--year", "2025", "--json")
    assert (code, out) == (2, "")
    assert err == "错误：找不到机关“不存在局”。请使用机关全称或网址代码（如 daye-kjj）。\n"


def test_status_of_another_region_shows_only_its_members(rw: RegionWorld) -> None:
    code, out, _ = run("status", "--agency", "阳新县人民政府办公室", "--year", "2025", "--json")
    assert [r["agency"] for r in json.loads(out)] == ["阳新县科技局"]


def test_import_reads_a_folder_and_a_zip_with_progress_and_summary(
    rw: RegionWorld, tmp_path: Path
) -> None:
    (tmp_path / "tjj-2025.html").write_bytes(_file())
    (tmp_path / "notes.md").write_text("忽略")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("kjj/大冶市科技局2024.docx", _file("大冶市科技局", 2024, "docx"))
        archive.writestr("kjj/bad.pdf", b"%PDF-1.4 broken")
        archive.writestr("yx/阳新.html", _file("阳新县科技局"))
    (tmp_path / "batch.zip").write_bytes(buffer.getvalue())
    code, out, err = run("import", "--agency", "大冶市人民政府办公室", str(tmp_path))
    assert code == 1  # some files were refused
    lines = out.splitlines()
    assert lines[-1] == "共 4 个文件：导入 2 个，未导入 2 个。"
    assert sorted(line.split("\t")[1] for line in lines if line.startswith("已导入")) == [
        "大冶市科技局",
        "大冶市统计局",
    ]
    refused = [line for line in lines if line.startswith("未导入")]
    assert any("阳新县科技局”不属于大冶市人民政府的报送范围" in line for line in refused)
    assert any("bad.pdf\t无法读取" in line for line in refused)
    assert err.count("/4 ") == 4 and "[" + "█" * 30 + "] 4/4" in err
    assert ImportedReport.objects.count() == 2
    # Importing the same folder again overwrites nothing.
    code, out, _ = run("import", "--agency", "大冶市人民政府", str(tmp_path))
    assert code == 1
    assert out.splitlines()[-1] == "共 4 个文件：导入 0 个，未导入 4 个。"
    assert ImportedReport.objects.count() == 2


def test_import_refuses_a_missing_path_and_an_agency_outside_regions(rw: RegionWorld) -> None:
    code, _, err = run("import", "--agency", "大冶市人民政府办公室", "/nonexistent/dir")
    assert (code, err) == (2, "错误：找不到文件或文件夹：/nonexistent/dir\n")
    code, _, err = run("import", "--agency", "阳新县人民政府办公室", "x.zip")
    assert code == 2
