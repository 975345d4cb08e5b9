from __future__ import annotations

from datetime import date

from xxgk.annual_reports.schema import FORMATS
from xxgk.applications.tables import aggregate_t2, aggregate_t3


def test_it_produces_every_code_of_both_formats() -> None:
    # given / when
    cells = aggregate_t2([], 2025) | aggregate_t3([], 2025)
    # then
    for fmt in FORMATS.values():
        wanted = {c for c in fmt.all_codes() if c.startswith(("t2.", "t3."))}
        assert wanted <= set(cells)


def test_it_counts_carry_over_in_and_out() -> None:
    cases = [
        ("natural", date(2024, 12, 30), date(2025, 1, 6), "disclosed"),  # carried in, closed in Y
        ("commercial", date(2024, 12, 31), None, ""),  # carried in and out
        ("natural", date(2024, 6, 1), date(2024, 7, 1), "disclosed"),  # before Y: absent
        ("research", date(2025, 12, 29), date(2026, 1, 5), "partial"),  # new, carried out
        ("natural", date(2025, 3, 1), date(2025, 3, 20), "other.unpaid_fee"),
        ("natural", date(2026, 1, 2), None, ""),  # after Y: absent
    ]
    cells = aggregate_t2(cases, 2025)
    assert cells["t2.carried_in.total"] == 2
    assert cells["t2.carried_in.commercial"] == 1
    assert cells["t2.new.total"] == 2
    assert cells["t2.disclosed.natural"] == 1
    assert cells["t2.other.unpaid_fee.natural"] == 1
    assert cells["t2.other.natural"] == 1
    assert cells["t2.total.total"] == 2
    assert cells["t2.carried_out.total"] == 2
    assert cells["t2.partial.total"] == 0


def test_it_counts_appeals_active_in_the_year_and_skips_co_defendant_review_bodies() -> None:
    appeals = [
        ("reconsideration", date(2025, 2, 1), date(2025, 3, 1), "upheld", False),
        (
            "reconsideration",
            date(2025, 11, 1),
            date(2026, 1, 10),
            "corrected",
            False,
        ),  # pending at Y end
        ("litigation_direct", date(2024, 5, 1), date(2025, 2, 1), "corrected", False),  # carried in
        ("litigation_after", date(2024, 5, 1), date(2024, 9, 1), "upheld", False),  # done before Y
        ("litigation_after", date(2025, 5, 1), None, "pending", True),  # co-defendant: not counted
    ]
    cells = aggregate_t3(appeals, 2025)
    assert cells["t3.reconsideration.upheld"] == 1
    assert cells["t3.reconsideration.pending"] == 1
    assert cells["t3.reconsideration.total"] == 2
    assert cells["t3.litigation_direct.corrected"] == 1
    assert cells["t3.litigation_after.total"] == 0
