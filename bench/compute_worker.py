"""Worker for bench_report_compute: runs in its own process with XXGK_DATABASE_URL set.

Fills a scratch database with one agency-year of N cases and M publications (bulk inserts,
bypassing the services: this measures reading, not writing), then times `compute_report`
against a single GROUP BY over the same rows. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

YEAR = 2025
TZ = ZoneInfo("Asia/Shanghai")
OUTCOMES = [
    "disclosed",
    "partial",
    "withheld.third_party",
    "unavailable.not_held",
    "not_processed.duplicate",
    "other.other",
]
KINDS = ["natural", "commercial", "research", "public_interest", "legal_services", "other_org"]


def fill(cases: int, publications: int) -> object:
    from xxgk.agencies.models import Agency
    from xxgk.applications.models import Application
    from xxgk.publications.models import (
        Category,
        Channel,
        ChannelPublication,
        Publication,
        PublicationRevision,
    )

    agency = Agency.objects.create(
        name="基准测试局", short_name="基准", code="bench", kind="department"
    )
    rng = random.Random(7)
    start = date(YEAR, 1, 1)
    batch: list[Application] = []
    for i in range(cases):
        received = start + timedelta(days=rng.randrange(365))
        closed = received + timedelta(days=rng.randrange(5, 40))
        is_open = closed.year > YEAR and rng.random() < 0.5
        batch.append(
            Application(
                agency=agency,
                case_number=f"B{i}",
                tracking_code=f"t{i:012d}",
                channel="online",
                received_on=received,
                applicant_kind=rng.choice(KINDS),
                applicant_name="x",
                applicant_key=f"k{i % 5000}",
                information_title="基准",
                description="基准",
                status="received" if is_open else "closed",
                outcome="" if is_open else rng.choice(OUTCOMES),
                closed_on=None if is_open else closed,
            )
        )
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)

    categories = [
        Category.objects.create(agency=agency, name=f"分类{i}", order=i) for i in range(8)
    ]
    channels = [
        Channel.objects.create(agency=agency, name=f"渠道{i}", kind="other") for i in range(4)
    ]
    published = datetime(YEAR, 1, 1, 9, tzinfo=TZ)
    done = 0
    while done < publications:
        n = min(5000, publications - done)
        pubs = Publication.objects.bulk_create(
            [
                Publication(
                    agency=agency,
                    index_number=f"bench/{done + i}",
                    status="published",
                    published_at=published + timedelta(minutes=(done + i) % 500000),
                    is_late=(done + i) % 50 == 0,
                )
                for i in range(n)
            ]
        )
        PublicationRevision.objects.bulk_create(
            [
                PublicationRevision(
                    publication=p,
                    number=1,
                    title="基准信息",
                    issuer="基准测试局",
                    formed_on=date(YEAR, 1, 1),
                    category=categories[(done + i) % 8],
                )
                for i, p in enumerate(pubs)
            ]
        )
        ChannelPublication.objects.bulk_create(
            [
                ChannelPublication(
                    publication=p, channel=channels[(done + i) % 4], appeared_on=date(YEAR, 1, 2)
                )
                for i, p in enumerate(pubs)
            ]
        )
        done += n
    # One set-based UPDATE instead of a million bulk_update rows.
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE publications_publication SET live_revision_id = (SELECT r.id FROM "
            "publications_publicationrevision r WHERE r.publication_id = publications_publication.id) "
            "WHERE agency_id = %s",
            [agency.pk],
        )
    return agency


def timed(fn: object, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    cases, publications = int(sys.argv[1]), int(sys.argv[2])
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    agency = fill(cases, publications)
    fill_s = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

    from xxgk.annual_reports.compute import compute_report

    def baseline() -> None:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT applicant_kind, outcome, COUNT(*) FROM applications_application "
                "WHERE agency_id = %s GROUP BY applicant_kind, outcome",
                [agency.pk],
            )
            cur.fetchall()
            cur.execute(
                "SELECT r.category_id, COUNT(*) FROM publications_publication p "
                "JOIN publications_publicationrevision r ON r.id = p.live_revision_id "
                "WHERE p.agency_id = %s GROUP BY r.category_id",
                [agency.pk],
            )
            cur.fetchall()

    from django.test.utils import CaptureQueriesContext

    from xxgk.annual_reports.compute import _fees
    from xxgk.annual_reports.schema import format_for_year
    from xxgk.applications.tables import application_tables, data_problems
    from xxgk.publications.registers import table1_cells
    from xxgk.publications.stats import publication_stats

    report = compute_report(agency, YEAR).report
    base = timed(baseline)
    compute = timed(lambda: compute_report(agency, YEAR))
    with CaptureQueriesContext(connection) as queries:
        compute_report(agency, YEAR)
    fmt = format_for_year(YEAR)
    parts = {
        "data problems": timed(lambda: data_problems(agency, YEAR)),
        "table 1 (registers)": timed(lambda: table1_cells(agency, YEAR, fmt)),
        "tables 2-3 (cases)": timed(lambda: application_tables(agency, YEAR)),
        "publication stats": timed(lambda: publication_stats(agency, YEAR)),
        "fees": timed(lambda: _fees(agency, YEAR)),
    }
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "cases": cases,
                "publications": publications,
                "fill_s": round(fill_s, 1),
                "baseline_s": base,
                "compute_s": compute,
                "queries": len(queries),
                "parts": parts,
                "new_total": report.cells["t2.new.total"],
            }
        )
    )


if __name__ == "__main__":
    main()
