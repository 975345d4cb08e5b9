"""Admin for users and roles, bounded by the actor's agencies (policy.MANAGE_USERS)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from xxgk.accounts import policy
from xxgk.accounts.models import AuditEvent, Membership, User
from xxgk.accounts.services import record_config_change


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

    has_change_permission = has_view_permission  # type: ignore[assignment]

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
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            record_config_change(
                actor=request.user,  # type: ignore[arg-type]
                agency=deleted.agency,
                kind="role_revoked",
                data={"username": deleted.user.username, "role": deleted.role},
            )
            deleted.delete()
        for instance in instances:
            instance.save()
            record_config_change(
                actor=request.user,  # type: ignore[arg-type]
                agency=instance.agency,
                kind="role_granted",
                data={"username": instance.user.username, "role": instance.role},
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
