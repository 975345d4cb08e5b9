"""Background jobs: what a person started, how far it is, and what came out.

The queue itself is django-tasks' database backend (``django_tasks_db.DBTaskResult``, ADR 0007):
a job row is written in the same transaction as its queue row, so a job is never queued
without being visible, nor visible without being queued. This model adds what the queue does
not know: who started it, for which agency, the progress to show on the page, and a Chinese
result summary.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


TRANSITIONS: dict[str, set[str]] = {
    JobStatus.QUEUED: {JobStatus.RUNNING, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.DONE, JobStatus.FAILED},
    JobStatus.DONE: set(),
    JobStatus.FAILED: set(),
}


class Job(models.Model):
    kind = models.CharField("任务类型", max_length=40)
    title = models.CharField("任务", max_length=200)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.CharField("进度说明", max_length=300, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    error = models.TextField("错误", blank=True)
    # The id of the queue row (django_tasks_db.DBTaskResult), for operators.
    task_id = models.CharField("队列任务号", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "agency", "year"], name="job_kind_agency_year")]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
