"""State changes of the generic review chain (approve, reject, restart, configure).

A reviewed object is any model instance with an ``agency`` attribute; a revision is any
model instance with an ``author`` attribute. Object-specific services (publications,
annual reports) call these functions and then move their own status: the engine itself
never touches the object (no signals, ARCHITECTURE.md rule 6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

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


@dataclass(frozen=True)
class StepSpec:
    name: str
    role: Role
    due_days: int = 2
    is_secrecy_review: bool = False
    alternate_role: Role | str = ""


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


def _reviewers(agency: Agency, role: str, author_id: int | None) -> bool:
    """Whether anyone but the author holds the role in the agency (an active account)."""
    holders = Membership.objects.filter(agency=agency, role=role, user__is_active=True)
    if author_id is not None:
        holders = holders.exclude(user_id=author_id)
    return holders.exists()


def _open_step(
    state: WorkflowState,
    step: Step,
    now: datetime,
    role: str = "",
    note: str = "",
    passed_on: bool = False,
) -> StepState:
    """Open a step for review, or record it as passed on (finished at once, with its note)."""
    return StepState.objects.create(
        workflow_state=state,
        step=step,
        order=step.order,
        step_name=step.name,
        role=role or step.role,
        is_secrecy_review=step.is_secrecy_review,
        revision_id=state.revision_id,
        routed_note=note,
        status=StepStatus.SKIPPED if passed_on else StepStatus.IN_PROGRESS,
        started_at=now,
        finished_at=now if passed_on else None,
        due_on=timezone.localdate(now)
        if passed_on
        else _due_on(timezone.localdate(now), step.due_days),
    )


@dataclass(frozen=True)
class Route:
    """Who reviews a step for this run: its role, an alternate, or nobody (passed on)."""

    role: str
    note: str = ""
    skip: bool = False


def _route(agency: Agency, step: Step, author_id: int | None) -> Route:
    """Decide who reviews ``step`` when its run's draft was written by ``author_id``.

    A step whose role nobody but the author holds goes to its alternate role, or, if it has
    none and is not the 保密审查, is passed on with a note: the run never waits in nobody's
    待我审核. A 保密审查, or a step nobody at all can review, raises DomainError so the chain is
    fixed before anything is submitted.
    """
    role_name = dict(Role.choices)
    if _reviewers(agency, step.role, author_id):
        return Route(step.role)
    author_holds = author_id is not None and (
        Membership.objects.filter(agency=agency, role=step.role, user_id=author_id).exists()
    )
    if step.alternate_role and _reviewers(agency, step.alternate_role, author_id):
        reason = "撰稿人本人即" if author_holds else "本机关没有"
        return Route(
            step.alternate_role,
            f"{reason}{role_name[step.role]}，本环节由{role_name[step.alternate_role]}审核。",
        )
    if step.is_secrecy_review or not author_holds:
        raise DomainError(
            f"“{step.name}”环节没有可以审核的人员（需要{role_name[step.role]}，"
            "且不能是撰稿人本人）。请系统管理员为本机关指定该角色的人员，"
            "或在审核流程中为该环节设置替代审核角色。",
            code="no_reviewer",
        )
    return Route(step.role, f"撰稿人本人即{role_name[step.role]}，本环节转下一环节。", skip=True)


def _open_next(state: WorkflowState, steps: list[Step], now: datetime) -> StepState | None:
    """Open the first of ``steps`` someone can review, recording passed-on steps.

    Returns None when no step remains (the run is then approved by its caller).
    """
    for step in steps:
        route = _route(state.agency, step, state.author_id)
        opened = _open_step(
            state, step, now, role=route.role, note=route.note, passed_on=route.skip
        )
        if not route.skip:
            return opened
    return None


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
    author = getattr(revision, "author", None)
    # Every step must be reviewable before anything is submitted (a later 保密审查 too).
    routes = [_route(agency, step, author.pk if author else None) for step in steps]
    if all(route.skip for route in routes):
        raise DomainError("审核流程中没有可以审核本稿件的环节。", code="no_reviewer")
    state = WorkflowState.objects.create(
        content_type=_content_type(obj),
        object_id=obj.pk,
        revision_type=_content_type(revision),
        revision_id=revision.pk,
        agency=agency,
        workflow=workflow,
        requested_by=actor,
        author=author,
        started_at=now,
    )
    _open_next(state, steps, now)
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
    if _open_next(state, following, now) is None:
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
        if spec.alternate_role and (
            spec.alternate_role not in REVIEWER_ROLES or spec.alternate_role == spec.role
        ):
            raise DomainError(f"第{i}个环节的替代审核角色无效（应为另一审核角色）。")
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
            alternate_role=spec.alternate_role,
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
        "alternate_role": step.alternate_role,
    }


def where_it_waits(obj: Model) -> str:
    """Tell the submitter or the last reviewer where the object now waits, and why it went there.

    E.g. "“承办科室审核”：撰稿人本人即科室负责人，本环节转下一环节。现由保密审查员在“保密审查”环节审核。"
    """
    state = active_state(obj)
    if state is None or state.status != WorkflowStatus.IN_PROGRESS:
        return ""
    role_name = dict(Role.choices)
    steps = list(state.step_states.order_by("order", "pk"))
    notes = [f"“{s.step_name}”：{s.routed_note}" for s in steps if s.routed_note]
    current = next((s for s in steps if s.status == StepStatus.IN_PROGRESS), None)
    if current is not None:
        notes.append(f"现由{role_name[current.role]}在“{current.step_name}”环节审核。")
    return "".join(notes)


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
    steps = list(
        waiting.select_related("workflow_state__agency", "workflow_state__author").order_by(
            "due_on", "pk"
        )
    )
    attach_objects([s.workflow_state for s in steps])
    return steps


def attach_objects(states: list[WorkflowState]) -> None:
    """Load the reviewed objects of many runs with one query per kind of object.

    `content_object` is otherwise one query per row (plus one for what its `__str__`
    reads); a model names the relations its listing shows in `REVIEW_LISTING_RELATED`.
    """
    wanted: dict[int, set[int]] = {}
    for state in states:
        wanted.setdefault(state.content_type_id, set()).add(state.object_id)
    found: dict[tuple[int, int], Model] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        related = getattr(model, "REVIEW_LISTING_RELATED", ())
        for obj in model._default_manager.filter(pk__in=ids).select_related(*related):
            found[(type_id, obj.pk)] = obj
    for state in states:
        obj = found.get((state.content_type_id, state.object_id))
        if obj is not None:
            state.content_object = obj
