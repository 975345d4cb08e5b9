"""Public search: the search index guarded by the publication status, for pages and API.

The index should hold only published items (publish/withdraw call index/unindex), but a
public path must never rely on that alone: every hit of a publication is re-checked
against `queries.public_publications()` (one query per page of hits).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from xxgk.agencies.models import Agency
from xxgk.portal import queries, search
from xxgk.publications.models import Validity

KEY_PREFIX = "publication:"


@dataclass(frozen=True)
class Filters:
    q: str = ""
    agency: Agency | None = None
    category_id: int | None = None
    year: int | None = None
    validity: str | None = None
    page: int = 1


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def parse(params: dict[str, str]) -> tuple[Filters, dict[str, str]]:
    """Read filters from query parameters; return them and Chinese errors per parameter."""
    errors: dict[str, str] = {}
    agency = None
    code = (params.get("agency") or "").strip()
    if code:
        agency = Agency.objects.active().filter(code=code).first() or (
            Agency.objects.active().filter(name=code).first()
        )
        if agency is None:
            errors["agency"] = "没有这个机关。"
    year = _int(params.get("year"))
    if params.get("year") and (year is None or not 1949 <= year <= 2100):
        errors["year"] = "年份应为四位数字。"
        year = None
    category_id = _int(params.get("category"))
    if params.get("category") and category_id is None:
        errors["category"] = "分类应为数字编号。"
    validity = params.get("validity") or None
    if validity and validity not in Validity.values:
        errors["validity"] = "有效性只能是：有效、失效、废止。"
        validity = None
    page = _int(params.get("page")) or 1
    q = (params.get("q") or "").strip()[: search.MAX_QUERY_LENGTH]
    return (
        Filters(
            q=q,
            agency=agency,
            category_id=category_id,
            year=year,
            validity=validity,
            page=max(1, page),
        ),
        errors,
    )


def _within_pages(run: Callable[[int], search.SearchPage], page: int) -> search.SearchPage:
    """Run a paged search; a page beyond the last one shows the last page (no 500, no void)."""
    result = run(page)
    if result.page > result.num_pages:
        # Nothing on an empty listing: its only page is the first, no second query needed.
        result = run(result.num_pages) if result.total > 0 else replace(result, page=1)
    return result


def public_search(f: Filters, *, per_page: int = 20) -> search.SearchPage:
    def run(number: int) -> search.SearchPage:
        return search.search(
            f.q,
            agency_id=f.agency.id if f.agency else None,
            category_id=f.category_id,
            year=f.year,
            validity=f.validity,
            page=number,
            per_page=per_page,
        )

    return guard(_within_pages(run, f.page))


def public_list(
    agency: Agency,
    *,
    category_ids: list[int] | None = None,
    item_code: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> search.SearchPage:
    """A column listing, newest first, served by the index (no sort over all rows)."""

    def run(number: int) -> search.SearchPage:
        return search.search(
            "",
            agency_id=agency.id,
            category_ids=category_ids,
            item_code=item_code,
            page=number,
            per_page=per_page,
        )

    return guard(_within_pages(run, page))


def guard(page: search.SearchPage) -> search.SearchPage:
    """Drop any hit whose publication is not public now (a stale index entry)."""
    ids = [int(h.key[len(KEY_PREFIX) :]) for h in page.hits if h.key.startswith(KEY_PREFIX)]
    allowed = queries.public_ids(ids)
    hits = [
        h
        for h in page.hits
        if not h.key.startswith(KEY_PREFIX) or int(h.key[len(KEY_PREFIX) :]) in allowed
    ]
    if len(hits) == len(page.hits):
        return page
    return replace(page, hits=hits, total=max(0, page.total - (len(page.hits) - len(hits))))


def reindex_all() -> int:
    """Rebuild the index from the published items (after a restore or an upgrade)."""
    from xxgk.portal.models import SearchDocument

    keep = set()
    count = 0
    from xxgk.publications.indexing import entry_for

    for pub in queries.public_publications().prefetch_related("live_revision__attachments"):
        entry = entry_for(pub)
        search.index(entry)
        keep.add(entry.key)
        count += 1
    for key in SearchDocument.objects.exclude(key__in=keep).values_list("key", flat=True):
        search.unindex(key)
    return count
