"""Chinese full-text search over published items (titles, bodies, attachment text).

Publishing services call `index()` / `unindex()`; the portal and the API call `search()`.
Two or more characters are served by bigram tokens (SQLite FTS5 phrase query or a
PostgreSQL GIN index over a 'simple' tsvector); a one-character query falls back to a
bounded substring scan. Why: docs/adr/0005-chinese-search.md.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe

from xxgk.portal import bigrams
from xxgk.portal.models import SearchDocument

FTS_TABLE = "portal_searchfts"
# A one-character query scans; the count stops here so the scan stays bounded.
SCAN_COUNT_CAP = 1000
# PostgreSQL counts matches by visiting rows; past this many it says "1000+".
PG_COUNT_CAP = 1000
MAX_QUERY_LENGTH = 100
SNIPPET_CHARS = 120


@dataclass(frozen=True)
class IndexEntry:
    agency_id: int
    key: str  # e.g. "publication:42"
    title: str
    text: str
    category: str
    category_id: int | None
    item_code: str
    year: int
    validity: str
    url: str
    published_at: datetime
    index_number: str


@dataclass(frozen=True)
class SearchHit:
    key: str
    agency_id: int
    title: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    category: str
    category_id: int | None
    item_code: str
    year: int
    validity: str
    published_at: datetime
    index_number: str


# No listing has a million pages; larger numbers are clamped before they reach SQL.
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class SearchPage:
    q: str
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    # True when a one-character scan stopped counting at SCAN_COUNT_CAP.
    total_is_lower_bound: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _vendor() -> str:
    return connection.vendor


def _fts_delete(sort_key: int | None, tokens: str) -> None:
    if _vendor() == "sqlite" and sort_key is not None:
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens) VALUES('delete', %s, %s)",
                [sort_key, tokens],
            )


def _fts_insert(sort_key: int, tokens: str) -> None:
    if _vendor() == "sqlite":
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES(%s, %s)", [sort_key, tokens]
            )


def _free_sort_key(published_at: datetime) -> int:
    """Publication time in ms, moved up to the next free value on a tie."""
    base = int(published_at.timestamp() * 1000)
    taken = set(
        SearchDocument.objects.filter(sort_key__gte=base, sort_key__lt=base + 100_000).values_list(
            "sort_key", flat=True
        )
    )
    key = base
    while key in taken:
        key += 1
    return key


def _tokens(entry: IndexEntry) -> str:
    filters = bigrams.filter_tokens(
        agency_id=entry.agency_id,
        category_id=entry.category_id,
        year=entry.year,
        validity=entry.validity,
        item_code=entry.item_code,
    )
    return bigrams.document_tokens(entry.title, entry.text, filters=filters)


@transaction.atomic
def index(entry: IndexEntry) -> None:
    """Insert or replace the entry under its key (call only for published items)."""
    tokens = _tokens(entry)
    fields = {
        "agency_id": entry.agency_id,
        "title": entry.title,
        "text": entry.text,
        "category": entry.category,
        "category_id": entry.category_id,
        "item_code": entry.item_code,
        "year": entry.year,
        "validity": entry.validity,
        "url": entry.url,
        "published_at": entry.published_at,
        "index_number": entry.index_number,
        "tokens": tokens,
    }
    existing = (
        SearchDocument.objects.select_for_update()
        .filter(key=entry.key)
        .only("id", "tokens", "sort_key", "published_at")
        .first()
    )
    if existing is not None:
        _fts_delete(existing.sort_key, existing.tokens)
        same_time = existing.published_at == entry.published_at and existing.sort_key is not None
        if not same_time:
            SearchDocument.objects.filter(id=existing.id).update(sort_key=None)
        sort_key = existing.sort_key if same_time else _free_sort_key(entry.published_at)
        SearchDocument.objects.filter(id=existing.id).update(sort_key=sort_key, **fields)
    else:
        sort_key = _free_sort_key(entry.published_at)
        SearchDocument.objects.create(key=entry.key, sort_key=sort_key, **fields)
    _fts_insert(sort_key, tokens)


@transaction.atomic
def unindex(key: str) -> None:
    """Remove the entry (withdrawn, unpublished); a missing key is not an error."""
    existing = SearchDocument.objects.filter(key=key).only("id", "tokens", "sort_key").first()
    if existing is None:
        return
    _fts_delete(existing.sort_key, existing.tokens)
    existing.delete()


def rebuild() -> None:
    """Rebuild the SQLite FTS5 table from the stored documents (after a restore/flush)."""
    if _vendor() == "sqlite":
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('rebuild')")


def _column_filters(
    agency_id: int | None,
    category_ids: list[int],
    year: int | None,
    validity: str | None,
    item_code: str | None,
) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    for column, value in (
        ("agency_id", agency_id),
        ("year", year),
        ("validity", validity or None),
        ("item_code", item_code or None),
    ):
        if value is not None:
            where.append(f"d.{column} = %s")
            params.append(value)
    if category_ids:
        where.append("d.category_id IN (" + ", ".join(["%s"] * len(category_ids)) + ")")
        params.extend(category_ids)
    return " AND ".join(where), params


# A query is a list of groups, all required (AND); a group is a list of alternative
# phrases (OR); a phrase is a list of adjacent tokens.
Group = list[list[str]]


def _fts5_match(groups: list[Group]) -> str:
    return " AND ".join(
        "(" + " OR ".join('"' + " ".join(phrase) + '"' for phrase in group) + ")"
        for group in groups
    )


def _pg_tsquery(groups: list[Group]) -> str:
    return " & ".join(
        "(" + " | ".join("(" + " <-> ".join(phrase) + ")" for phrase in group) + ")"
        for group in groups
    )


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _scan_condition(q: str) -> tuple[str, list[object]]:
    conds = []
    params: list[object] = []
    for term in q.split():
        like = "%" + _like_escape(term) + "%"
        conds.append("(d.title LIKE %s ESCAPE '\\' OR d.text LIKE %s ESCAPE '\\')")
        params += [like, like]
    return " AND ".join(conds), params


def _terms(q: str) -> list[str]:
    return [t for t in q.split() if t]


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and wrap every occurrence of a term in <mark>."""
    if not terms:
        return mark_safe(html.escape(text))  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append("<mark>" + html.escape(m.group()) + "</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> SafeString:
    """A window of `text` around the first hit, highlighted."""
    text = " ".join(text.split())
    first = -1
    lowered = text.lower()
    for t in terms:
        i = lowered.find(t.lower())
        if i != -1 and (first == -1 or i < first):
            first = i
    start = 0 if first < size // 3 else first - size // 3
    window = text[start : start + size]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + size < len(text) else ""
    return mark_safe(prefix + highlight(window, terms) + suffix)  # noqa: S308


def search(
    q: str,
    *,
    agency_id: int | None = None,
    category_id: int | None = None,
    year: int | None = None,
    validity: str | None = None,
    page: int = 1,
    per_page: int = 20,
    category_ids: Sequence[int] | None = None,
    item_code: str | None = None,
) -> SearchPage:
    """Find published items, newest first. An empty query lists by the filters alone.

    `category_ids` matches any of several categories (a category and its sub-categories);
    `item_code` an Art. 20 item ("art20.7").
    """
    q = " ".join(q.split())[:MAX_QUERY_LENGTH]
    # A page number beyond 64 bits (or beyond any real listing) would overflow the OFFSET.
    page = max(1, min(page, MAX_PAGE))
    per_page = max(1, min(per_page, 100))
    offset = (page - 1) * per_page
    if category_ids is not None:
        cats = sorted(set(category_ids))
        if category_id is not None:
            cats = [category_id] if category_id in cats else []
        if not cats:  # no category, or contradictory filters: nothing matches
            return SearchPage(q=q, hits=[], total=0, page=page, per_page=per_page)
    else:
        cats = [category_id] if category_id is not None else []
    groups: list[Group] = [
        [[t]]
        for t in bigrams.filter_tokens(
            agency_id=agency_id, year=year, validity=validity, item_code=item_code
        )
    ]
    if cats:
        groups.append([[bigrams.category_token(c)] for c in cats])
    filt, filt_params = _column_filters(agency_id, cats, year, validity, item_code)
    capped = False
    if q and bigrams.needs_scan(q):
        # One CJK character: bigrams cannot answer; a substring scan, counted up to a cap.
        cond, params = _scan_condition(q)
        where = " AND ".join(c for c in (cond, filt) if c)
        total, ids = _query_docs(where, params + filt_params, per_page, offset, cap=SCAN_COUNT_CAP)
        capped = total >= SCAN_COUNT_CAP
    else:
        phrases = bigrams.query_phrases(q) if q else []
        if q and not phrases:  # only punctuation: nothing can match
            return SearchPage(q=q, hits=[], total=0, page=page, per_page=per_page)
        groups = [[p] for p in phrases] + groups
        if not groups:
            total, ids = _query_docs("", [], per_page, offset)
        elif _vendor() == "sqlite":
            total, ids = _query_fts5(_fts5_match(groups), per_page, offset)
        elif not phrases:
            # A listing (no words): indexed columns give an exact count.
            total, ids = _query_docs(filt, filt_params, per_page, offset)
        else:
            total, ids = _query_docs(
                "d.tsv @@ to_tsquery('simple', %s)",
                [_pg_tsquery(groups)],
                per_page,
                offset,
                cap=PG_COUNT_CAP,
            )
            capped = total >= PG_COUNT_CAP
    docs = SearchDocument.objects.in_bulk(ids)
    words = _terms(q)
    hits = [_hit(docs[i], words) for i in ids if i in docs]
    return SearchPage(
        q=q,
        hits=hits,
        total=total,
        page=page,
        per_page=per_page,
        total_is_lower_bound=capped,
    )


def _query_fts5(match: str, limit: int, offset: int) -> tuple[int, list[int]]:
    """Count and page straight from FTS5: its rowid is the date-ordered sort_key."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        total = int(cur.fetchone()[0])
        cur.execute(
            f"SELECT d.id FROM (SELECT rowid AS k FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            "ORDER BY rowid DESC LIMIT %s OFFSET %s) f "
            "JOIN portal_searchdocument d ON d.sort_key = f.k ORDER BY f.k DESC",
            [match, limit, offset],
        )
        return total, [row[0] for row in cur.fetchall()]


def _query_docs(
    where: str, params: list[object], limit: int, offset: int, cap: int | None = None
) -> tuple[int, list[int]]:
    where_sql = f"WHERE {where}" if where else ""
    with connection.cursor() as cur:
        if cap is not None:
            cur.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM portal_searchdocument d {where_sql} "
                "LIMIT %s) x",
                params + [cap],
            )
        else:
            cur.execute(f"SELECT COUNT(*) FROM portal_searchdocument d {where_sql}", params)
        total = int(cur.fetchone()[0])
        cur.execute(
            f"SELECT d.id FROM portal_searchdocument d {where_sql} "
            "ORDER BY d.sort_key DESC LIMIT %s OFFSET %s",
            params + [limit, offset],
        )
        return total, [row[0] for row in cur.fetchall()]


def _hit(doc: SearchDocument, terms: list[str]) -> SearchHit:
    return SearchHit(
        key=doc.key,
        agency_id=doc.agency_id,
        title=doc.title,
        title_html=highlight(doc.title, terms),
        snippet_html=snippet(doc.text, terms),
        url=doc.url,
        category=doc.category,
        category_id=doc.category_id,
        item_code=doc.item_code,
        year=doc.year,
        validity=doc.validity,
        published_at=doc.published_at,
        index_number=doc.index_number,
    )
