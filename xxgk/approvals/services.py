"""State changes of the generic review chain (approve, reject, restart, configure).

A reviewed object is any model instance with an ``agency`` attribute; a revision is any
model instance with an ``author`` attribute. Object-specific services (publications,
annual reports) call these functions and then move their own status: the engine itself
never touches the object (no signals, ARCHITECTURE.md rule 6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.models import Membership, Role
from xxgk.accounts.services import record_config_change
from xxgk.approvals.models import (
    Step,
    StepState,
    StepStatus,
    Workflow,
    WorkflowKind,
    WorkflowState,
    WorkflowStatus,
)
from xxgk.errors import DomainError, PermissionDenied

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency


class Reviewable(Protocol):
    """What the engine needs of a reviewed object (a Django model instance)."""

    pk: Any
    agency: Agency


@dataclass(frozen=True)
class StepSpec:
    name: str
    role: Role
    due_days: int = 2
    is_secrecy_review: bool = False


# The seed's path 科室 → 分管负责人 → 主要负责人 with 保密审查 before anything leaves the
# section (“谁提供，谁审核，谁上网，谁负责”).
DEFAULT_CHAIN: tuple[StepSpec, ...] = (
    StepSpec("承办科室审核", Role.SECTION_HEAD, 2),
    StepSpec("保密审查", Role.SECRECY_REVIEWER, 2, is_secrecy_review=True),
    StepSpec("分管负责人审批", Role.DEPUTY_HEAD, 2),
    StepSpec("主要负责人审批", Role.HEAD, 3),
)
REVIEWER_ROLES = {
    Role.DRAFTER,
    Role.SECTION_HEAD,
    Role.SECRECY_REVIEWER,
    Role.DEPUTY_HEAD,
    Role.HEAD,
    Role.OFFICE_HEAD,
    Role.OFFICE_STAFF,
}
KIND_NAMES = {
    WorkflowKind.PUBLICATION: "主动公开信息审核流程",
    WorkflowKind.ANNUAL_REPORT: "年度报告审核流程",
}


def _today(now: datetime | None) -> date:
    return timezone.localdate(now or timezone.now())


def _due_on(start: date, days: int) -> date:
    from xxgk.workcalendar.services import db_calendar

    return db_calendar().add_workdays(start, days).date


def get_workflow(agency: Agency, kind: WorkflowKind | str) -> Workflow:
    """Return the agency's chain for `kind`, creating the default chain on first use."""
    kind = WorkflowKind(kind)
    workflow, created = Workflow.objects.get_or_create(
        agency=agency, kind=kind, defaults={"name": KIND_NAMES[kind]}
    )
    if created:
        for order, spec in enumerate(DEFAULT_CHAIN, start=1):
            Step.objects.create(
                workflow=workflow,
                order=order,
                name=spec.name,
                role=spec.role,
                due_days=spec.due_days,
                is_secrecy_review=spec.is_secrecy_review,
            )
    return workflow


def _content_type(obj: Model) -> ContentType:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def active_state(obj: Model) -> WorkflowState | None:
    """Return the running (or sent-back) review of the object, if any."""
    return WorkflowState.objects.for_object(obj).active().first()


def is_approved(obj: Model, revision: Model) -> bool:
    """Return whether this exact revision went through the whole chain."""
    return (
        WorkflowState.objects.for_object(obj)
        .filter(
            status=WorkflowStatus.APPROVED,
            revision_type=_content_type(revision),
            revision_id=revision.pk,
        )
        .exists()
    )


def history(obj: Model) -> list[WorkflowState]:
    """Return every review run of the object, newest first, with their steps."""
    return list(
        WorkflowState.objects.for_object(obj)
        .select_related("requested_by", "author", "workflow")
        .prefetch_related("step_states__finished_by")
    )


