from __future__ import annotations

from django.test import Client

from xxgk.accounts.models import AuditEvent, Membership, Role, User
from xxgk.agencies.models import Agency
from xxgk.testing import PASSWORD, World


def login(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


def test_it_opens_the_admin_to_agency_administrators_only(client: Client, world: World) -> None:
    login(client, "alice")
    assert client.get("/admin/").status_code == 302  # to the admin login
    client.logout()
    login(client, "heidi")
    assert client.get("/admin/").status_code == 200


def test_it_lists_only_the_administrators_users_and_agencies(client: Client, world: World) -> None:
    login(client, "heidi")
    users = client.get("/admin/accounts/user/").content.decode()
    assert "alice" in users and "charlie" not in users and "mallory" not in users
    agencies = client.get("/admin/agencies/agency/").content.decode()
    assert "大冶市科技局" in agencies and "大冶市统计局" not in agencies


def test_it_refuses_editing_another_agencys_objects(client: Client, world: World) -> None:
    login(client, "heidi")
    charlie = world.charlie
    before = (charlie.full_name, world.b.name)
    assert client.get(f"/admin/accounts/user/{charlie.pk}/change/").status_code in (302, 403, 404)
    response = client.post(
        f"/admin/agencies/agency/{world.b.pk}/change/",
        {"name": "被篡改", "short_name": "x", "code": "daye-tjj", "kind": "department"},
    )
    assert response.status_code in (302, 403, 404)
    charlie.refresh_from_db()
    assert (charlie.full_name, Agency.objects.get(pk=world.b.pk).name) == before


def test_it_lets_an_administrator_grant_roles_in_their_agency_and_logs_it(
    client: Client, world: World
) -> None:
    login(client, "heidi")
    alice = world.alice
    data = {
        "username": "alice",
        "full_name": "Alice",
        "phone": "",
        "email": "",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": str(Membership.objects.get(user=alice).pk),
        "memberships-0-user": str(alice.pk),
        "memberships-0-agency": str(world.a.pk),
        "memberships-0-role": Role.DRAFTER,
        "memberships-1-user": str(alice.pk),
        "memberships-1-agency": str(world.a.pk),
        "memberships-1-role": Role.OFFICE_STAFF,
    }
    response = client.post(f"/admin/accounts/user/{alice.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Membership.objects.filter(user=alice).values_list("role", flat=True)) == {
        Role.DRAFTER,
        Role.OFFICE_STAFF,
    }
    assert AuditEvent.objects.filter(kind="role_granted", agency=world.a).count() == 1


def test_it_refuses_a_role_in_another_agency_through_the_admin(
    client: Client, world: World
) -> None:
    login(client, "heidi")
    alice = world.alice
    data = {
        "username": "alice",
        "full_name": "Alice",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-user": str(alice.pk),
        "memberships-0-agency": str(world.b.pk),
        "memberships-0-role": Role.ADMIN,
    }
    response = client.post(f"/admin/accounts/user/{alice.pk}/change/", data)
    assert response.status_code == 200  # form redisplayed with an error
    assert not Membership.objects.filter(user=alice, agency=world.b).exists()
    assert User.objects.get(pk=alice.pk).memberships.count() == 1
