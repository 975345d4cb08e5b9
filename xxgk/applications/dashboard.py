"""The case desk's panel on the back-office dashboard (registered in AppConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications.models import Application


def due_cases_panel(request: HttpRequest) -> dict[str, object] | None:
    agencies = policy.visible_agencies(request.user, Action.HANDLE_APPLICATION)
    if not agencies.exists():
        return None
    today = timezone.localdate()
    soon = clock.due_soon_cutoff(today)
    cases = (
        Application.objects.filter(agency__in=agencies)
        .due_by(soon)
        .select_related("agency")
        .order_by("due_date")[:20]
    )
    items = [
        {
            "text": f"{c.case_number} {c.information_title[:30]}（{c.due_date:%Y-%m-%d}）",
            "url": c.get_absolute_url(),
            "badge": "已超期" if c.due_date < today else "即将到期",
            "badge_class": "overdue" if c.due_date < today else "due-soon",
        }
        for c in cases
    ]
    return {
        "title": "依申请公开：即将到期和已超期",
        "items": items,
        "empty": "没有5个工作日内到期的申请。",
    }


def awaiting_confirmation_panel(request: HttpRequest) -> dict[str, object] | None:
    """Online submissions waiting for the office's confirmation (Art. 31), oldest first."""
    agencies = policy.visible_agencies(request.user, Action.HANDLE_APPLICATION)
    if not agencies.exists():
        return None
    today = timezone.localdate()
    cases = Application.objects.filter(agency__in=agencies).awaiting_confirmation()[:20]
    items = [
        {
            "text": f"{c.case_number} {c.information_title[:30]}",
            "url": c.get_absolute_url(),
            "badge": f"已等待{c.age_days(today)}天",
            "badge_class": "due-soon" if c.age_days(today) >= 2 else "",
        }
        for c in cases
    ]
    if not items:
        return None
    return {"title": "依申请公开：待确认的网上申请（第三十一条）", "items": items}
