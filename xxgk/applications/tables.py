"""Tables 2 and 3 of the annual report, computed from the case records.

The counting is a pure function over plain tuples (`aggregate_t2`, `aggregate_t3`), tested
without a database; `application_tables(agency, year)` only fetches the tuples.

Table 2 (per applicant column; domain.md §2.3, spec/report-cells.md):
* new         = received in Y
* carried_in  = received before Y and not closed before Y-01-01
* result rows = closed in Y, by outcome (exactly one row per case; 部分公开 only there)
* carried_out = received by Y-12-31 and not closed by Y-12-31
so new + carried_in = total + carried_out holds by construction (R-T2-BALANCE) when every
case closed in Y has an outcome and was not closed before it was received — which
`data_problems()` checks.

Table 3 (per group = route): an appeal counts in Y if it was filed by Y-12-31 and was not
decided before Y-01-01 (filed in Y, or still open at the start of Y); its column is its
result if decided by Y-12-31, else 尚未审结. Rows recorded as "review body co-defendant"
are not counted (国办公开办函〔2016〕201号).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F, Q
from django.urls import reverse

from xxgk.applications.models.choices import ApplicantKind, Outcome

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

T2_COLUMNS = [k.value for k in ApplicantKind]  # natural … other_org
T2_RESULT_ROWS = [o.value for o in Outcome]  # the 2021 result rows
T2_ROWS = ["new", "carried_in", *T2_RESULT_ROWS, "other", "total", "carried_out"]
T3_GROUPS = ["reconsideration", "litigation_direct", "litigation_after"]
T3_COLUMNS = ["upheld", "corrected", "other", "pending"]

# (applicant_kind, received_on, closed_on, outcome)
CaseTuple = tuple[str, date, date | None, str]
# (route, filed_on, decided_on, result, review_body_co_defendant)
AppealTuple = tuple[str, date, date | None, str, bool]


def aggregate_t2(cases: Iterable[CaseTuple], year: int) -> dict[str, int]:
    """Return every t2.* cell (both formats' rows, incl. the derived t2.other.*)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    cells = {f"t2.{row}.{col}": 0 for row in T2_ROWS for col in [*T2_COLUMNS, "total"]}

    def add(row: str, col: str) -> None:
        cells[f"t2.{row}.{col}"] += 1
        cells[f"t2.{row}.total"] += 1

    for kind, received, closed, outcome in cases:
        if received > end:
            continue
        if start <= received:
            add("new", kind)
        elif closed is None or closed >= start:
            add("carried_in", kind)
        if closed is not None and start <= closed <= end and outcome:
            add(outcome, kind)
            add("total", kind)
            if outcome.startswith("other."):
                add("other", kind)
        if closed is None or closed > end:
            add("carried_out", kind)
    return cells


def aggregate_t3(appeals: Iterable[AppealTuple], year: int) -> dict[str, int]:
    """Return every t3.* cell."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    cells = {f"t3.{g}.{c}": 0 for g in T3_GROUPS for c in [*T3_COLUMNS, "total"]}
    for route, filed, decided, result, co_defendant in appeals:
        if co_defendant or filed > end or (decided is not None and decided < start):
            continue
        column = result if decided is not None and decided <= end else "pending"
        cells[f"t3.{route}.{column}"] += 1
        cells[f"t3.{route}.total"] += 1
    return cells


def application_tables(agency: Agency, year: int) -> dict[str, int]:
    """Return every t2.* and t3.* cell of one agency-year, computed from the records."""
    from xxgk.appeals.models import Appeal

    appeals = Appeal.objects.filter(agency=agency, filed_on__lte=date(year, 12, 31)).values_list(
        "route", "filed_on", "decided_on", "result", "review_body_co_defendant"
    )
    return count_t2_in_database(agency, year) | aggregate_t3(appeals, year)


def count_t2_in_database(agency: Agency, year: int) -> dict[str, int]:
    """The same cells as `aggregate_t2`, counted by the database (GROUP BY, no rows fetched).

    A busy agency-year has 10^5 cases; counting them in SQL keeps the report's compute time
    close to a plain GROUP BY (bench/bench_report_compute.py). Equality with the pure
    function is tested (tests/test_tables_sql.py).
    """
    from django.db.models import Count

    from xxgk.applications.models import Application

    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = Application.objects.filter(agency=agency, received_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    cells = {f"t2.{row}.{col}": 0 for row in T2_ROWS for col in [*T2_COLUMNS, "total"]}

    def add(row: str, col: str, n: int) -> None:
        cells[f"t2.{row}.{col}"] += n
        cells[f"t2.{row}.total"] += n

    flows = cases.values("applicant_kind").annotate(
        new=Count("id", filter=Q(received_on__gte=start)),
        carried_in=Count("id", filter=Q(received_on__lt=start)),
        carried_out=Count("id", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
    )
    for row in flows.order_by():
        for key in ("new", "carried_in", "carried_out"):
            add(key, row["applicant_kind"], row[key])
    results = (
        cases.filter(closed_on__lte=end)
        .exclude(outcome="")
        .values("applicant_kind", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in results:
        kind, outcome, n = row["applicant_kind"], row["outcome"], row["n"]
        add(outcome, kind, n)
        add("total", kind, n)
        if outcome.startswith("other."):
            add("other", kind, n)
    return cells


@dataclass(frozen=True)
class DataProblem:
    message: str
    url: str
    label: str


def data_problems(agency: Agency, year: int) -> list[DataProblem]:
    """Return records that would make tables 2/3 of `year` wrong, each with a link."""
    from xxgk.appeals.models import Appeal
    from xxgk.applications.models import Application, Status

    problems: list[DataProblem] = []
    end = date(year, 12, 31)
    cases = Application.objects.filter(agency=agency, received_on__lte=end)
    for app in cases.filter(status=Status.CLOSED, outcome=""):
        problems.append(DataProblem("已办结但没有办理结果", _case_url(app.pk), app.case_number))
    # Filters run in the database: a year of 100k cases must not load 100k objects here.
    for app in cases.filter(closed_on__lt=F("received_on")):
        problems.append(DataProblem("答复日期早于收到申请之日", _case_url(app.pk), app.case_number))
    for app in (
        cases.filter(closed_on__isnull=True).exclude(status=Status.CLOSED).exclude(outcome="")
    ):
        problems.append(DataProblem("未办结却有办理结果", _case_url(app.pk), app.case_number))
    for app in cases.exclude(applicant_kind__in=T2_COLUMNS):
        problems.append(
            DataProblem("申请人类型不是表二的某一列", _case_url(app.pk), app.case_number)
        )
    for appeal in Appeal.objects.filter(
        agency=agency, filed_on__lte=end, decided_on__lt=F("filed_on")
    ):
        problems.append(
            DataProblem(
                "审结日期早于申请/起诉日期",
                reverse("appeals:detail", args=[appeal.pk]),
                str(appeal),
            )
        )
    return problems


def _case_url(pk: int) -> str:
    return reverse("applications:detail", args=[pk])
