from __future__ import annotations

from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from django.core import checks

        from xxgk.workcalendar.checks import check_calendar_years

        checks.register(check_calendar_years)
