"""The official working-day calendar as data: one row per override date, one per loaded year.

Only dates that differ from the Mon–Fri rule are stored (weekday rest days and weekend
调休 workdays, about 30 a year); `CalendarYear` says which years are complete. A date in a
year without a `CalendarYear` row is counted Mon–Fri and flagged provisional
(see xxgk/lib/workdays.py and docs/deadlines.md).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from xxgk.audit.models import AuditedEvent
from xxgk.lib import workdays
from xxgk.lib.workdays import weekday_name


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = workdays.KIND_HOLIDAY, "法定节假日"
        IN_LIEU_REST = workdays.KIND_IN_LIEU_REST, "调休放假"
        MAKEUP_WORKDAY = workdays.KIND_MAKEUP_WORKDAY, "调休上班"

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    note = models.CharField("节日/说明", max_length=100, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)

    class Meta:
        verbose_name = "调休日"
        verbose_name_plural = "调休日（官方节假日安排）"
        ordering = ["date"]
        constraints = [
            # A 调休上班 row is a working day; the two rest kinds are not.
            models.CheckConstraint(
                condition=(Q(kind="makeup_workday") & Q(is_workday=True))
                | (Q(kind__in=["holiday", "in_lieu_rest"]) & Q(is_workday=False)),
                name="workcalendar_day_kind_matches_is_workday",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    @property
    def weekday(self) -> str:
        return weekday_name(self.date)


class CalendarYear(models.Model):
    """A year whose official arrangement is completely loaded (not provisional)."""

    year = models.PositiveSmallIntegerField(
        "年份", unique=True, validators=[MinValueValidator(1949), MaxValueValidator(2200)]
    )
    source = models.CharField("来源", max_length=200, blank=True)
    loaded_at = models.DateTimeField("导入时间")
    # A name, not a foreign key: the seed migration and `xxgk calendar import` run without a
    # logged-in user, and the calendar must not depend on the accounts app's migrations.
    loaded_by = models.CharField("导入人", max_length=150, blank=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度（已导入）"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarEvent(AuditedEvent):
    """Append-only log of every change to the calendar data."""

    class Type(models.TextChoices):
        SEEDED = "seeded", "初始数据"
        YEAR_IMPORTED = "year_imported", "导入年度日历"
        DAY_SAVED = "day_saved", "修改调休日"
        DAY_DELETED = "day_deleted", "删除调休日"
        YEAR_MARKED = "year_marked", "标记年度已导入"
        YEAR_UNMARKED = "year_unmarked", "取消年度已导入"

    type = models.CharField("事件", max_length=20, choices=Type.choices)
    year = models.PositiveSmallIntegerField("年份")
    actor = models.CharField("操作人", max_length=150, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)
    data = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "日历变更记录"
        verbose_name_plural = "日历变更记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_type_display()}"

    def audit_object_label(self) -> tuple[str, str, str]:
        # The calendar has no agency; the object changed is the calendar of one year.
        return ("workcalendar.calendaryear", str(self.year), f"{self.year}年工作日历")
