"""Configuration of the region: the 主管部门 and settings of a government, each agency's line.

Only the government's 系统管理员 (policy.CONFIGURE_REGION) sees and edits them; a line is saved
through `services.set_reporting_line`, so a cycle is refused with its Chinese message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from xxgk.accounts import policy
from xxgk.region import services
from xxgk.region.models import Region, ReportingLine


def _configurable(request: HttpRequest) -> QuerySet:
    return policy.visible_agencies(request.user, policy.Action.CONFIGURE_REGION)


class _Scoped(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # submissions refer to them; end a line by moving the agency


@admin.register(Region)
class RegionAdmin(_Scoped):
    list_display = ["government", "office", "level", "publication_waits_for_acceptance"]
    fields = [
        "government",
        "office",
        "level",
        "publication_waits_for_acceptance",
        "aggregate_townships",
        "aggregate_lower_governments",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Region]:
        return super().get_queryset(request).filter(government__in=_configurable(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "government" and not request.user.is_superuser:
            kwargs["queryset"] = _configurable(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReportingLineForm(forms.ModelForm):
    class Meta:
        model = ReportingLine
        fields = ["agency", "region", "kind", "level"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        agency, region = data.get("agency"), data.get("region")
        if agency is not None and region is not None:
            error = services.cycle_error(agency, region)
            if error:
                raise forms.ValidationError(error)
        return data


@admin.register(ReportingLine)
class ReportingLineAdmin(_Scoped):
    form = ReportingLineForm
    list_display = ["agency", "region", "kind", "level"]
    list_filter = ["kind", "level"]
    search_fields = ["agency__name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportingLine]:
        return (
            super()
            .get_queryset(request)
            .filter(region__government__in=_configurable(request))
            .select_related("agency", "region__government", "region__office")
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "region" and not request.user.is_superuser:
            kwargs["queryset"] = Region.objects.filter(government__in=_configurable(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: ReportingLine, form: Any, change: bool) -> None:
        services.set_reporting_line(
            obj.agency, obj.region, actor=request.user, kind=obj.kind, level=obj.level
        )
