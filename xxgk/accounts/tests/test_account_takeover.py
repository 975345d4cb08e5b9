"""Issue 11 defect 1 and 9: an agency administrator manages only their own accounts."""

from __future__ import annotations

from django.test import Client

import pytest

from xxgk.accounts import policy, services
from xxgk.accounts.models import AuditEvent, Membership, Role, User
from xxgk.agencies.models import Agency
from xxgk.errors import PermissionDenied
from xxgk.testing import PASSWORD, World


def login(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


def _dual(world: World) -> User:
    """alice (drafter of A) also handles cases in B."""
    alice = world.alice
    Membership.objects.create(user=alice, agency=world.b, role=Role.OFFICE_STAFF)
    return alice


def test_it_refuses_a_password_reset_of_a_user_who_also_belongs_to_another_agency(
    client: Client, world: World
) -> None:
    alice = _dual(world)
    before = User.objects.get(pk=alice.pk).password
    login(client, "heidi")
    response = client.post(
        f"/admin/accounts/user/{alice.pk}/password/",
        {
            "set_usable_password": "true",
            "password1": "Taken-over-2026",
            "password2": "Taken-over-2026",
        },
    )
    assert response.status_code == 403
    assert User.objects.get(pk=alice.pk).password == before
    assert not AuditEvent.objects.filter(kind="password_reset").exists()


def test_it_shows_a_cross_agency_user_read_only_and_refuses_edits(
    client: Client, world: World
) -> None:
    alice = _dual(world)
    login(client, "heidi")
    page = client.get(f"/admin/accounts/user/{alice.pk}/change/")
    assert page.status_code == 200
    assert b'name="username"' not in page.content  # read-only view
    roles_before = sorted(Membership.objects.filter(user=alice).values_list("agency_id", "role"))
    response = client.post(
        f"/admin/accounts/user/{alice.pk}/change/",
        {"username": "alice", "full_name": "被篡改", "is_active": "on"},
    )
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.full_name == "Alice"
    assert (
        sorted(Membership.objects.filter(user=alice).values_list("agency_id", "role"))
        == roles_before
    )


def test_it_refuses_a_password_reset_of_a_cross_agency_user_in_the_services(world: World) -> None:
    alice = _dual(world)
    with pytest.raises(PermissionDenied):
        services.revoke_role(actor=world.heidi, user=alice, agency=world.b, role=Role.OFFICE_STAFF)
    with pytest.raises(PermissionDenied):
        services.reset_password(actor=world.heidi, user=alice, password="Another-pass-2026")
    assert Membership.objects.filter(user=alice).count() == 2
    assert not AuditEvent.objects.exists()


def test_it_lets_the_administrator_reset_an_own_users_password_and_logs_it(
    client: Client, world: World
) -> None:
    login(client, "heidi")
    response = client.post(
        f"/admin/accounts/user/{world.alice.pk}/password/",
        {
            "set_usable_password": "true",
            "password1": "Fresh-pass-2026x",
            "password2": "Fresh-pass-2026x",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=world.alice.pk).check_password("Fresh-pass-2026x")
    event = AuditEvent.objects.get(kind="password_reset")
    assert (event.actor, event.data) == (world.heidi, {"username": "alice"})


def test_it_decides_manageability_by_every_membership(world: World) -> None:
    assert policy.can_manage_user(world.heidi, world.alice)
    assert not policy.can_manage_user(world.heidi, world.charlie)
    assert not policy.can_manage_user(world.heidi, world.oscar)  # no role: nobody's to take
    assert not policy.can_manage_user(world.alice, world.bob)
    _dual(world)
    assert not policy.can_manage_user(world.heidi, world.alice)
    assert not policy.can_manage_user(world.mallory, world.alice)


def test_it_lets_an_agency_administrator_save_their_own_agency(
    client: Client, world: World
) -> None:
    login(client, "heidi")
    response = client.post(
        f"/admin/agencies/agency/{world.a.pk}/change/",
        {
            "name": "大冶市科学技术局",
            "short_name": "冶科",
            "code": "daye-kjj",
            "kind": "department",
            "is_active": "on",
            "office_postcode": "435100",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agency = Agency.objects.get(pk=world.a.pk)
    assert (agency.name, agency.parent_id) == ("大冶市科学技术局", world.government.pk)
