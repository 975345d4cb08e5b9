"""The database count of table 2 equals the pure counting rule, case by case."""

from __future__ import annotations

import random
from datetime import date, timedelta

from xxgk.applications.models import Application
from xxgk.applications.tables import T2_COLUMNS, T2_RESULT_ROWS, aggregate_t2, count_t2_in_database
from xxgk.testing import World


def test_it_counts_table_2_in_sql_exactly_like_the_pure_rule(world: World) -> None:
    rng = random.Random(2025)
    rows = []
    for i in range(300):
        received = date(2023, 10, 1) + timedelta(days=rng.randrange(900))
        closed = received + timedelta(days=rng.randrange(1, 60)) if rng.random() < 0.85 else None
        outcome = rng.choice(T2_RESULT_ROWS) if closed else ""
        rows.append(
            Application(
                agency=world.a,
                case_number=f"T{i}",
                tracking_code=f"code{i:08d}",
                channel="online",
                received_on=received,
                applicant_kind=rng.choice(T2_COLUMNS),
                applicant_name="x",
                applicant_key=f"k{i}",
                information_title="t",
                description="d",
                status="closed" if closed else "received",
                outcome=outcome,
                closed_on=closed,
            )
        )
    Application.objects.bulk_create(rows)
    tuples = [(a.applicant_kind, a.received_on, a.closed_on, a.outcome) for a in rows]
    for year in (2023, 2024, 2025, 2026):
        assert count_t2_in_database(world.a, year) == aggregate_t2(tuples, year), year
    assert count_t2_in_database(world.b, 2024) == aggregate_t2([], 2024)
