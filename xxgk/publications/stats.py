"""Yearly figures of 主动公开 for the annual report (section 二) and `xxgk stats publications`."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

from django.conf import settings

from xxgk.publications.models import ChannelPublication, Publication

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


def published_in(agency: Agency, year: int) -> list[Publication]:
    """Items first put online in `year` (later withdrawals do not undo that they were published)."""
    start, end = year_bounds(year)
    return list(
        Publication.objects.filter(
            agency=agency, published_at__gte=start, published_at__lt=end
        ).select_related("live_revision__category")
    )


def publication_stats(agency: Agency, year: int) -> PublicationStats:
    """Return total, per-channel and per-category counts and the Art. 26 late count."""
    items = published_in(agency, year)
    start, end = year_bounds(year)
    by_channel = Counter(
        ChannelPublication.objects.filter(
            publication__in=items,
            appeared_on__gte=start.date(),
            appeared_on__lt=end.date(),
        ).values_list("channel__name", flat=True)
    )
    by_category = Counter(p.live_revision.category.name for p in items if p.live_revision)
    return {
        "total": len(items),
        "by_channel": dict(sorted(by_channel.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_category": dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
        "late": sum(1 for p in items if p.is_late),
    }