def _open_step(state: WorkflowState, step: Step, now: datetime) -> StepState:
    return StepState.objects.create(
        workflow_state=state,
        step=step,
        order=step.order,
        step_name=step.name,
        role=step.role,
        is_secrecy_review=step.is_secrecy_review,
        revision_id=state.revision_id,
        started_at=now,
        due_on=_due_on(timezone.localdate(now), step.due_days),
    )


@transaction.atomic
def start_review(
    obj: Model,
    revision: Model,
    *,
    actor: User | None,
    kind: WorkflowKind | str,
    now: datetime | None = None,
) -> WorkflowState:
    """Start the agency's chain over `revision` of `obj` (its first step opens now).

    The caller checks that the actor may submit; `now` is for loading historical records.
    """
    now = now or timezone.now()
    agency = obj.agency  # type: ignore[attr-defined]
    if active_state(obj) is not None:
        raise DomainError("该事项已在审核中，不能重复提交。", code="already_in_review")
    workflow = get_workflow(agency, kind)
    steps = workflow.ordered_steps()
    if not any(s.is_secrecy_review for s in steps):
        # Defence in depth: configure_workflow refuses such chains already.
        raise DomainError("审核流程缺少保密审查环节，不能提交审核。请联系系统管理员。")
    state = WorkflowState.objects.create(
        content_type=_content_type(obj),
        object_id=obj.pk,
        revision_type=_content_type(revision),
        revision_id=revision.pk,
        agency=agency,
        workflow=workflow,
        requested_by=actor,
        author=getattr(revision, "author", None),
        started_at=now,
    )
    _open_step(state, steps[0], now)
    return state


def can_decide(user: User | None, step_state: StepState) -> bool:
    """Return whether the user may approve or reject this open step."""
    state = step_state.workflow_state
    if step_state.status != StepStatus.IN_PROGRESS or state.status != WorkflowStatus.IN_PROGRESS:
        return False
    if user is None or (state.author_id is not None and state.author_id == user.pk):
        return False
    return policy.has_role(user, state.agency, [Role(step_state.role)])


def _lock_open_step(obj: Model, actor: User) -> tuple[WorkflowState, StepState]:
    state = WorkflowState.objects.select_for_update().for_object(obj).active().first()
    if state is None or state.status != WorkflowStatus.IN_PROGRESS:
        raise DomainError("该事项当前没有待审核的环节。", code="not_in_review")
    step_state = state.step_states.select_for_update().filter(status=StepStatus.IN_PROGRESS).first()
    if step_state is None:
        raise DomainError("该事项当前没有待审核的环节。", code="not_in_review")
    if state.author_id is not None and state.author_id == actor.pk:
        raise PermissionDenied("不能审核自己撰写的稿件。")
    if not policy.has_role(actor, state.agency, [Role(step_state.role)]):
        # Covers skipping: only the holder of the *current* step's role may act, so a 分管负责人
        # cannot approve while 保密审查 is still open.
        raise PermissionDenied(
            f"当前环节为“{step_state.step_name}”，应由{step_state.get_role_display()}审核，"
            "您不能办理。"
        )
    return state, step_state


@transaction.atomic
def approve_step(
    obj: Model, *, actor: User, comment: str = "", now: datetime | None = None
) -> StepState:
    """Approve the open step of the object's review; open the next step or finish the run."""
    now = now or timezone.now()
    state, step_state = _lock_open_step(obj, actor)
    step_state.status = StepStatus.APPROVED
    step_state.comment = comment.strip()
    step_state.finished_by = actor
    step_state.finished_at = now
    step_state.save(update_fields=["status", "comment", "finished_by", "finished_at"])
    following = [s for s in state.workflow.ordered_steps() if s.order > step_state.order]
    if following:
        _open_step(state, following[0], now)
    else:
        state.status = WorkflowStatus.APPROVED
        state.finished_at = now
        state.save(update_fields=["status", "finished_at"])
    return step_state


