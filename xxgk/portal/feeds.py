"""RSS and Atom feeds per agency and per category (published items only)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from xxgk.agencies.models import Agency
from xxgk.portal import queries
from xxgk.publications.models import Category, Publication

FEED_SIZE = 30


class AgencyFeed(Feed):
    """The newest published items of one agency."""

    def get_object(self, request: HttpRequest, agency: str) -> Agency:  # type: ignore[override]
        return get_object_or_404(Agency.objects.active(), code=agency)

    def title(self, obj: Agency) -> str:
        return f"{obj.name} · 政府信息公开"

    def link(self, obj: Agency) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Agency) -> str:
        return f"{obj.name}法定主动公开内容（最新{FEED_SIZE}条）"

    def items(self, obj: Agency) -> list[Publication]:
        return list(queries.public_publications(obj)[:FEED_SIZE])

    def item_title(self, item: Publication) -> str:
        return item.live_revision.title

    def item_description(self, item: Publication) -> str:
        rev = item.live_revision
        return rev.summary or Truncator(strip_tags(rev.body)).chars(200)

    def item_link(self, item: Publication) -> str:
        return item.portal_url()

    def item_guid(self, item: Publication) -> str:
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item: Publication) -> datetime | None:
        return item.published_at

    def item_categories(self, item: Publication) -> list[str]:
        return [item.live_revision.category.name]


class AgencyAtomFeed(AgencyFeed):
    feed_type = Atom1Feed
    subtitle = AgencyFeed.description


class CategoryFeed(AgencyFeed):
    """The newest published items of one category (and its sub-categories)."""

    def get_object(  # type: ignore[override]
        self, request: HttpRequest, agency: str, category: int
    ) -> Category:
        obj = get_object_or_404(
            Category.objects.select_related("agency"),
            pk=category,
            agency__code=agency,
            agency__is_active=True,
            is_active=True,
        )
        return obj

    def title(self, obj: Category) -> str:  # type: ignore[override]
        return f"{obj.agency.name} · {obj.name}"

    def link(self, obj: Category) -> str:  # type: ignore[override]
        from django.urls import reverse

        return (
            reverse("portal:proactive", kwargs={"agency": obj.agency.code}) + f"?category={obj.pk}"
        )

    def description(self, obj: Category) -> str:  # type: ignore[override]
        return f"{obj.agency.name}“{obj.name}”分类的主动公开信息"

    def items(self, obj: Category) -> list[Publication]:  # type: ignore[override]
        if obj is None:
            raise Http404
        ids = queries.descendant_ids(obj.agency, obj)
        return list(
            queries.public_publications(obj.agency).filter(live_revision__category_id__in=ids)[
                :FEED_SIZE
            ]
        )


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description
