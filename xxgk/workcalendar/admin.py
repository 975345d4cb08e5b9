"""Admin for the official calendar: every agency administrator may look, only superusers edit.

Saves and deletes go through xxgk.workcalendar.services (validation + event row), then the
open cases' due dates are recomputed explicitly for the changed year.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest

from xxgk.accounts import policy
from xxgk.applications.services import recompute_open_deadlines
from xxgk.workcalendar import services
from xxgk.workcalendar.models import CalendarDay, CalendarEvent, CalendarYear


class _SuperuserEdits(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.is_admin_anywhere(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Bulk delete would bypass the services (no event, no recompute).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def _after(self, request: HttpRequest, years: frozenset[int]) -> None:
        changed = recompute_open_deadlines(years, actor=request.user)  # type: ignore[arg-type]
        messages.info(request, f"已重新计算受影响案件的期限（{changed} 件有变化）。")


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "note", "source"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date") and data.get("kind"):
            problem = services.calendar_day_problem(data["date"], data["kind"])
            if problem:
                raise forms.ValidationError(problem)
            self.instance.is_workday = data["kind"] == CalendarDay.Kind.MAKEUP_WORKDAY
        return data


@admin.register(CalendarDay)
class CalendarDayAdmin(_SuperuserEdits):
    form = CalendarDayForm
    list_display = ["date", "weekday", "kind", "is_workday", "note", "source"]
    list_filter = ["kind", "is_workday"]
    search_fields = ["note", "date"]
    date_hierarchy = "date"
    fields = ["date", "kind", "note", "source"]

    @admin.display(description="星期")
    def weekday(self, obj: CalendarDay) -> str:
        return obj.weekday

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: ModelForm, change: bool
    ) -> None:
        # The form already ran calendar_day_problem(); the service re-checks and logs.
        self._after(request, services.save_calendar_day(obj, actor=request.user))  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        self._after(request, services.delete_calendar_day(obj, actor=request.user))  # type: ignore[arg-type]


@admin.register(CalendarYear)
class CalendarYearAdmin(_SuperuserEdits):
    list_display = ["year", "source", "loaded_at", "loaded_by"]
    fields = ["year", "source"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["year"] if obj is not None else []

    def save_model(
        self, request: HttpRequest, obj: CalendarYear, form: ModelForm, change: bool
    ) -> None:
        years = services.mark_calendar_year(obj.year, actor=request.user, source=obj.source)  # type: ignore[arg-type]
        # The service saved the row; give the admin's object its key for the redirect.
        obj.pk = CalendarYear.objects.values_list("pk", flat=True).get(year=obj.year)
        obj.refresh_from_db()
        self._after(request, years)

    def delete_model(self, request: HttpRequest, obj: CalendarYear) -> None:
        self._after(request, services.unmark_calendar_year(obj, actor=request.user))  # type: ignore[arg-type]


@admin.register(CalendarEvent)
class CalendarEventAdmin(_SuperuserEdits):
    list_display = ["at", "type", "year", "actor"]
    list_filter = ["type", "year"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
