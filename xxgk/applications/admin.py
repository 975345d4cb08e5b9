"""Admin: only the per-agency case-desk settings (numbering patterns, volume range).

Cases, letters and procedure rows are changed only through the services (ADR 0003), so
they are not registered here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from xxgk.accounts import policy
from xxgk.accounts.services import record_config_change
from xxgk.applications.letters.render import placeholders_in
from xxgk.applications.models import CaseDeskSettings
from xxgk.applications.models.case import NUMBER_PLACEHOLDERS
from xxgk.errors import DomainError


def _managed(request: HttpRequest) -> QuerySet:
    return policy.visible_agencies(request.user, policy.Action.MANAGE_AGENCY)


class CaseDeskSettingsForm(forms.ModelForm):
    class Meta:
        model = CaseDeskSettings
        fields = [
            "agency",
            "case_number_pattern",
            "reply_number_pattern",
            "notice_number_pattern",
            "monthly_volume_limit",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("case_number_pattern", "reply_number_pattern", "notice_number_pattern"):
            pattern = data.get(name) or ""
            try:
                names = placeholders_in(pattern)
            except DomainError as exc:
                self.add_error(name, exc.message)
                continue
            if "seq" not in names or names - NUMBER_PLACEHOLDERS:
                self.add_error(name, "编号格式须包含 {seq}，且只能使用 {short}、{year}、{seq}。")
        return data


@admin.register(CaseDeskSettings)
class CaseDeskSettingsAdmin(admin.ModelAdmin):
    form = CaseDeskSettingsForm
    list_display = ["agency", "case_number_pattern", "reply_number_pattern", "monthly_volume_limit"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CaseDeskSettings]:
        return super().get_queryset(request).filter(agency__in=_managed(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = _managed(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not policy.is_admin_anywhere(request.user):
            return False
        return obj is None or _managed(request).filter(pk=obj.agency_id).exists()

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def save_model(
        self, request: HttpRequest, obj: CaseDeskSettings, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        record_config_change(
            actor=request.user,
            agency=obj.agency,
            kind="case_desk_settings_saved",
            data={k: str(form.cleaned_data.get(k)) for k in form.changed_data},
        )
