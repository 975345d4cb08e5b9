"""The one task on the queue: run a recorded :class:`Job` by its kind's handler."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from xxgk.errors import DomainError
from xxgk.jobs import services
from xxgk.jobs.kinds import KINDS
from xxgk.jobs.models import Job

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> dict[str, Any]:
    job = Job.objects.get(pk=job_id)
    services.begin_job(job)

    def progress(done: int, total: int, message: str = "") -> None:
        services.report_progress(job, done, total, message)

    try:
        result = KINDS[job.kind].load()(job, progress)
    except DomainError as exc:
        services.fail_job(job, exc.message)
        return {"ok": False, "error": exc.message}
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        services.fail_job(job, f"任务执行时发生意外错误（{type(exc).__name__}），请联系管理员。")
        raise
    services.finish_job(job, result)
    return {"ok": True}
