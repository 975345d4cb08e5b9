"""sitemap.xml: the agencies' columns and every published item (nothing else)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from xxgk.agencies.models import Agency
from xxgk.portal import queries
from xxgk.publications.models import Publication


class ColumnSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> QuerySet[Agency]:
        return Agency.objects.active().order_by("path")

    def location(self, item: Agency) -> str:
        return item.get_absolute_url()


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self) -> QuerySet[Publication]:
        return queries.public_publications().order_by("pk")

    def location(self, item: Publication) -> str:
        return item.portal_url()

    def lastmod(self, item: Publication) -> datetime | None:
        return item.corrected_at or item.published_at


SITEMAPS = {"columns": ColumnSitemap, "publications": PublicationSitemap}
