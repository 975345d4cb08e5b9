from __future__ import annotations

import pytest

from xxgk.accounts.models import Role
from xxgk.approvals import services as approvals
from xxgk.approvals.models import StepStatus, WorkflowState, WorkflowStatus
from xxgk.errors import DomainError, PermissionDenied
from xxgk.portal.models import SearchDocument
from xxgk.publications import services
from xxgk.publications.models import Publication, PublicationEvent, PublicationStatus
from xxgk.publications.tests.factories import approve_all, approved, draft


def test_it_takes_a_draft_through_each_reviewer_to_the_portal(world) -> None:
    # given
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    # when: 承办科室 → 保密审查 → 分管负责人 → 主要负责人, then 公开办 puts it online
    seen = []
    for reviewer in (world.bob, world.carol, world.dave, world.erin):
        open_step = approvals.active_state(publication).current_step_state()
        seen.append((open_step.step_name, reviewer.username))
        publication = services.approve_revision(publication, actor=reviewer, comment="同意")
    publication = services.publish(publication, actor=world.grace)
    # then
    assert seen == [
        ("承办科室审核", "bob"),
        ("保密审查", "carol"),
        ("分管负责人审批", "dave"),
        ("主要负责人审批", "erin"),
    ]
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.live_revision_id == publication.latest_revision_id
    assert publication.published_by == world.grace
    assert SearchDocument.objects.filter(key=f"publication:{publication.pk}").count() == 1
    types = list(publication.events.values_list("type", flat=True))
    assert types[:2] == ["created", "submitted"]
    assert types.count("step_approved") == 4
    assert "published" in types


def test_it_refuses_to_publish_an_unapproved_revision(world) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    services.approve_revision(publication, actor=world.bob)
    with pytest.raises(DomainError, match="审核"):
        services.publish(publication, actor=world.grace)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    assert publication.live_revision_id is None
    assert publication.published_at is None
    assert not SearchDocument.objects.exists()


def test_it_refuses_self_approval(world) -> None:
    # given: bob (科室负责人) drafts it himself
    from xxgk.publications.tests.factories import category

    publication = services.create_draft(
        world.a,
        actor=world.bob,
        title="科技局机构职能",
        formed_on=__import__("datetime").date(2026, 11, 2),
        category=category(world, "基础概况"),
    )
    services.submit_for_review(publication, actor=world.bob)
    # when / then
    with pytest.raises(PermissionDenied, match="自己"):
        services.approve_revision(publication, actor=world.bob)
    step = approvals.active_state(publication).current_step_state()
    assert step.status == StepStatus.IN_PROGRESS
    assert step.finished_by is None
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    assert publication.live_revision_id is None


def test_it_refuses_skipping_the_secrecy_review(world) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    services.approve_revision(publication, actor=world.bob)
    # when: 分管负责人 and 主要负责人 try to act while 保密审查 is open
    for skipper in (world.dave, world.erin, world.grace):
        with pytest.raises(PermissionDenied, match="保密审查"):
            services.approve_revision(publication, actor=skipper)
    with pytest.raises(DomainError, match="^只有审核通过的信息才能发布（当前状态：审核中）。$"):
        services.publish(publication, actor=world.grace)
    # then
    state = approvals.active_state(publication)
    assert [s.status for s in state.step_states.all()] == ["approved", "in_progress"]
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    assert publication.live_revision_id is None


def test_it_refuses_a_reviewer_of_another_agency(world) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    with pytest.raises(PermissionDenied):
        services.approve_revision(publication, actor=world.bianca)
    assert approvals.active_state(publication).current_step_state().step_name == "承办科室审核"


def test_it_sends_an_edit_after_approval_back_to_review(world) -> None:
    # given
    publication = approved(world)
    assert publication.status == PublicationStatus.APPROVED
    first = publication.latest_revision
    # when
    services.edit_draft(
        publication, actor=world.alice, title="关于申报2026年市级科技计划项目的通知（修订）"
    )
    # then
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    assert publication.latest_revision.number == 2
    assert approvals.is_approved(publication, first) is True
    assert approvals.is_approved(publication, publication.latest_revision) is False
    assert approvals.active_state(publication).current_step_state().step_name == "承办科室审核"
    with pytest.raises(DomainError, match="^只有审核通过的信息才能发布（当前状态：审核中）。$"):
        services.publish(publication, actor=world.grace)
    assert Publication.objects.get(pk=publication.pk).live_revision_id is None


def test_it_restarts_a_review_in_progress_on_edit(world) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    services.approve_revision(publication, actor=world.bob)
    services.edit_draft(publication, actor=world.alice, keywords="科技计划")
    publication.refresh_from_db()
    states = list(WorkflowState.objects.for_object(publication).order_by("pk"))
    assert [s.status for s in states] == [WorkflowStatus.CANCELLED, WorkflowStatus.IN_PROGRESS]
    assert states[1].revision_id == publication.latest_revision_id
    assert [s.step_name for s in states[1].step_states.all()] == ["承办科室审核"]


