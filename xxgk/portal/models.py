"""The public search index: one SearchDocument per published item (see search.py)."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    """What the public may find: only published items are ever indexed (条例 Art. 24).

    `tokens` holds the bigram tokens (xxgk.portal.bigrams); an FTS5 table (SQLite) or a
    GIN expression index (PostgreSQL), both created in migration 0002, index it.
    """

    key = models.CharField(max_length=80, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="search_documents"
    )
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    category = models.CharField(max_length=200, blank=True)
    category_id = models.BigIntegerField(null=True, blank=True)
    item_code = models.CharField(max_length=50, blank=True)
    year = models.IntegerField()
    validity = models.CharField(max_length=30, blank=True)
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField()
    index_number = models.CharField(max_length=100, blank=True)
    tokens = models.TextField(blank=True)
    # The full-text row id: publication time in ms, so the index itself is in date order
    # and "newest first" never needs to sort the matches (see search.py).
    sort_key = models.BigIntegerField(unique=True, null=True)

    class Meta:
        verbose_name = "检索索引条目"
        verbose_name_plural = "检索索引条目"
        indexes = [
            # Listings without words (PostgreSQL path of search.search) walk these backwards.
            models.Index(fields=["agency", "sort_key"], name="portal_doc_agency_sort"),
            models.Index(fields=["category_id", "sort_key"], name="portal_doc_category_sort"),
        ]

    def __str__(self) -> str:
        return self.title


class PageVersion(models.Model):
    """The version of one scope of public pages, part of every cached page's key.

    Scopes: "structure" (every page: agencies added, renamed, moved, switched off), "site"
    (pages across agencies: search, sitemap, the index) and "agency:<code>" (one agency's
    column). The services that change what the public sees (publish, withdraw, correct,
    reconfigure) call `xxgk.portal.pagecache.bump_*` inside their transaction, which gives the
    scope a new random token: a cached page keyed by the old token is never read again, on
    any worker, whatever the cache backend. Random tokens (not counters) so a database rebuilt
    from scratch never meets the pages a file or Redis cache kept from the previous one.
    """

    scope = models.CharField(max_length=120, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "公开页面版本"
        verbose_name_plural = "公开页面版本"

    def __str__(self) -> str:
        return f"{self.scope}@{self.token}"
