"""Background-job handlers of the region's annual-report work (registered in xxgk/jobs/kinds.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from xxgk.annual_reports.region_scope import region_agencies
from xxgk.annual_reports.scorecard import reasons
from xxgk.annual_reports.scoring import region_scorecard
from xxgk.errors import DomainError
from xxgk.jobs.kinds import Progress
from xxgk.jobs.models import Job


def scorecard(job: Job, progress: Progress) -> dict[str, Any]:
    """Score every agency of the job's region for the job's year and rank them."""
    if job.agency is None or job.year is None:
        raise DomainError("评估任务缺少机关或年度。")
    agencies = region_agencies(job.agency)
    progress(0, len(agencies), f"共{len(agencies)}个单位，开始评分")
    cards = region_scorecard(agencies, job.year, progress=progress)
    top = "、".join(f"{c.rank}. {c.agency}（{c.score}分）" for c in cards[:3])
    return {
        "summary": f"已对{len(cards)}个单位评分。前三名：{top}",
        "url": reverse("annual_reports:scorecard_result", args=[job.pk]),
        "cards": [c.to_json() | {"reasons": reasons(c)} for c in cards],
    }


def aggregate(job: Job, progress: Progress) -> dict[str, Any]:
    """Re-aggregate the government's report; a blocked region fails the job with the list."""
    from xxgk.annual_reports.regional import aggregate_report

    if job.agency is None or job.year is None:
        raise DomainError("汇总任务缺少机关或年度。")
    progress(0, 1, "正在汇总")
    snapshot = aggregate_report(job.agency, job.year, actor=job.created_by)
    covers = snapshot.data["covers"]
    progress(1, 1, "汇总完成")
    return {
        "summary": f"已汇总{len(covers)}个单位的数据，"
        f"排除{len(snapshot.data.get('excluded', []))}个单位。",
        "url": reverse("annual_reports:aggregate", args=[job.agency.pk, job.year]),
    }
