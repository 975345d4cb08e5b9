from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from xxgk.testdata import SEED


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("report", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_it_parses_the_seed_to_json_with_198_cells_and_its_date() -> None:
    code, out, _ = run("parse", str(SEED), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["dated"] == "2019-01-08"
    assert len(data["cells"]) == 198
    assert data["cells"]["t1.other_services.change"] == -13
    assert "R-DATE-BEFORE-YEAR-END" in {f["code"] for f in data["findings"]}


def test_it_checks_the_seed_and_exits_1() -> None:
    code, out, _ = run("check", str(SEED))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("R-DATE-BEFORE-YEAR-END 错误 落款日期：")
    assert sum(1 for line in lines if line.startswith("R-HEADINGS 警告 ")) == 5
    assert lines[-1] == "共 1 个错误，5 个警告"


def test_it_exits_0_for_a_clean_report_and_2_for_an_unreadable_file(tmp_path: Path) -> None:
    from xxgk.annual_reports.tests.test_rules import good

    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps(good().to_json(), ensure_ascii=False), "utf-8")
    assert run("check", str(clean))[0] == 0
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run("check", str(empty))
    assert (code, err.strip()) == (2, "无法读取报告 empty.txt：文件为空")
    assert run("check", str(tmp_path / "missing.txt"))[0] == 2


def test_it_refuses_an_unknown_output_extension(tmp_path: Path) -> None:
    code, _, err = run("render", str(tmp_path / "x.json"), "--to", str(tmp_path / "out.odt"))
    assert code == 2
    assert "不支持的输出格式" in err


def test_it_renders_the_seed_as_2021_json_without_inventing_numbers(tmp_path: Path) -> None:
    out = tmp_path / "seed2021.json"
    code, _, _ = run("render", str(SEED), "--to", str(out), "--format", "2021")
    data = json.loads(out.read_text("utf-8"))
    assert code == 0
    assert data["format"] == "2021"
    assert data["cells"]["t1.fees.amount"] is None
    assert data["cells"]["t2.other.natural"] == 0
    assert data["cells"]["t2.other.no_amendment.natural"] is None
