"""Comparing two years' reports (``xxgk report compare OLD NEW``)."""

from __future__ import annotations

import json
from pathlib import Path

from xxgk.annual_reports.compare import compare
from xxgk.annual_reports.data import Section
from xxgk.annual_reports.tests.test_report_command import run
from xxgk.annual_reports.tests.test_rules import good


def pair():
    old = good()
    new = good()
    new.year = old.year + 1
    return old, new


def test_matching_years_give_no_finding() -> None:
    old, new = pair()
    for row in ("regulations", "normative"):
        new.cells[f"t1.{row}.in_force"] = (
            old.cells[f"t1.{row}.in_force"]
            + new.cells[f"t1.{row}.issued"]
            - new.cells[f"t1.{row}.repealed"]
        )
    for col in (
        "natural",
        "commercial",
        "research",
        "public_interest",
        "legal_services",
        "other_org",
        "total",
    ):
        new.cells[f"t2.carried_in.{col}"] = old.cells[f"t2.carried_out.{col}"]
    new.sections = []
    assert [f.code for f in compare(old, new) if f.code != "R-COMPARE-CHANGE"] == []


def test_carry_over_continuity_changes_and_copied_text_are_found() -> None:
    old, new = pair()
    new.cells["t2.carried_in.natural"] = (old.cells["t2.carried_out.natural"] or 0) + 1
    new.cells["t1.normative.in_force"] = old.cells["t1.normative.in_force"] + 1000
    text = "本年度我单位认真贯彻落实政府信息公开条例，持续推进主动公开，规范依申请公开办理，" * 2
    old.sections = [Section("一、总体情况", text)]
    new.sections = [Section("一、总体情况", text + "另有调整。")]
    codes = {f.code for f in compare(old, new)}
    assert {
        "R-CROSS-YEAR-CARRY",
        "R-COMPARE-CONTINUITY",
        "R-COMPARE-CHANGE",
        "R-COMPARE-COPIED",
    } <= codes


def test_a_report_of_another_agency_is_not_compared() -> None:
    old, new = pair()
    new.agency = "另一个机关"
    assert [f.code for f in compare(old, new)] == ["R-PREVIOUS-YEAR"]


def test_the_command_reads_two_files(tmp_path: Path) -> None:
    old, new = pair()
    (tmp_path / "old.json").write_text(json.dumps(old.to_json(), ensure_ascii=False), "utf-8")
    new.cells["t2.carried_in.natural"] = (old.cells["t2.carried_out.natural"] or 0) + 1
    (tmp_path / "new.json").write_text(json.dumps(new.to_json(), ensure_ascii=False), "utf-8")
    code, out, _ = run("compare", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--json")
    data = json.loads(out)
    assert code == 1
    assert "R-CROSS-YEAR-CARRY" in {f["code"] for f in data["findings"]}
