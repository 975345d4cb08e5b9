"""Annual reports on time (条例 Art. 49): the dashboard panel and the `xxgk remind` section.

From 1 January until the deadline (xxgk/lib/report_deadline.py: 31 January for departments,
31 March for a government's own report) the 公开办 and the supervising agencies see which reports are not yet published,
with the days left. Both are registered in AnnualReportsConfig.ready().
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.annual_reports.deadlines import ReportDue, due_reports
from xxgk.lib.dates import chinese_date
from xxgk.lib.report_deadline import LAST_DEADLINE_MONTH

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency
    from xxgk.applications.reminders import DigestSection

# Reminders run from 1 January to the end of the month of the latest deadline (31 March).
LAST_REMINDER_MONTH = LAST_DEADLINE_MONTH


def _text(due: ReportDue) -> str:
    if due.days_left < 0:
        left = f"已逾期{due.overdue_days}天"
    else:
        left = f"剩余{due.days_left}天"
    return f"{due.agency.name}{due.year}年度报告：{due.status_label}，截止{chinese_date(due.deadline)}，{left}"


def pending_reports(agencies: list[Agency], today: date) -> list[ReportDue]:
    if today.month > LAST_REMINDER_MONTH:
        return []
    return [d for d in due_reports(agencies, today) if not d.published]


def report_panel(request: HttpRequest) -> dict[str, object] | None:
    """Dashboard: reports of the user's agencies (and supervised ones) not yet published."""
    agencies = list(policy.visible_agencies(request.user, policy.Action.VIEW_REPORTS))
    if not agencies:
        return None
    pending = pending_reports(agencies, timezone.localdate())
    if not pending:
        return None
    url = reverse("annual_reports:index")
    return {
        "title": "年度报告：尚未发布",
        "items": [
            {
                "text": _text(d),
                "url": url,
                "badge": "逾期" if d.days_left < 0 else f"{d.days_left}天",
                "badge_class": "overdue"
                if d.days_left < 0
                else ("due-soon" if d.days_left <= 10 else ""),
            }
            for d in pending
        ],
    }


def report_digest_section(agency: Agency, today: date) -> DigestSection | None:
    """`xxgk remind`: this agency's and its subordinate agencies' unpublished reports."""
    from xxgk.agencies.models import Agency as AgencyModel
    from xxgk.applications.reminders import DigestSection

    agencies = list(AgencyModel.objects.active().subtree(agency))
    pending = pending_reports(agencies, today)
    if not pending:
        return None
    return DigestSection(f"尚未发布的年度报告（{len(pending)}份）", [_text(d) for d in pending])
