"""Who may read which audit rows, and the trail's filters (shared by the screen and exports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.audit.models import AuditRecord


def readable(user: Any) -> QuerySet[AuditRecord]:
    """The rows `user` may read: their agencies' (公开办), those below them (supervisor).

    Rows without an agency (the installation-wide calendar, CLI maintenance) are for
    superusers only.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return AuditRecord.objects.all()
    ids = list(policy.visible_agencies(user, Action.VIEW_AUDIT_TRAIL).values_list("pk", flat=True))
    return AuditRecord.objects.filter(agency_pk__in=ids)


@dataclass(frozen=True)
class TrailFilter:
    agency: str = ""
    actor: str = ""
    action: str = ""
    text: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_query(cls, query: Any) -> tuple[TrailFilter, list[str]]:
        """Read the filter from GET parameters; bad dates are reported, not fatal."""
        problems: list[str] = []

        def day(name: str, label: str) -> date | None:
            raw = (query.get(name) or "").strip()
            if not raw:
                return None
            try:
                return date.fromisoformat(raw)
            except ValueError:
                problems.append(f"{label}“{raw[:20]}”不是有效日期（格式如 2026-01-31）。")
                return None

        return (
            cls(
                agency=(query.get("agency") or "").strip()[:20],
                actor=(query.get("actor") or "").strip()[:150],
                action=(query.get("action") or "").strip()[:80],
                text=(query.get("q") or "").strip()[:100],
                since=day("since", "起始日期"),
                until=day("until", "截止日期"),
            ),
            problems,
        )

    def apply(self, rows: QuerySet[AuditRecord]) -> QuerySet[AuditRecord]:
        if self.agency.isdigit():
            rows = rows.filter(agency_pk=int(self.agency))
        if self.actor:
            rows = rows.filter(actor_name__icontains=self.actor)
        if self.action:
            rows = rows.filter(action=self.action)
        if self.text:
            rows = rows.filter(Q(object_repr__icontains=self.text) | Q(object_id=self.text))
        zone = timezone.get_current_timezone()
        if self.since:
            rows = rows.filter(at__gte=datetime.combine(self.since, time.min, tzinfo=zone))
        if self.until:
            end = datetime.combine(self.until + timedelta(days=1), time.min, tzinfo=zone)
            rows = rows.filter(at__lt=end)
        return rows
