"""Which annual reports are due and how many days are left (条例 Art. 49; calendar dates)."""

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
    """From 1 January: last year's reports of these agencies, with days left to the deadline.

    Before 1 January nothing is due yet (the year is not over), so the list is empty then.
    """
    from xxgk.annual_reports.models import AnnualReport

    year = today.year - 1
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    out = []
    for agency in agencies:
        month, day = agency.report_deadline_month_day
        deadline = date(year + 1, month, day)
        report = reports.get(agency.pk)
        published = bool(report and report.current_version_id)
        label = "未开始" if report is None else report.get_status_display()
        out.append(ReportDue(agency, year, deadline, (deadline - today).days, label, published))
    return sorted(out, key=lambda d: (d.published, d.days_left))
