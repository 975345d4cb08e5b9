"""Every permission decision of xxgk, in one place.

Views, the admin, the API and the CLI ask this module; services call `require()` before
they change anything. Rules:

* A role is held in one agency (Membership). It grants the actions in `ACTION_ROLES` in
  that agency only.
* A SUPERVISOR membership grants the read-only actions (`READ_ONLY_ACTIONS`) in every
  agency of the subtree below the supervising agency — never a write.
* Django superusers may do everything (installation operators).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from xxgk.accounts.models import Membership, Role
from xxgk.errors import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

    AnyUser = User | AnonymousUser


class Action(StrEnum):
    VIEW_AGENCY = "view_agency"
    MANAGE_AGENCY = "manage_agency"
    MANAGE_USERS = "manage_users"
    CONFIGURE_WORKFLOW = "configure_workflow"
    # 主动公开
    VIEW_PUBLICATIONS = "view_publications"
    DRAFT_PUBLICATION = "draft_publication"
    PUBLISH_PUBLICATION = "publish_publication"  # 谁上网
    WITHDRAW_PUBLICATION = "withdraw_publication"
    EDIT_REGISTERS = "edit_registers"
    MANAGE_CHANNELS = "manage_channels"
    # 依申请公开
    VIEW_APPLICATIONS = "view_applications"
    VIEW_APPLICANT_PERSONAL_DATA = "view_applicant_personal_data"
    HANDLE_APPLICATION = "handle_application"
    APPROVE_EXTENSION = "approve_extension"  # 条例 Art. 33: 工作机构负责人
    EDIT_LETTER_TEMPLATES = "edit_letter_templates"
    EXPORT_APPLICANT_PERSONAL_DATA = "export_applicant_personal_data"
    # 行政复议/诉讼
    VIEW_APPEALS = "view_appeals"
    EDIT_APPEALS = "edit_appeals"
    # 年度报告
    VIEW_REPORTS = "view_reports"
    EDIT_REPORT = "edit_report"
    PUBLISH_REPORT = "publish_report"
    # 审计日志 (issue 11, guarantee 13): the agency's trail, read-only
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    # 本地区年报报送 (xxgk.region): the department's side, then the 主管部门's (held in the office)
    SUBMIT_TO_OFFICE = "submit_to_office"
    VIEW_REGION = "view_region"
    REVIEW_SUBMISSIONS = "review_submissions"
    IMPORT_REPORTS = "import_reports"
    SEND_REMINDER = "send_reminder"
    CONFIGURE_REGION = "configure_region"


R = Role
STAFF = {
    R.DRAFTER,
    R.SECTION_HEAD,
    R.SECRECY_REVIEWER,
    R.DEPUTY_HEAD,
    R.HEAD,
    R.OFFICE_HEAD,
    R.OFFICE_STAFF,
    R.ADMIN,
}
CASE_HANDLERS = {R.DRAFTER, R.OFFICE_STAFF, R.OFFICE_HEAD}

ACTION_ROLES: dict[Action, set[Role]] = {
    Action.VIEW_AGENCY: STAFF,
    Action.MANAGE_AGENCY: {R.ADMIN},
    Action.MANAGE_USERS: {R.ADMIN},
    Action.CONFIGURE_WORKFLOW: {R.ADMIN},
    Action.VIEW_PUBLICATIONS: STAFF,
    Action.DRAFT_PUBLICATION: {R.DRAFTER, R.SECTION_HEAD, R.OFFICE_STAFF},
    Action.PUBLISH_PUBLICATION: {R.OFFICE_STAFF},
    Action.WITHDRAW_PUBLICATION: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.EDIT_REGISTERS: {R.DRAFTER, R.OFFICE_STAFF},
    Action.MANAGE_CHANNELS: {R.OFFICE_STAFF, R.ADMIN},
    Action.VIEW_APPLICATIONS: STAFF,
    Action.VIEW_APPLICANT_PERSONAL_DATA: CASE_HANDLERS,
    Action.HANDLE_APPLICATION: CASE_HANDLERS,
    Action.APPROVE_EXTENSION: {R.OFFICE_HEAD},
    Action.EDIT_LETTER_TEMPLATES: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.EXPORT_APPLICANT_PERSONAL_DATA: {R.OFFICE_HEAD},
    Action.VIEW_APPEALS: STAFF,
    Action.EDIT_APPEALS: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.VIEW_REPORTS: STAFF,
    Action.EDIT_REPORT: {R.OFFICE_STAFF},
    Action.PUBLISH_REPORT: {R.OFFICE_STAFF},
    # 公开办 reads its agency's trail; supervisors read it below them (READ_ONLY_ACTIONS).
    Action.VIEW_AUDIT_TRAIL: {R.OFFICE_HEAD, R.OFFICE_STAFF},
    Action.SUBMIT_TO_OFFICE: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.VIEW_REGION: STAFF,
    Action.REVIEW_SUBMISSIONS: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.IMPORT_REPORTS: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.SEND_REMINDER: {R.OFFICE_STAFF, R.OFFICE_HEAD},
    Action.CONFIGURE_REGION: {R.ADMIN},
}

# What a supervising office may see below it. Personal data of applicants is not included.
READ_ONLY_ACTIONS = {
    Action.VIEW_AGENCY,
    Action.VIEW_PUBLICATIONS,
    Action.VIEW_APPLICATIONS,
    Action.VIEW_APPEALS,
    Action.VIEW_REPORTS,
    Action.VIEW_AUDIT_TRAIL,
    Action.VIEW_REGION,
}


def _is_authenticated(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_in(user: AnyUser | None, agency: Agency) -> set[Role]:
    """Return the roles the user holds directly in this agency."""
    if not _is_authenticated(user):
        return set()
    cache = _membership_cache(user)
    return {Role(role) for (agency_id, role) in cache if agency_id == agency.pk}


def _membership_cache(user: AnyUser) -> list[tuple[int, str]]:
    # Memberships rarely change within a request; cache them on the user object.
    cached = getattr(user, "_xxgk_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("agency_id", "role"))
        user._xxgk_memberships = cached  # type: ignore[union-attr]
    return cached


def forget_cached_roles(user: AnyUser) -> None:
    if hasattr(user, "_xxgk_memberships"):
        del user._xxgk_memberships  # type: ignore[union-attr]


def is_supervising(user: AnyUser | None, agency: Agency) -> bool:
    """Return True if the user supervises this agency (a SUPERVISOR role at or above it)."""
    if not _is_authenticated(user):
        return False
    supervised = [a for (a, role) in _membership_cache(user) if role == Role.SUPERVISOR]
    if not supervised:
        return False
    ancestor_ids = {int(x) for x in agency.path.strip("/").split("/") if x}
    return any(a in ancestor_ids for a in supervised)


def can(user: AnyUser | None, action: Action, agency: Agency) -> bool:
    """Return True if the user may do `action` in `agency`."""
    if not _is_authenticated(user):
        return False
    if user.is_superuser:  # type: ignore[union-attr]
        return True
    if roles_in(user, agency) & ACTION_ROLES[action]:
        return True
    return action in READ_ONLY_ACTIONS and is_supervising(user, agency)


def has_role(user: AnyUser | None, agency: Agency, roles: Iterable[Role]) -> bool:
    """Return True if the user holds one of `roles` in `agency` (superusers too)."""
    if not _is_authenticated(user):
        return False
    if user.is_superuser:  # type: ignore[union-attr]
        return True
    return bool(roles_in(user, agency) & set(roles))


def require(user: AnyUser | None, action: Action, agency: Agency) -> None:
    """Raise PermissionDenied unless the user may do `action` in `agency`."""
    if not can(user, action, agency):
        raise PermissionDenied(f"您在“{agency.name}”没有此项操作的权限。")


def visible_agencies(user: AnyUser | None, action: Action = Action.VIEW_AGENCY) -> QuerySet[Agency]:
    """Return the agencies in which the user may do `action` (used to filter every list)."""
    from django.db.models import Q

    from xxgk.agencies.models import Agency

    if not _is_authenticated(user):
        return Agency.objects.none()
    if user.is_superuser:  # type: ignore[union-attr]
        return Agency.objects.all()
    cache = _membership_cache(user)
    direct = {a for (a, role) in cache if role in ACTION_ROLES[action]}
    query = Q(pk__in=direct)
    if action in READ_ONLY_ACTIONS:
        roots = Agency.objects.filter(
            pk__in=[a for (a, role) in cache if role == Role.SUPERVISOR]
        ).values_list("path", flat=True)
        for path in roots:
            query |= Q(path__startswith=path)
    return Agency.objects.filter(query)


def is_admin_anywhere(user: AnyUser | None) -> bool:
    """Return True if the user may open the configuration screens (admin site)."""
    if not _is_authenticated(user):
        return False
    if user.is_superuser:  # type: ignore[union-attr]
        return True
    return any(role == Role.ADMIN for (_a, role) in _membership_cache(user))


def manageable_agency_ids(user: AnyUser | None) -> set[int]:
    """Return the ids of the agencies whose accounts `user` administers (MANAGE_USERS)."""
    return set(visible_agencies(user, Action.MANAGE_USERS).values_list("pk", flat=True))


def can_manage_user(actor: AnyUser | None, user: User) -> bool:
    """Return True if `actor` may change `user`'s account, password or roles.

    An agency's 系统管理员 manages only accounts whose every membership lies in the agencies
    they administer: an account that also holds a role elsewhere (or none at all, or a
    superuser) is another administrator's to manage, or the account could be taken over
    and used to read that other agency's cases.
    """
    if not _is_authenticated(actor):
        return False
    if actor.is_superuser:  # type: ignore[union-attr]
        return True
    if user.is_superuser:
        return False
    held = set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))
    return bool(held) and held <= manageable_agency_ids(actor)


def require_manage_user(actor: AnyUser | None, user: User) -> None:
    """Raise PermissionDenied unless `actor` may change `user`'s account."""
    if not can_manage_user(actor, user):
        raise PermissionDenied(
            f"您无权管理账号“{user.username}”：该账号在您管理范围之外的机关也有角色。"
        )
