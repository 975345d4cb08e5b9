"""The generic review chain (after Wagtail's workflows): Workflow → Step, WorkflowState, StepState.

The engine knows nothing about publications: a reviewed object is any model instance with an
``agency`` attribute, and each review is bound to one *revision* of it (another model
instance with an ``author``). Approval therefore means "this exact revision was approved"
(docs/adr/0004-approval-bound-to-revision.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from xxgk.accounts.models import Role


class WorkflowKind(models.TextChoices):
    PUBLICATION = "publication", "主动公开信息"
    ANNUAL_REPORT = "annual_report", "年度报告"


class Workflow(models.Model):
    """One agency's review chain for one kind of object."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="workflows"
    )
    kind = models.CharField("审核对象", max_length=20, choices=WorkflowKind.choices)
    name = models.CharField("名称", max_length=100)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "审核流程"
        verbose_name_plural = "审核流程"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="workflow_one_per_agency_kind")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.name}"

    def ordered_steps(self) -> list[Step]:
        return list(self.steps.order_by("order"))


class Step(models.Model):
    workflow = models.ForeignKey(
        Workflow, verbose_name="审核流程", on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节名称", max_length=50)
    role = models.CharField("审核角色", max_length=20, choices=Role.choices)
    due_days = models.PositiveSmallIntegerField("办理时限（工作日）", default=2)
    # 保密审查 before publication (条例 Art. 17): a chain without it is refused.
    is_secrecy_review = models.BooleanField("保密审查环节", default=False)
    # Who reviews this step when nobody but the draft's author holds its role (a section
    # head's own draft): without it, an ordinary step passes to the next one with a note.
    alternate_role = models.CharField(
        "替代审核角色", max_length=20, choices=Role.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ["workflow", "order"]
        constraints = [
            models.UniqueConstraint(fields=["workflow", "order"], name="step_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}（{self.get_role_display()}）"


class WorkflowStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "审核中"
    APPROVED = "approved", "已审核通过"
    NEEDS_CHANGES = "needs_changes", "退回修改"
    CANCELLED = "cancelled", "已作废"


ACTIVE_WORKFLOW_STATUSES = (WorkflowStatus.IN_PROGRESS, WorkflowStatus.NEEDS_CHANGES)


class WorkflowStateQuerySet(models.QuerySet["WorkflowState"]):
    def for_object(self, obj: models.Model) -> WorkflowStateQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )

    def active(self) -> WorkflowStateQuerySet:
        return self.filter(status__in=ACTIVE_WORKFLOW_STATUSES)


class WorkflowState(models.Model):
    """One run of a chain over one revision of an object."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    revision_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    revision_id = models.PositiveBigIntegerField("版本")
    revision = GenericForeignKey("revision_type", "revision_id")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    workflow = models.ForeignKey(
        Workflow, verbose_name="审核流程", on_delete=models.PROTECT, related_name="states"
    )
    status = models.CharField(
        "状态", max_length=20, choices=WorkflowStatus.choices, default=WorkflowStatus.IN_PROGRESS
    )
    # The revision's author: excluded from approving any step of this run.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撰稿人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    objects = WorkflowStateQuerySet.as_manager()

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["-started_at", "-pk"]
        constraints = [
            # At most one chain runs over an object at a time (wagtail WorkflowState.Meta).
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status__in=["in_progress", "needs_changes"]),
                name="workflowstate_one_active_per_object",
            )
        ]

    def __str__(self) -> str:
        return f"{self.workflow.name} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_WORKFLOW_STATUSES

    def current_step_state(self) -> StepState | None:
        return self.step_states.filter(status=StepStatus.IN_PROGRESS).first()


class StepStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "待审核"
    APPROVED = "approved", "同意"
    REJECTED = "rejected", "退回"
    CANCELLED = "cancelled", "已作废"
    # Nobody but the author holds the step's role and no alternate is configured.
    SKIPPED = "skipped", "转下一环节"


class StepStateQuerySet(models.QuerySet["StepState"]):
    def waiting(self) -> StepStateQuerySet:
        return self.filter(status=StepStatus.IN_PROGRESS)


class StepState(models.Model):
    """One step of one run: the decision on one revision."""

    workflow_state = models.ForeignKey(
        WorkflowState, verbose_name="审核记录", on_delete=models.CASCADE, related_name="step_states"
    )
    step = models.ForeignKey(
        Step, verbose_name="环节", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copied from the step, so the history stays readable after the chain is reconfigured.
    order = models.PositiveSmallIntegerField("顺序")
    step_name = models.CharField("环节名称", max_length=50)
    role = models.CharField("审核角色", max_length=20, choices=Role.choices)
    is_secrecy_review = models.BooleanField("保密审查环节", default=False)
    revision_id = models.PositiveBigIntegerField("版本")
    status = models.CharField(
        "结果", max_length=20, choices=StepStatus.choices, default=StepStatus.IN_PROGRESS
    )
    comment = models.TextField("意见", blank=True)
    # Why the step went to an alternate reviewer or on to the next step (shown in the history).
    routed_note = models.CharField("流转说明", max_length=200, blank=True)
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    # Index consumer: the inbox sorts and highlights by due date.
    due_on = models.DateField("办理期限", null=True, blank=True, db_index=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField("审核时间", null=True, blank=True)

    objects = StepStateQuerySet.as_manager()

    class Meta:
        verbose_name = "环节审核"
        verbose_name_plural = "环节审核"
        ordering = ["workflow_state", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.step_name} · {self.get_status_display()}"

    def is_overdue(self, today: object) -> bool:
        return bool(
            self.status == StepStatus.IN_PROGRESS
            and self.due_on is not None
            and today > self.due_on  # type: ignore[operator]
        )
