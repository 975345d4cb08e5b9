"""The previous year's annual reports of some agencies and the days left to their deadline.

The deadline itself (31 January for departments, 31 March for a people's government's own
report, 31 March for every report on a year before 2019) comes from
xxgk/lib/report_deadline.py, through `Agency.report_deadline`; this module only lists the
reports and counts calendar days. Used by the dashboard panel and `xxgk remind`
(annual_reports/reminders.py) and by the report index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xxgk.agencies.models import Agency


@dataclass(frozen=True)
class ReportDue:
    agency: Agency
    year: int
    deadline: date
    days_left: int
    status_label: str
    published: bool

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)


def due_reports(agencies: list[Agency], today: date) -> list[ReportDue]:
    """Return the reports on the year before `today`'s year, one per agency, unpublished first.

    Every agency gets a row (status 未开始 when it has no report yet). `days_left` is negative
    once the deadline has passed. Whether to show the list at all is the caller's decision
    (reminders only show it from January to March).
    """
    from xxgk.annual_reports.models import AnnualReport

    year = today.year - 1
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    out = []
    for agency in agencies:
        deadline = agency.report_deadline(year)
        report = reports.get(agency.pk)
        published = bool(report and report.current_version_id)
        label = "未开始" if report is None else report.get_status_display()
        out.append(ReportDue(agency, year, deadline, (deadline - today).days, label, published))
    return sorted(out, key=lambda d: (d.published, d.days_left))
