from __future__ import annotations

from collections import Counter
from datetime import date

from xxgk.annual_reports.export import export_rows
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
