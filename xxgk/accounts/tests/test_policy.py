from __future__ import annotations

import pytest

from xxgk.accounts import policy
from xxgk.accounts.models import Role
from xxgk.accounts.policy import Action
from xxgk.errors import PermissionDenied
from xxgk.testing import PERSONAS_A, World


def test_it_grants_each_role_its_actions_in_its_own_agency_only(world: World) -> None:
    # given every persona of agency A
    for name, role in PERSONAS_A.items():
        user = world.users[name]
        for action, roles in policy.ACTION_ROLES.items():
            # then the role decides in A, and nothing is granted in B
            assert policy.can(user, action, world.a) is (role in roles), (name, action)
            assert policy.can(user, action, world.b) is False, (name, action)


def test_it_lets_the_supervisor_read_below_but_never_write(world: World) -> None:
    for agency in (world.a, world.b, world.government):
        for action in Action:
            expected = action in policy.READ_ONLY_ACTIONS
            assert policy.can(world.sam, action, agency) is expected, (agency, action)


def test_it_keeps_applicant_personal_data_from_the_supervisor(world: World) -> None:
    assert policy.can(world.sam, Action.VIEW_APPLICATIONS, world.a) is True
    assert policy.can(world.sam, Action.VIEW_APPLICANT_PERSONAL_DATA, world.a) is False


def test_it_refuses_anonymous_and_roleless_users(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), None, world.oscar):
        assert policy.can(user, Action.VIEW_AGENCY, world.a) is False
        assert list(policy.visible_agencies(user)) == []


def test_it_raises_a_chinese_permission_error(world: World) -> None:
    with pytest.raises(PermissionDenied) as exc:
        policy.require(world.charlie, Action.HANDLE_APPLICATION, world.a)
    assert exc.value.message == "您在“大冶市科技局”没有此项操作的权限。"


def test_it_lists_visible_agencies_per_user(world: World) -> None:
    assert set(policy.visible_agencies(world.alice)) == {world.a}
    assert set(policy.visible_agencies(world.charlie)) == {world.b}
    assert set(policy.visible_agencies(world.sam)) == {world.government, world.a, world.b}
    assert set(policy.visible_agencies(world.sam, Action.MANAGE_USERS)) == set()
    assert set(policy.visible_agencies(world.heidi, Action.MANAGE_USERS)) == {world.a}


def test_it_lets_a_user_hold_roles_in_several_agencies(world: World) -> None:
    from xxgk.accounts.services import grant_role

    grant_role(actor=world.mallory, user=world.alice, agency=world.b, role=Role.OFFICE_STAFF)
    assert policy.can(world.alice, Action.PUBLISH_PUBLICATION, world.b) is True
    assert policy.can(world.alice, Action.PUBLISH_PUBLICATION, world.a) is False
    assert policy.can(world.alice, Action.DRAFT_PUBLICATION, world.a) is True


def test_it_refuses_granting_roles_in_another_agency(world: World) -> None:
    from xxgk.accounts.models import Membership
    from xxgk.accounts.services import grant_role

    before = Membership.objects.count()
    with pytest.raises(PermissionDenied):
        grant_role(actor=world.heidi, user=world.charlie, agency=world.b, role=Role.ADMIN)
    assert Membership.objects.count() == before
