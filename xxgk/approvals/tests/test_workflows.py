from __future__ import annotations

import pytest

from xxgk.accounts.models import Role
from xxgk.approvals.models import Step, Workflow
from xxgk.approvals.services import StepSpec, configure_workflow, get_workflow
from xxgk.errors import DomainError


def test_it_creates_the_default_chain_once_per_agency_and_kind(world) -> None:
    first = get_workflow(world.a, "publication")
    assert get_workflow(world.a, "publication") == first
    report = get_workflow(world.a, "annual_report")
    assert report != first
    assert [(s.name, s.role, s.is_secrecy_review) for s in report.ordered_steps()] == [
        ("承办科室审核", "section_head", False),
        ("保密审查", "secrecy_reviewer", True),
        ("分管负责人审批", "deputy_head", False),
        ("主要负责人审批", "head", False),
    ]
    assert Workflow.objects.count() == 2
    assert Step.objects.count() == 8


def test_it_keeps_kinds_apart_when_configuring(world) -> None:
    configure_workflow(
        world.a,
        "annual_report",
        [StepSpec("保密审查", Role.SECRECY_REVIEWER, 1, is_secrecy_review=True)],
        actor=world.heidi,
    )
    assert len(get_workflow(world.a, "annual_report").ordered_steps()) == 1
    assert len(get_workflow(world.a, "publication").ordered_steps()) == 4


def test_it_refuses_a_secrecy_step_held_by_another_role(world) -> None:
    with pytest.raises(DomainError, match="保密审查员"):
        configure_workflow(
            world.a,
            "publication",
            [StepSpec("保密审查", Role.HEAD, 1, is_secrecy_review=True)],
            actor=world.heidi,
        )
    assert len(get_workflow(world.a, "publication").ordered_steps()) == 4
