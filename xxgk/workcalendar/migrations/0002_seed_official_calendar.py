"""Seed the official calendars 2004–2026 from the chinesecalendar package.

Only the overrides are stored (weekday rest days, weekend 调休 workdays). The year range is
fixed here so that the migration gives the same rows whatever package version is
installed; later years are loaded with `xxgk calendar import YEAR FILE`.
"""

from django.db import migrations
from django.utils import timezone

FIRST_YEAR = 2004
LAST_YEAR = 2026
SOURCE = "chinesecalendar 1.11（国务院办公厅节假日安排通知）"


def seed(apps, schema_editor):
    from xxgk.lib.workdays import chinese_calendar_override_rows

    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarEvent = apps.get_model("workcalendar", "CalendarEvent")
    now = timezone.now()
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    CalendarDay.objects.bulk_create(
        CalendarDay(
            date=row.date,
            is_workday=row.is_workday,
            kind=row.kind,
            note=row.note,
            source=SOURCE,
        )
        for year in years
        for row in chinese_calendar_override_rows(year)
    )
    CalendarYear.objects.bulk_create(
        CalendarYear(year=year, source=SOURCE, loaded_at=now, loaded_by="系统初始化")
        for year in years
    )
    CalendarEvent.objects.create(
        type="seeded",
        year=LAST_YEAR,
        actor="系统初始化",
        data={"first_year": FIRST_YEAR, "last_year": LAST_YEAR, "source": SOURCE},
    )


def unseed(apps, schema_editor):
    apps.get_model("workcalendar", "CalendarDay").objects.filter(
        date__year__gte=FIRST_YEAR, date__year__lte=LAST_YEAR
    ).delete()
    apps.get_model("workcalendar", "CalendarYear").objects.filter(
        year__gte=FIRST_YEAR, year__lte=LAST_YEAR
    ).delete()
    apps.get_model("workcalendar", "CalendarEvent").objects.filter(type="seeded").delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
