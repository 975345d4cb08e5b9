"""Every change to the working-day calendar, and the calendar the rest of the system reads.

After a change the caller (the `xxgk calendar import` command, the admin) must recompute the
deadlines of open cases for the returned years by calling
`xxgk.applications.services.recompute_open_deadlines(years, actor=...)` explicitly
(no signals, no registered hooks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from xxgk.errors import DomainError, PermissionDenied
from xxgk.lib.workdays import OverrideRow, WorkCalendar, build_calendar, is_weekend
from xxgk.workcalendar.models import CalendarDay, CalendarEvent, CalendarYear

if TYPE_CHECKING:
    from xxgk.accounts.models import User

CLI_ACTOR = "命令行"


def actor_name(actor: User | None) -> str:
    """Return the name recorded for actor (a user, or None for the command line)."""
    return CLI_ACTOR if actor is None else actor.get_username()


def _require_calendar_editor(actor: User | None) -> None:
    # The official calendar is installation-wide data, not an agency's: only installation
    # operators may change it — the command line (shell access) or a Django superuser.
    # accounts.policy decides per-agency actions; it has no installation-level action yet.
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied("只有系统运维人员（超级用户）可以修改工作日历。")


def _event(type_: CalendarEvent.Type, year: int, actor: User | None, **data: Any) -> None:
    CalendarEvent.objects.create(type=type_, year=year, actor=actor_name(actor), data=data)


def _touch_year(year: int) -> None:
    # Changing loaded_at changes the stamp that db_calendar() compares, so every process
    # (web workers, commands) rebuilds its cached calendar on its next read.
    CalendarYear.objects.filter(year=year).update(loaded_at=timezone.now())


@transaction.atomic
def import_calendar_year(
    year: int, rows: Sequence[OverrideRow], *, actor: User | None, source: str
) -> frozenset[int]:
    """Replace the overrides of `year` with `rows` and mark the year as loaded.

    Returns the years whose calendar changed; the caller recomputes the open cases' due
    dates for them (xxgk.applications.services.recompute_open_deadlines).
    """
    _require_calendar_editor(actor)
    if not 1949 <= year <= 2200:
        raise DomainError(f"年份 {year} 无效。")
    seen: set[date] = set()
    for row in rows:
        if row.date.year != year:
            raise DomainError(f"日期 {row.date.isoformat()} 不属于 {year} 年。")
        if row.date in seen:
            raise DomainError(f"日期 {row.date.isoformat()} 重复。")
        if row.is_workday != is_weekend(row.date):
            raise DomainError(f"日期 {row.date.isoformat()} 与周一至周五规则相同，不是调休日。")
        if (row.kind == CalendarDay.Kind.MAKEUP_WORKDAY) != row.is_workday:
            raise DomainError(f"日期 {row.date.isoformat()} 的类型与是否上班矛盾。")
        seen.add(row.date)

    before = {
        d.date: d.is_workday
        for d in CalendarDay.objects.filter(date__year=year).only("date", "is_workday")
    }
    after = {row.date: row.is_workday for row in rows}
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(
            date=row.date,
            is_workday=row.is_workday,
            kind=row.kind,
            note=row.note,
            source=source[:200],
        )
        for row in rows
    )
    CalendarYear.objects.update_or_create(
        year=year,
        defaults={
            "source": source[:200],
            "loaded_at": timezone.now(),
            "loaded_by": actor_name(actor),
        },
    )
    _event(
        CalendarEvent.Type.YEAR_IMPORTED,
        year,
        actor,
        source=source,
        rows=len(rows),
        added=sorted(d.isoformat() for d in after.keys() - before.keys()),
        removed=sorted(d.isoformat() for d in before.keys() - after.keys()),
        changed=sorted(
            d.isoformat() for d in after.keys() & before.keys() if after[d] != before[d]
        ),
    )
    return frozenset({year})


def calendar_day_problem(day: date, kind: str) -> str | None:
    """Return why (day, kind) is not an override of the Mon–Fri rule, or None if it is."""
    is_workday = kind == CalendarDay.Kind.MAKEUP_WORKDAY
    if is_workday == is_weekend(day):
        return None
    if is_workday:
        return f"{day.isoformat()}本来就是工作日，不需要登记为调休上班。"
    return f"{day.isoformat()}是周末，本来就休息，不需要登记。"


@transaction.atomic
def save_calendar_day(day: CalendarDay, *, actor: User | None) -> frozenset[int]:
    """Create or change one override date (admin); `is_workday` follows from the kind."""
    _require_calendar_editor(actor)
    problem = calendar_day_problem(day.date, day.kind)
    if problem:
        raise DomainError(problem)
    day.is_workday = day.kind == CalendarDay.Kind.MAKEUP_WORKDAY
    created = day.pk is None
    day.save()
    _touch_year(day.date.year)
    _event(
        CalendarEvent.Type.DAY_SAVED,
        day.date.year,
        actor,
        date=day.date.isoformat(),
        kind=day.kind,
        note=day.note,
        created=created,
    )
    return frozenset({day.date.year})


@transaction.atomic
def delete_calendar_day(day: CalendarDay, *, actor: User | None) -> frozenset[int]:
    """Delete one override date (admin)."""
    _require_calendar_editor(actor)
    year = day.date.year
    _event(CalendarEvent.Type.DAY_DELETED, year, actor, date=day.date.isoformat(), kind=day.kind)
    day.delete()
    _touch_year(year)
    return frozenset({year})


@transaction.atomic
def mark_calendar_year(year: int, *, actor: User | None, source: str) -> frozenset[int]:
    """Declare that the overrides entered for `year` are complete (admin data entry)."""
    _require_calendar_editor(actor)
    if not 1949 <= year <= 2200:
        raise DomainError(f"年份 {year} 无效。")
    CalendarYear.objects.update_or_create(
        year=year,
        defaults={
            "source": source[:200],
            "loaded_at": timezone.now(),
            "loaded_by": actor_name(actor),
        },
    )
    _event(CalendarEvent.Type.YEAR_MARKED, year, actor, source=source)
    return frozenset({year})


@transaction.atomic
def unmark_calendar_year(calendar_year: CalendarYear, *, actor: User | None) -> frozenset[int]:
    """Make `year` provisional again (its overrides are kept but no longer used)."""
    _require_calendar_editor(actor)
    year = calendar_year.year
    calendar_year.delete()
    _event(CalendarEvent.Type.YEAR_UNMARKED, year, actor)
    return frozenset({year})


# --- Reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cached:
    stamp: tuple[int, datetime | None]
    calendar: WorkCalendar


_cache: _Cached | None = None


def _stamp() -> tuple[int, datetime | None]:
    data = CalendarYear.objects.aggregate(n=Count("id"), last=Max("loaded_at"))
    return data["n"], data["last"]


def db_calendar() -> WorkCalendar:
    """Return the working-day calendar stored in the database.

    Cached per process and rebuilt whenever the set of loaded years or their last change
    time differs (one small aggregate query per call), so an import made by another
    process is seen at once. Overrides of years not marked as loaded are ignored: such a
    year is still counted Mon–Fri and reported as provisional.
    """
    global _cache
    stamp = _stamp()
    if _cache is not None and _cache.stamp == stamp:
        return _cache.calendar
    years = set(CalendarYear.objects.values_list("year", flat=True))
    rows = [
        (d, w, note)
        for d, w, note in CalendarDay.objects.values_list("date", "is_workday", "note")
        if d.year in years
    ]
    calendar = build_calendar(rows, years)
    _cache = _Cached(stamp, calendar)
    return calendar


def covered_years() -> list[int]:
    """Return the loaded years in order."""
    return list(CalendarYear.objects.order_by("year").values_list("year", flat=True))


def provisional_years(covered: set[int], this_year: int) -> list[int]:
    """Return the years counted provisionally: last year to next year, and every year an
    open case's clock reaches, that have no official arrangement loaded."""
    from xxgk.applications.models import Application

    used: set[int] = set(range(this_year - 1, this_year + 2))
    for clock_years in Application.objects.open().values_list("clock_years", flat=True):
        used.update(int(y) for y in clock_years or [])
    return sorted(y for y in used if y not in covered)
