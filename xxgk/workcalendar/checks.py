"""System check: warn when the official calendar of the coming year is missing.

The 国务院办公厅 publishes next year's holiday arrangement in Q4; from 1 November on,
applications already count into the next year (20 working days + 20 of extension), so
their due dates stay provisional until that year is imported.
Pattern: django/contrib/auth/checks.py. A warning never stops `manage.py check`.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning
from django.db import DatabaseError, connection
from django.utils import timezone

WARN_FROM_MONTH = 11


def check_calendar_years(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from xxgk.workcalendar.models import CalendarYear

    try:
        # Before `migrate` the table does not exist yet: say nothing rather than fail.
        if CalendarYear._meta.db_table not in connection.introspection.table_names():
            return []
        years = set(CalendarYear.objects.values_list("year", flat=True))
    except DatabaseError:
        return []
    today = timezone.localdate()
    messages: list[CheckMessage] = []
    if today.year not in years:
        messages.append(
            Warning(
                f"缺少 {today.year} 年的官方节假日安排，本年度的期限均按周一至周五临时计算。",
                hint=f"请用 `xxgk calendar import {today.year} 文件` 导入国务院办公厅的放假通知。",
                id="workcalendar.W002",
            )
        )
    if today.month >= WARN_FROM_MONTH and today.year + 1 not in years:
        messages.append(
            Warning(
                f"尚未导入 {today.year + 1} 年的官方节假日安排；跨入 {today.year + 1} 年的期限为临时期限。",
                hint=(
                    f"国务院办公厅公布通知后，请用 `xxgk calendar import {today.year + 1} 文件` "
                    "导入（格式见 docs/deadlines.md）。"
                ),
                id="workcalendar.W001",
            )
        )
    return messages
