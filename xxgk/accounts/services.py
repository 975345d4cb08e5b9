"""State changes of users, roles and agencies; each one is checked and logged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from xxgk.accounts import policy
from xxgk.accounts.models import AuditEvent, Membership, Role, User
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency


def record_config_change(
    *, actor: User | None, agency: Agency | None, kind: str, data: dict[str, Any]
) -> AuditEvent:
    """Append one configuration event (users, roles, agencies, review chains)."""
    return AuditEvent.objects.create(actor=actor, agency=agency, kind=kind, data=data)


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    agency: Agency,
    username: str,
    password: str,
    full_name: str = "",
    roles: list[Role] | None = None,
) -> User:
    """Create a staff account in `agency` with the given roles (by its 系统管理员)."""
    if actor is not None:
        policy.require(actor, policy.Action.MANAGE_USERS, agency)
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名“{username}”已被使用。")
    user = User(username=username, full_name=full_name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError("密码不符合要求：" + "；".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    for role in roles or []:
        Membership.objects.create(user=user, agency=agency, role=role)
    record_config_change(
        actor=actor,
        agency=agency,
        kind="user_created",
        data={"username": username, "roles": [str(r) for r in roles or []]},
    )
    return user


@transaction.atomic
def grant_role(*, actor: User | None, user: User, agency: Agency, role: Role) -> Membership:
    """Give `user` a role in `agency`; idempotent."""
    if actor is not None:
        policy.require(actor, policy.Action.MANAGE_USERS, agency)
        # Roles in the actor's own agency are theirs to give, even to an account of another
        # agency: that opens only their agency. The account itself (password, name, active)
        # stays with the administrators of all its agencies (policy.can_manage_user).
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        record_config_change(
            actor=actor,
            agency=agency,
            kind="role_granted",
            data={"username": user.username, "role": str(role)},
        )
    policy.forget_cached_roles(user)
    return membership


@transaction.atomic
def revoke_role(*, actor: User | None, user: User, agency: Agency, role: Role) -> None:
    """Take a role in `agency` away from `user`."""
    if actor is not None:
        policy.require(actor, policy.Action.MANAGE_USERS, agency)
    deleted, _ = Membership.objects.filter(user=user, agency=agency, role=role).delete()
    if deleted:
        record_config_change(
            actor=actor,
            agency=agency,
            kind="role_revoked",
            data={"username": user.username, "role": str(role)},
        )
    policy.forget_cached_roles(user)


@transaction.atomic
def reset_password(*, actor: User | None, user: User, password: str | None) -> None:
    """Set a new password for `user` (None: disable password sign-in), checked and logged."""
    if actor is not None:
        policy.require_manage_user(actor, user)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError("密码不符合要求：" + "；".join(exc.messages)) from None
        user.set_password(password)
    user.save(update_fields=["password"])
    # The password itself is never logged, only that it changed and by whom.
    record_config_change(
        actor=actor,
        agency=None,
        kind="password_reset" if password is not None else "password_disabled",
        data={"username": user.username},
    )
