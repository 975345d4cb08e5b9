"""The kinds of background job: what each one runs and who may start it.

A handler is ``handler(job, progress) -> dict`` (the JSON result shown on the job's page). It
reports progress with ``progress(done, total, message)``; each call is one small UPDATE, so the
page that polls the job sees it at once, whichever machine the worker runs on. Other apps add a
kind by adding one entry here (no signals, no import-time registration).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

from xxgk.accounts.policy import Action

if TYPE_CHECKING:
    from xxgk.jobs.models import Job

Progress = Callable[[int, int, str], None]
Handler = Callable[["Job", Progress], dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    code: str
    label: str
    handler: str  # dotted path, imported when the job runs (keeps this module import-light)
    action: Action  # what the starter must be allowed to do in the job's agency

    def load(self) -> Handler:
        return import_string(self.handler)


KINDS: dict[str, JobKind] = {
    kind.code: kind
    for kind in (
        JobKind(
            "check_files",
            "批量校验年度报告文件",
            "xxgk.jobs.handlers.check_files",
            Action.VIEW_REPORTS,
        ),
        JobKind(
            "aggregate",
            "汇总本级政府年度报告",
            "xxgk.annual_reports.region_jobs.aggregate",
            Action.VIEW_REPORTS,
        ),
        JobKind(
            "scorecard",
            "年度报告评估计分",
            "xxgk.annual_reports.region_jobs.scorecard",
            Action.VIEW_REPORTS,
        ),
        JobKind(
            "reminders",
            "发送到期提醒",
            "xxgk.jobs.handlers.send_reminders",
            Action.EDIT_REPORT,
        ),
    )
}
