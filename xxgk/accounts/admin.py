"""Admin for users and roles, bounded by the actor's agencies (policy.MANAGE_USERS)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from xxgk.accounts import policy, services
from xxgk.accounts.models import AuditEvent, Membership, User
from xxgk.accounts.services import record_config_change

# The admin's password view builds its form without the request; the actor reaches the
# form through this per-request context variable so the change goes through the service.
_password_actor: ContextVar[User | None] = ContextVar("xxgk_password_actor", default=None)


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """Password reset through `services.reset_password` (checked by the policy, audited)."""

    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data.get("set_usable_password", True)
        services.reset_password(
            actor=_password_actor.get(),
            user=self.user,
            password=self.cleaned_data["password1"] if usable else None,
        )
        return self.user


def managed_agencies(request: HttpRequest) -> QuerySet[Any]:
    return policy.visible_agencies(request.user, policy.Action.MANAGE_USERS)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ["agency", "role"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        # Roles held in other agencies stay invisible and untouched.
        return super().get_queryset(request).filter(agency__in=managed_agencies(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = managed_agencies(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.is_admin_anywhere(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission  # type: ignore[assignment]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "is_active", "last_login"]
    search_fields = ["username", "full_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        ("状态", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    superuser_fieldsets = (
        *fieldsets[:-1],
        (
            "状态",
            {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")},
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return super().get_fieldsets(request, obj)
        return self.superuser_fieldsets if request.user.is_superuser else self.fieldsets

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(
            memberships__agency__in=managed_agencies(request), is_superuser=False
        ).distinct()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not policy.is_admin_anywhere(request.user):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts that also hold a role in an agency the actor does not administer are
        # shown read-only: editing them (or their password) would take over that agency.
        if obj is None:
            return policy.is_admin_anywhere(request.user)
        return policy.can_manage_user(request.user, obj)

    change_password_form = AuditedPasswordChangeForm

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        token = _password_actor.set(request.user)  # type: ignore[arg-type]
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _password_actor.reset(token)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, not deleted: their events must keep an actor.
        return bool(request.user.is_superuser)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_config_change(
            actor=request.user,  # type: ignore[arg-type]
            agency=None,
            kind="user_changed" if change else "user_created",
            data={"username": obj.username, "fields": list(form.changed_data)},
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Every grant and revocation goes through the services (policy check + audit row).
        actor = request.user
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            services.revoke_role(
                actor=actor,  # type: ignore[arg-type]
                user=deleted.user,
                agency=deleted.agency,
                role=deleted.role,
            )
        for instance in instances:
            if instance.pk is not None:
                # An edited row is a revocation of the old role and a grant of the new one.
                old = Membership.objects.get(pk=instance.pk)
                services.revoke_role(
                    actor=actor,  # type: ignore[arg-type]
                    user=old.user,
                    agency=old.agency,
                    role=old.role,
                )
            services.grant_role(
                actor=actor,  # type: ignore[arg-type]
                user=instance.user,
                agency=instance.agency,
                role=instance.role,
            )
        formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "agency", "kind"]
    list_filter = ["kind"]
    readonly_fields = ["at", "actor", "agency", "kind", "data"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(agency__in=managed_agencies(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