@transaction.atomic
def reject_step(obj: Model, *, actor: User, comment: str, now: datetime | None = None) -> StepState:
    """Send the revision back to its drafter with a required comment."""
    now = now or timezone.now()
    if not comment or not comment.strip():
        raise DomainError("退回修改必须填写意见。", code="comment_required")
    state, step_state = _lock_open_step(obj, actor)
    step_state.status = StepStatus.REJECTED
    step_state.comment = comment.strip()
    step_state.finished_by = actor
    step_state.finished_at = now
    step_state.save(update_fields=["status", "comment", "finished_by", "finished_at"])
    state.status = WorkflowStatus.NEEDS_CHANGES
    state.save(update_fields=["status"])
    return step_state


@transaction.atomic
def cancel_review(obj: Model, *, now: datetime | None = None) -> WorkflowState | None:
    """Void the object's active review (its revision was superseded by an edit)."""
    now = now or timezone.now()
    state = WorkflowState.objects.select_for_update().for_object(obj).active().first()
    if state is None:
        return None
    state.step_states.filter(status=StepStatus.IN_PROGRESS).update(
        status=StepStatus.CANCELLED, finished_at=now
    )
    state.status = WorkflowStatus.CANCELLED
    state.finished_at = now
    state.save(update_fields=["status", "finished_at"])
    return state


@transaction.atomic
def configure_workflow(
    agency: Agency, kind: WorkflowKind | str, steps: list[StepSpec], *, actor: User
) -> Workflow:
    """Replace the agency's chain (系统管理员 only, logged); 保密审查 cannot be removed."""
    policy.require(actor, policy.Action.CONFIGURE_WORKFLOW, agency)
    workflow = get_workflow(agency, kind)
    before = [_spec_dict(s) for s in workflow.ordered_steps()]
    if not steps:
        raise DomainError("审核流程至少需要一个环节。")
    if not any(s.is_secrecy_review for s in steps):
        raise DomainError("保密审查环节不能删除：发布前必须经过保密审查。", code="secrecy_required")
    for i, spec in enumerate(steps, start=1):
        if not spec.name.strip():
            raise DomainError(f"第{i}个环节缺少名称。")
        if spec.role not in REVIEWER_ROLES:
            raise DomainError(f"第{i}个环节的审核角色无效。")
        if spec.is_secrecy_review and spec.role != Role.SECRECY_REVIEWER:
            raise DomainError(f"第{i}个环节为保密审查，审核角色应为保密审查员。")
        if not 0 <= spec.due_days <= 60:
            raise DomainError(f"第{i}个环节的办理时限应在0至60个工作日之间。")
    workflow.steps.all().delete()
    for order, spec in enumerate(steps, start=1):
        Step.objects.create(
            workflow=workflow,
            order=order,
            name=spec.name.strip(),
            role=spec.role,
            due_days=spec.due_days,
            is_secrecy_review=spec.is_secrecy_review,
        )
    workflow.save(update_fields=["updated_at"])
    record_config_change(
        actor=actor,
        agency=agency,
        kind="workflow_configured",
        data={
            "kind": str(workflow.kind),
            "before": before,
            "after": [_spec_dict(s) for s in workflow.ordered_steps()],
        },
    )
    return workflow


def _spec_dict(step: Step) -> dict[str, object]:
    return {
        "name": step.name,
        "role": step.role,
        "due_days": step.due_days,
        "is_secrecy_review": step.is_secrecy_review,
    }


def inbox(user: User) -> list[StepState]:
    """Return the open steps waiting for the user's roles in their agencies, earliest due first."""
    if not user.is_authenticated:
        return []
    waiting = StepState.objects.waiting().filter(workflow_state__status=WorkflowStatus.IN_PROGRESS)
    if not user.is_superuser:
        memberships = Membership.objects.filter(user=user).values_list("agency_id", "role")
        query = Q(pk__in=[])
        for agency_id, role in memberships:
            query |= Q(workflow_state__agency_id=agency_id, role=role)
        waiting = waiting.filter(query)
    waiting = waiting.exclude(workflow_state__author=user)
    return list(
        waiting.select_related("workflow_state__agency", "workflow_state__author").order_by(
            "due_on", "pk"
        )
    )
