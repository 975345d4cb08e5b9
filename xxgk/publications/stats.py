"""Yearly figures of 主动公开 for the annual report (section 二) and `xxgk stats publications`."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from xxgk.publications.models import Category, ChannelPublication, Publication

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency


class PublicationStats(TypedDict):
    total: int
    by_channel: dict[str, int]
    by_category: dict[str, int]
    late: int


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """Return [1 Jan 00:00, next 1 Jan 00:00) of `year` in the installation's time zone."""
    tz = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=tz),
    )


def published_in(agency: Agency, year: int) -> QuerySet[Publication]:
    """Items first put online in `year` (later withdrawals do not undo that they were published)."""
    start, end = year_bounds(year)
    return Publication.objects.filter(agency=agency, published_at__gte=start, published_at__lt=end)


def publication_stats(agency: Agency, year: int) -> PublicationStats:
    """Return total, per-channel and per-category counts and the Art. 26 late count.

    Aggregated in the database (GROUP BY), so a year of a million items costs a few index
    scans, not a million Python objects. Channels and categories keep their configured order
    (the order in which the agency lists them), which is also how reports state them.
    """
    items = published_in(agency, year)
    start, end = year_bounds(year)
    by_channel_rows = (
        ChannelPublication.objects.filter(
            publication__agency=agency,
            publication__published_at__gte=start,
            publication__published_at__lt=end,
            appeared_on__gte=start.date(),
            appeared_on__lt=end.date(),
        )
        .values("channel_id", "channel__name")
        .annotate(n=Count("id"))
        .order_by("channel_id")
    )
    # One pass over the year's items gives the total, the late count and the categories:
    # grouped by the live revision's category (LEFT JOIN: an item without one still counts
    # in the total), then the few category rows named and ordered in Python.
    rows = list(
        items.values("live_revision__category_id")
        .annotate(n=Count("id"), late=Count("id", filter=Q(is_late=True)))
        .order_by()
    )
    counts = {row["live_revision__category_id"]: row["n"] for row in rows if row["n"]}
    named = sorted(
        Category.objects.filter(pk__in=[pk for pk in counts if pk is not None]).values_list(
            "order", "pk", "name"
        )
    )
    return {
        "total": sum(row["n"] for row in rows),
        "by_channel": {row["channel__name"]: row["n"] for row in by_channel_rows},
        "by_category": {name: counts[pk] for _, pk, name in named},
        "late": sum(row["late"] for row in rows),
    }
