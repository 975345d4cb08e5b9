"""Joined digits that one row cannot split, settled by the table-2 column totals (or not)."""

from __future__ import annotations

import pytest

from xxgk.ingestion.read import decode_text, read_report
from xxgk.ingestion.text import read_text_report
from xxgk.testdata import SAMPLES

COLUMNS = ("natural", "commercial", "research", "public_interest", "legal_services")
COLUMNS += ("other_org", "total")


def row(prefix: str, values: tuple[int, ...]) -> dict[str, int]:
    return {f"t2.{prefix}.{col}": v for col, v in zip(COLUMNS, values, strict=True)}


@pytest.mark.parametrize(
    ("name", "expected", "t1_digits"),
    [
        (
            "2021_pingtan_gwh_1.txt",
            row("disclosed", (27, 0, 0, 2, 0, 1, 30))
            | row("unavailable.not_held", (22, 0, 0, 0, 0, 3, 25)),
            "693665",
        ),
        (
            "2023_pingtan_gwh_1.txt",
            row("disclosed", (22, 0, 0, 0, 0, 0, 22)) | row("partial", (19, 1, 0, 0, 0, 0, 20)),
            "77132470",
        ),
    ],
)
def test_it_splits_joined_rows_by_the_column_totals(
    name: str, expected: dict[str, int], t1_digits: str
) -> None:
    report = read_report(SAMPLES / name)
    # The page's HTML version prints the same cells in real table markup.
    html = read_report(SAMPLES / name.replace(".txt", ".html"))
    assert {code: report.cells[code] for code in expected} == expected
    assert {code: html.cells[code] for code in expected} == expected
    printed = [c for c in report.cells if not c.startswith("t2.other.") or c.count(".") == 3]
    assert [c for c in printed if report.cells[c] is None] == [
        "t1.normative.issued",
        "t1.normative.repealed",
        "t1.normative.in_force",
    ]
    # Table 1 has no identity to settle its row: it stays blank, reported.
    ambiguous = [f for f in report.findings if f.code == "R-READ-AMBIGUOUS"]
    assert [f.where for f in ambiguous] == ["表一 行政规范性文件行"]
    assert f"「{t1_digits}」" in ambiguous[0].message
    settled = [f for f in report.findings if f.code == "R-READ-JOINED" and "各列总计" in f.message]
    assert len(settled) == 2


def test_it_keeps_the_rows_blank_when_the_total_row_is_not_printed() -> None:
    text = decode_text((SAMPLES / "2021_pingtan_gwh_1.txt").read_bytes())
    assert text.count("（七）总计630020469") == 1
    report = read_text_report(text.replace("（七）总计630020469", ""))
    assert report.cells["t2.disclosed.natural"] is None
    assert report.cells["t2.unavailable.not_held.total"] is None
    assert sorted(f.where for f in report.findings if f.code == "R-READ-AMBIGUOUS") == [
        "表一 行政规范性文件行",
        "表二 （一）予以公开行",
        "表二 （四）无法提供 1.本机关不掌握相关政府信息行",
    ]
