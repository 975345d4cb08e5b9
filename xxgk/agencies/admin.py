"""Admin for agencies: an agency's 系统管理员 edits its own agency and creates agencies below it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from xxgk.accounts import policy
from xxgk.accounts.services import record_config_change
from xxgk.agencies.models import Agency
from xxgk.portal import pagecache


def managed(request: HttpRequest) -> QuerySet[Agency]:
    return policy.visible_agencies(request.user, policy.Action.MANAGE_AGENCY)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "short_name",
                    "code",
                    "kind",
                    "parent",
                    "credit_code",
                    "is_active",
                )
            },
        ),
        (
            "政府信息公开工作机构",
            {
                "fields": (
                    "office_name",
                    "office_address",
                    "office_hours",
                    "office_phone",
                    "office_fax",
                    "office_email",
                    "office_postcode",
                    "website",
                )
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).filter(pk__in=managed(request))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # An agency administrator edits their agency's own data but cannot move it in the
        # tree: its parent (above them) is not theirs to choose, and offering only the
        # agencies they manage made the form unsavable.
        if obj is not None and not request.user.is_superuser:
            return ("parent",)
        return ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "parent" and not request.user.is_superuser:
            kwargs["queryset"] = managed(request)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not policy.is_admin_anywhere(request.user):
            return False
        return obj is None or managed(request).filter(pk=obj.pk).exists()

    has_change_permission = has_view_permission  # type: ignore[assignment]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and not request.user.is_superuser:
            # The creator administers the new agency too, or it would vanish from their view.
            from xxgk.accounts.models import Role
            from xxgk.accounts.services import grant_role

            grant_role(actor=None, user=request.user, agency=obj, role=Role.ADMIN)  # type: ignore[arg-type]
        record_config_change(
            actor=request.user,  # type: ignore[arg-type]
            agency=obj,
            kind="agency_changed" if change else "agency_created",
            data={"fields": list(form.changed_data)},
        )
        # Names, codes, the tree and contact data show on every public page.
        pagecache.bump_structure()

    def delete_model(self, request: HttpRequest, obj: Agency) -> None:
        super().delete_model(request, obj)
        pagecache.bump_structure()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Agency]) -> None:
        super().delete_queryset(request, queryset)
        pagecache.bump_structure()
