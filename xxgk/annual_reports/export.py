"""Every case that counts in a year's table 2, one row each, so anyone can recount the table.

The row says how the case counts: `entered` is new (received in the year) or carried_in;
`left` is closed (in the year, with its `outcome` row) or carried_out. Summing the rows by
applicant_kind × outcome gives the result rows, by entered/left the other rows
(xxgk.applications.tables.aggregate_t2 counts the same way). No personal data is exported.

The CSV a clerk opens has Chinese headers and labels first; the codes follow in their own
columns (“…代码”) for scripts and for recounting by cell code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from xxgk.lib.formulas import csv_rows

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

COLUMNS = [
    "case_number",
    "applicant_kind",
    "outcome",
    "received_on",
    "closed_on",
    "entered",
    "left",
]

# CSV header → the machine row's key; "label:" columns show the Chinese label of that key.
CSV_COLUMNS: list[tuple[str, str]] = [
    ("申请编号", "case_number"),
    ("申请人类型", "label:applicant_kind"),
    ("办理结果", "label:outcome"),
    ("收到申请之日", "received_on"),
    ("办结日期", "closed_on"),
    ("计入", "label:entered"),
    ("去向", "label:left"),
    ("申请人类型代码", "applicant_kind"),
    ("办理结果代码", "outcome"),
    ("计入代码", "entered"),
    ("去向代码", "left"),
]
COUNTING_LABELS = {
    "new": "本年新收",
    "carried_in": "上年结转",
    "closed": "本年办结",
    "carried_out": "结转下年度继续办理",
}

# (case_number, applicant_kind, received_on, closed_on, outcome)
CaseRow = tuple[str, str, date, date | None, str]


def export_rows(cases: Iterable[CaseRow], year: int) -> Iterator[dict[str, str]]:
    """Yield the CSV rows of the cases that count in `year` (pure)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    for number, kind, received, closed, outcome in cases:
        if received > end or (closed is not None and closed < start):
            continue
        closed_in_year = closed is not None and closed <= end
        yield {
            "case_number": number,
            "applicant_kind": kind,
            "outcome": outcome if closed_in_year else "",
            "received_on": received.isoformat(),
            "closed_on": closed.isoformat() if closed_in_year else "",
            "entered": "new" if received >= start else "carried_in",
            "left": "closed" if closed_in_year else "carried_out",
        }


def labelled(row: dict[str, str], labels: dict[str, str]) -> dict[str, str]:
    """The CSV row a person reads: Chinese labels first, then the codes (pure)."""
    out = {}
    for header, key in CSV_COLUMNS:
        if key.startswith("label:"):
            value = row[key.removeprefix("label:")]
            out[header] = labels.get(value, value)
        else:
            out[header] = row[key]
    return out


def export_cases_csv(agency: Agency, year: int) -> str:
    """Return the CSV text (UTF-8, header row) for one agency-year."""
    from django.db.models import Q

    from xxgk.applications.models import ApplicantKind, Application, Outcome

    cases = (
        Application.objects.filter(agency=agency, received_on__lte=date(year, 12, 31))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=date(year, 1, 1)))
        .order_by("received_on", "pk")
        .values_list("case_number", "applicant_kind", "received_on", "closed_on", "outcome")
    )
    labels = {**dict(ApplicantKind.choices), **dict(Outcome.choices), **COUNTING_LABELS}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[h for h, _ in CSV_COLUMNS], lineterminator="\n")
    writer.writeheader()
    # Case numbers follow an agency-configured pattern: neutralise formula-like text.
    writer.writerows(csv_rows(labelled(row, labels) for row in export_rows(cases, year)))
    return out.getvalue()
