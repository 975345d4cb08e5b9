from __future__ import annotations

from collections import Counter
from datetime import date

from xxgk.annual_reports.export import COUNTING_LABELS, CSV_COLUMNS, export_rows, labelled
from xxgk.applications.tables import aggregate_t2

CASES = [
    ("A-1", "natural", date(2024, 12, 20), date(2025, 1, 10), "disclosed"),  # carried in, closed
    ("A-2", "natural", date(2024, 12, 28), date(2026, 1, 5), "partial"),  # carried in and out
    ("A-3", "commercial", date(2025, 3, 1), date(2025, 3, 20), "withheld.third_party"),
    ("A-4", "research", date(2025, 12, 25), None, ""),  # carried out, still open
    ("A-5", "natural", date(2024, 5, 1), date(2024, 6, 1), "disclosed"),  # not in 2025
    ("A-6", "natural", date(2026, 1, 2), None, ""),  # not in 2025
]


def test_it_lists_exactly_the_cases_that_count_in_the_year() -> None:
    rows = list(export_rows(CASES, 2025))
    assert [r["case_number"] for r in rows] == ["A-1", "A-2", "A-3", "A-4"]
    assert rows[1] == {
        "case_number": "A-2",
        "applicant_kind": "natural",
        "outcome": "",
        "received_on": "2024-12-28",
        "closed_on": "",
        "entered": "carried_in",
        "left": "carried_out",
    }


def test_it_recounts_to_the_same_table_2() -> None:
    cells = aggregate_t2([(k, r, c, o) for _, k, r, c, o in CASES], 2025)
    rows = list(export_rows(CASES, 2025))
    recount = Counter()
    for row in rows:
        recount[f"t2.{row['entered']}.{row['applicant_kind']}"] += 1
        recount[f"t2.{row['entered']}.total"] += 1
        if row["left"] == "closed":
            recount[f"t2.{row['outcome']}.{row['applicant_kind']}"] += 1
        else:
            recount[f"t2.carried_out.{row['applicant_kind']}"] += 1
    for code, value in recount.items():
        assert cells[code] == value, code
    assert cells["t2.new.total"] == 2 and cells["t2.carried_in.total"] == 2


def test_it_writes_chinese_headers_and_labels_with_the_codes_beside_them() -> None:
    rows = list(export_rows(CASES, 2025))
    labels = {"natural": "自然人", "disclosed": "予以公开", **COUNTING_LABELS}

    assert [h for h, _ in CSV_COLUMNS][:7] == [
        "申请编号",
        "申请人类型",
        "办理结果",
        "收到申请之日",
        "办结日期",
        "计入",
        "去向",
    ]
    assert labelled(rows[0], labels) == {
        "申请编号": "A-1",
        "申请人类型": "自然人",
        "办理结果": "予以公开",
        "收到申请之日": "2024-12-20",
        "办结日期": "2025-01-10",
        "计入": "上年结转",
        "去向": "本年办结",
        "申请人类型代码": "natural",
        "办理结果代码": "disclosed",
        "计入代码": "carried_in",
        "去向代码": "closed",
    }
