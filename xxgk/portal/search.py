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
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe

from xxgk.portal import bigrams
from xxgk.portal.models import SearchDocument

FTS_TABLE = "portal_searchfts"
# A one-character query scans; the count stops here so the scan stays bounded.
SCAN_COUNT_CAP = 1000
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


def _fts_delete(doc_id: int, tokens: str) -> None:
    if _vendor() == "sqlite":
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens) VALUES('delete', %s, %s)",
                [doc_id, tokens],
            )


def _fts_insert(doc_id: int, tokens: str) -> None:
    if _vendor() == "sqlite":
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES(%s, %s)", [doc_id, tokens])


@transaction.atomic
def index(entry: IndexEntry) -> None:
    """Insert or replace the entry under its key (call only for published items)."""
    tokens = bigrams.document_tokens(entry.title, entry.text)
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
    existing = SearchDocument.objects.filter(key=entry.key).only("id", "tokens").first()
    if existing is not None:
        _fts_delete(existing.id, existing.tokens)
        SearchDocument.objects.filter(id=existing.id).update(**fields)
        _fts_insert(existing.id, tokens)
    else:
        doc = SearchDocument.objects.create(key=entry.key, **fields)
        _fts_insert(doc.id, tokens)


@transaction.atomic
def unindex(key: str) -> None:
    """Remove the entry (withdrawn, unpublished); a missing key is not an error."""
    existing = SearchDocument.objects.filter(key=key).only("id", "tokens").first()
    if existing is None:
        return
    _fts_delete(existing.id, existing.tokens)
    existing.delete()


def rebuild() -> None:
    """Rebuild the SQLite FTS5 table from the stored documents (after a restore/flush)."""
    if _vendor() == "sqlite":
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('rebuild')")


def _filters(
    agency_id: int | None, category_id: int | None, year: int | None, validity: str | None
) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    for column, value in (
        ("agency_id", agency_id),
        ("category_id", category_id),
        ("year", year),
        ("validity", validity or None),
    ):
        if value is not None:
            where.append(f"d.{column} = %s")
            params.append(value)
    return " AND ".join(where), params


def _fts5_match(phrases: list[list[str]]) -> str:
    return " AND ".join('"' + " ".join(p) + '"' for p in phrases)


def _pg_tsquery(phrases: list[list[str]]) -> str:
    return " & ".join("(" + " <-> ".join(p) + ")" for p in phrases)


def _candidate_sql(q: str) -> tuple[str, str, list[object]] | None:
    """FROM/WHERE fragments for an indexed query, or None when the query must scan."""
    phrases = bigrams.query_phrases(q)
    if not phrases:
        return None
    if _vendor() == "sqlite":
        return (
            f"portal_searchdocument d JOIN {FTS_TABLE} f ON f.rowid = d.id",
            f"{FTS_TABLE} MATCH %s",
            [_fts5_match(phrases)],
        )
    return (
        "portal_searchdocument d",
        "to_tsvector('simple', d.tokens) @@ to_tsquery('simple', %s)",
        [_pg_tsquery(phrases)],
    )


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _scan_sql(q: str) -> tuple[str, str, list[object]]:
    conds = []
    params: list[object] = []
    for term in q.split():
        like = "%" + _like_escape(term) + "%"
        conds.append("(d.title LIKE %s ESCAPE '\\' OR d.text LIKE %s ESCAPE '\\')")
        params += [like, like]
    return "portal_searchdocument d", " AND ".join(conds), params


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
) -> SearchPage:
    """Find published items, newest first. An empty query lists by the filters alone."""
    q = " ".join(q.split())[:MAX_QUERY_LENGTH]
    page = max(1, page)
    per_page = max(1, min(per_page, 100))
    filt, filt_params = _filters(agency_id, category_id, year, validity)
    capped = False
    if not q:
        source, cond, params = "portal_searchdocument d", "", []
    elif bigrams.needs_scan(q):
        source, cond, params = _scan_sql(q)
        capped = True
    else:
        built = _candidate_sql(q)
        if built is None:  # only punctuation: nothing can match
            return SearchPage(q=q, hits=[], total=0, page=page, per_page=per_page)
        source, cond, params = built
    where = " AND ".join(c for c in (cond, filt) if c)
    where_sql = f"WHERE {where}" if where else ""
    all_params = params + filt_params
    with connection.cursor() as cur:
        if capped:
            cur.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} {where_sql} LIMIT %s) x",
                all_params + [SCAN_COUNT_CAP],
            )
        else:
            cur.execute(f"SELECT COUNT(*) FROM {source} {where_sql}", all_params)
        total = int(cur.fetchone()[0])
        cur.execute(
            f"SELECT d.id FROM {source} {where_sql} "
            "ORDER BY d.published_at DESC, d.id DESC LIMIT %s OFFSET %s",
            all_params + [per_page, (page - 1) * per_page],
        )
        ids = [row[0] for row in cur.fetchall()]
    docs = SearchDocument.objects.in_bulk(ids)
    terms = _terms(q)
    hits = [_hit(docs[i], terms) for i in ids if i in docs]
    return SearchPage(
        q=q,
        hits=hits,
        total=total,
        page=page,
        per_page=per_page,
        total_is_lower_bound=capped and total >= SCAN_COUNT_CAP,
    )


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