def test_it_requires_a_comment_to_reject_and_returns_to_the_drafter(world) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    with pytest.raises(DomainError, match="意见"):
        services.reject_revision(publication, actor=world.bob, comment="  ")
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.IN_REVIEW
    services.reject_revision(publication, actor=world.bob, comment="请补充申报时间")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DRAFT
    # the drafter edits and resubmits: a fresh run over the new revision
    services.edit_draft(publication, actor=world.alice, summary="申报截止时间为12月31日")
    services.submit_for_review(publication, actor=world.alice)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    statuses = list(
        WorkflowState.objects.for_object(publication)
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["cancelled", "in_progress"]


def test_it_shows_open_steps_in_the_reviewers_inbox_only(world) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    assert [s.step_name for s in approvals.inbox(world.bob)] == ["承办科室审核"]
    assert approvals.inbox(world.carol) == []
    assert approvals.inbox(world.bianca) == []
    services.approve_revision(publication, actor=world.bob)
    assert approvals.inbox(world.bob) == []
    [step] = approvals.inbox(world.carol)
    assert step.step_name == "保密审查"
    assert step.due_on is not None


def test_it_schedules_and_runs_go_live(world) -> None:
    from datetime import timedelta

    from django.utils import timezone

    publication = approved(world)
    later = timezone.now() + timedelta(hours=2)
    services.publish(publication, actor=world.grace, go_live_at=later)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.SCHEDULED
    assert services.run_scheduled() == []
    done = services.run_scheduled(now=later + timedelta(minutes=1))
    assert [p.pk for p in done] == [publication.pk]
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.published_by == world.grace


def test_it_withdraws_with_a_reason_and_unindexes(world) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    with pytest.raises(DomainError, match="理由"):
        services.withdraw(publication, actor=world.grace, reason="")
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.PUBLISHED
    services.withdraw(publication, actor=world.grace, reason="内容已过时")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN
    assert not SearchDocument.objects.filter(key=f"publication:{publication.pk}").exists()


def test_it_publishes_a_correction_only_after_review(world) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    live = publication.live_revision_id
    services.edit_draft(publication, actor=world.alice, title="更正：关于申报科技计划项目的通知")
    with pytest.raises(DomainError, match="^该版本尚未通过全部审核环节，不能发布。$"):
        services.publish_correction(publication, actor=world.grace)
    assert Publication.objects.get(pk=publication.pk).live_revision_id == live
    services.submit_for_review(publication, actor=world.alice)
    approve_all(world, publication)
    services.publish_correction(publication, actor=world.grace)
    publication.refresh_from_db()
    assert publication.live_revision.title == "更正：关于申报科技计划项目的通知"
    assert publication.status == PublicationStatus.PUBLISHED
    assert SearchDocument.objects.get(key=f"publication:{publication.pk}").title == (
        "更正：关于申报科技计划项目的通知"
    )


def test_it_marks_validity(world) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    services.set_validity(publication, actor=world.grace, validity="repealed")
    publication.refresh_from_db()
    assert publication.validity == "repealed"
    assert publication.events.filter(type=PublicationEvent.Type.VALIDITY_CHANGED).count() == 1
    with pytest.raises(DomainError, match="^有效性只能是：有效、失效、废止。$"):
        services.set_validity(publication, actor=world.grace, validity="gone")


def test_it_only_lets_office_staff_publish(world) -> None:
    publication = approved(world)
    with pytest.raises(PermissionDenied):
        services.publish(publication, actor=world.erin)
    with pytest.raises(PermissionDenied):
        services.publish(publication, actor=world.olivia)
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.APPROVED


def test_it_refuses_removing_the_secrecy_step(world) -> None:
    from xxgk.accounts.models import AuditEvent
    from xxgk.approvals.services import StepSpec, configure_workflow, get_workflow

    before = [(s.name, s.role) for s in get_workflow(world.a, "publication").ordered_steps()]
    with pytest.raises(DomainError, match="保密审查"):
        configure_workflow(
            world.a,
            "publication",
            [StepSpec("承办科室审核", Role.SECTION_HEAD), StepSpec("主要负责人审批", Role.HEAD)],
            actor=world.heidi,
        )
    after = [(s.name, s.role) for s in get_workflow(world.a, "publication").ordered_steps()]
    assert after == before
    assert not AuditEvent.objects.filter(kind="workflow_configured").exists()


def test_it_lets_only_the_admin_configure_and_logs_it(world) -> None:
    from xxgk.accounts.models import AuditEvent
    from xxgk.approvals.services import StepSpec, configure_workflow

    chain = [
        StepSpec("保密审查", Role.SECRECY_REVIEWER, 1, is_secrecy_review=True),
        StepSpec("主要负责人审批", Role.HEAD, 2),
    ]
    with pytest.raises(PermissionDenied):
        configure_workflow(world.a, "publication", chain, actor=world.mallory)
    workflow = configure_workflow(world.a, "publication", chain, actor=world.heidi)
    assert [s.name for s in workflow.ordered_steps()] == ["保密审查", "主要负责人审批"]
    [event] = AuditEvent.objects.filter(kind="workflow_configured")
    assert event.actor == world.heidi
    assert len(event.data["before"]) == 4
