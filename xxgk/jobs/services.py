"""State changes of background jobs: start (by a person), then run, progress, finish or fail
(by the worker). The worker's steps have no actor: the queue runs them on the starter's behalf.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.errors import DomainError
from xxgk.jobs.kinds import KINDS
from xxgk.jobs.models import TRANSITIONS, Job, JobStatus

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency


def _move(job: Job, status: JobStatus) -> None:
    if status not in TRANSITIONS[job.status]:
        raise DomainError(
            f"任务当前状态为“{job.get_status_display()}”，不能变为“{status.label}”。",
            code="bad_state",
        )
    job.status = status


@transaction.atomic
def start_job(
    kind: str,
    *,
    actor: User | None,
    agency: Agency | None = None,
    year: int | None = None,
    params: dict[str, Any] | None = None,
    title: str = "",
) -> Job:
    """Record the job and put it on the queue in one transaction (ADR 0007).

    With the database backend the queue row commits with the job row and a ``db_worker``
    picks it up; with the immediate backend (tests, ``XXGK_TASKS_BACKEND=immediate``) it has
    already run when this returns.
    """
    from xxgk.jobs.tasks import run_job

    spec = KINDS.get(kind)
    if spec is None:
        raise DomainError(f"未知的后台任务类型：{kind}")
    if actor is not None:
        if agency is None:
            raise DomainError("后台任务必须指定所属机关。")
        policy.require(actor, spec.action, agency)
    job = Job.objects.create(
        kind=kind,
        title=title or spec.label,
        agency=agency,
        year=year,
        params=params or {},
        created_by=actor,
    )
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def begin_job(job: Job) -> Job:
    _move(job, JobStatus.RUNNING)
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    return job


def report_progress(job: Job, done: int, total: int, message: str = "") -> None:
    """One UPDATE per step, outside any long transaction, so the page sees it immediately."""
    job.done, job.total, job.message = done, total, message[:300]
    Job.objects.filter(pk=job.pk).update(done=done, total=total, message=job.message)


def finish_job(job: Job, result: dict[str, Any]) -> Job:
    _move(job, JobStatus.DONE)
    job.result = result
    job.done = max(job.done, job.total)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "done", "finished_at"])
    return job


def fail_job(job: Job, error: str) -> Job:
    _move(job, JobStatus.FAILED)
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return job
