"""A draft never waits in nobody's 待我审核 (issue 10 item 11)."""

from __future__ import annotations

from datetime import date

from django.test import Client

import pytest

from xxgk.accounts.models import Membership, Role
from xxgk.approvals import services as approvals
from xxgk.approvals.models import StepStatus, WorkflowKind
from xxgk.approvals.services import DEFAULT_CHAIN, StepSpec
from xxgk.errors import DomainError
from xxgk.publications import services
from xxgk.publications.models import Publication, PublicationStatus
from xxgk.publications.tests.factories import category
from xxgk.testing import World


def drafted_by(world: World, user) -> Publication:
    return services.create_draft(
        world.a,
        actor=user,
        title="科室负责人起草的通知",
        formed_on=date(2026, 11, 2),
        category=category(world),
        body="<p>通知</p>",
    )


def steps(publication: Publication) -> list[tuple[str, str, str, str]]:
    state = approvals.active_state(publication)
    return [
        (s.step_name, s.role, s.status, s.routed_note)
        for s in state.step_states.order_by("order", "pk")
    ]


def test_a_section_heads_own_draft_passes_to_the_next_step_with_a_note(world: World) -> None:
    publication = drafted_by(world, world.bob)

    services.submit_for_review(publication, actor=world.bob)

    assert steps(publication) == [
        (
            "承办科室审核",
            Role.SECTION_HEAD,
            StepStatus.SKIPPED,
            "撰稿人本人即科室负责人，本环节转下一环节。",
        ),
        ("保密审查", Role.SECRECY_REVIEWER, StepStatus.IN_PROGRESS, ""),
    ]
    assert [s.step_name for s in approvals.inbox(world.carol)] == ["保密审查"]
    assert approvals.where_it_waits(publication) == (
        "“承办科室审核”：撰稿人本人即科室负责人，本环节转下一环节。"
        "现由保密审查员在“保密审查”环节审核。"
    )


def test_it_goes_to_the_alternate_reviewer_named_by_the_chain(world: World) -> None:
    chain = [StepSpec("承办科室审核", Role.SECTION_HEAD, 2, alternate_role=Role.DEPUTY_HEAD)]
    approvals.configure_workflow(
        world.a, WorkflowKind.PUBLICATION, chain + list(DEFAULT_CHAIN[1:]), actor=world.heidi
    )
    publication = drafted_by(world, world.bob)

    services.submit_for_review(publication, actor=world.bob)

    assert steps(publication) == [
        (
            "承办科室审核",
            Role.DEPUTY_HEAD,
            StepStatus.IN_PROGRESS,
            "撰稿人本人即科室负责人，本环节由分管负责人审核。",
        ),
    ]
    assert [s.step_name for s in approvals.inbox(world.dave)] == ["承办科室审核"]
    services.approve_revision(publication, actor=world.dave, comment="同意")
    assert steps(publication)[-1][:3] == ("保密审查", Role.SECRECY_REVIEWER, StepStatus.IN_PROGRESS)


def test_it_refuses_a_draft_whose_secrecy_review_nobody_else_can_do(world: World) -> None:
    Membership.objects.create(user=world.carol, agency=world.a, role=Role.DRAFTER)
    publication = drafted_by(world, world.carol)

    with pytest.raises(DomainError, match="^“保密审查”环节没有可以审核的人员（需要保密审查员"):
        services.submit_for_review(publication, actor=world.carol)

    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DRAFT
    assert approvals.active_state(publication) is None


def test_the_submit_message_says_where_the_draft_went(world: World, client: Client) -> None:
    publication = drafted_by(world, world.bob)
    client.force_login(world.bob)

    response = client.post(f"/backoffice/publications/{publication.pk}/submit/", follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "已提交审核。“承办科室审核”：撰稿人本人即科室负责人，本环节转下一环节。"
        "现由保密审查员在“保密审查”环节审核。"
    ]


def test_it_refuses_an_alternate_equal_to_the_steps_own_role(world: World) -> None:
    chain = [StepSpec("承办科室审核", Role.SECTION_HEAD, 2, alternate_role=Role.SECTION_HEAD)]

    with pytest.raises(DomainError, match="^第1个环节的替代审核角色无效（应为另一审核角色）。$"):
        approvals.configure_workflow(
            world.a, WorkflowKind.PUBLICATION, chain + list(DEFAULT_CHAIN[1:]), actor=world.heidi
        )

    workflow = approvals.get_workflow(world.a, WorkflowKind.PUBLICATION)
    assert [s.alternate_role for s in workflow.ordered_steps()] == ["", "", "", ""]
