"""Public pages served from a cache that is always right (issue 17; docs/deployment.md).

A public page changes only when something is published, withdrawn, corrected or
reconfigured. The services that do those things call `bump_agency` / `bump_structure`
explicitly, inside their own transaction; that gives the scopes concerned a new random
token (`PageVersion`). Every cached page is keyed by the tokens of its scopes, read from the
database on each request (one primary-key query), so after the service's commit the very
next request, on any worker, misses the old entry and renders afresh: no stale page, with
any cache backend (per-process local memory included), and nothing to purge.

Why the tokens live in the database and not in the cache: they change in the same
transaction as the data (a rolled-back publish changes nothing), and they are shared by all
workers whatever `XXGK_PAGE_CACHE` says.

Only anonymous requests without a session or messages cookie are served from or stored in
the cache; a response that sets a cookie, used the CSRF token, wrote the session or says
`private`/`no-store` is never stored. The key also holds the host, the full path with its
query, the text-size mode (cookie `xxgk_text`), today's date (pages that print the year)
and a fingerprint of the code and the portal's settings.

Conditional GET: every page gets an ETag (hash of the body); shared pages also get
Last-Modified (the latest bump of their scopes, strictly increasing by whole seconds).
"""

from __future__ import annotations

import hashlib
import math
import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, quote_etag

STRUCTURE = "structure"
SITE = "site"
CACHE_ALIAS = "pages"
TEXT_SIZE_COOKIE = "xxgk_text"
# Headers a view sets that belong to the page itself (middleware adds the rest on each hit).
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "X-Robots-Tag")

View = Callable[..., HttpResponseBase]


def agency_scope(code: str) -> str:
    return f"agency:{code}"


# -- bumping (called explicitly by the services that change public pages) --------------


def bump_agency(agency: Any) -> None:
    """One agency's public content changed: its column, and the pages across agencies."""
    _bump([agency_scope(agency.code), SITE])


def bump_structure() -> None:
    """The agencies themselves changed (name, code, parent, contact data, on/off): every page."""
    _bump([STRUCTURE])


@transaction.atomic
def _bump(scopes: list[str]) -> None:
    from xxgk.portal.models import PageVersion

    now = timezone.now()
    # Whole seconds, strictly increasing per scope: Last-Modified has one-second resolution,
    # so two changes within a second must still give two different dates.
    floor = datetime.fromtimestamp(math.ceil(now.timestamp()), tz=now.tzinfo)
    PageVersion.objects.bulk_create(
        [PageVersion(scope=s, token="", changed_at=floor) for s in scopes],
        ignore_conflicts=True,
    )
    rows = PageVersion.objects.select_for_update().filter(scope__in=[*scopes, STRUCTURE])
    current = {row.scope: row for row in rows}
    newest_structure = current[STRUCTURE].changed_at if STRUCTURE in current else floor
    for scope in scopes:
        row = current[scope]
        row.token = secrets.token_hex(16)
        row.changed_at = max(floor, row.changed_at + timedelta(seconds=1))
        if scope != STRUCTURE:
            row.changed_at = max(row.changed_at, newest_structure + timedelta(seconds=1))
        row.save(update_fields=["token", "changed_at"])


def versions(scopes: list[str]) -> tuple[str, datetime | None]:
    """(the scopes' tokens joined, their latest change) in one query.

    Plain SQL: this runs on every public request, and the ORM's query building costs more
    than the primary-key lookup itself.
    """
    marks = ", ".join(["%s"] * len(scopes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT scope, token, changed_at FROM portal_pageversion WHERE scope IN ({marks})",
            scopes,
        )
        rows = {scope: (token, _aware(changed)) for scope, token, changed in cursor.fetchall()}
    tokens = ".".join(rows.get(s, ("0", None))[0] for s in scopes)
    dates = [changed for _, changed in rows.values() if changed is not None]
    return tokens, max(dates) if dates else None


def _aware(value: datetime | str | None) -> datetime | None:
    # SQLite hands back text in UTC, PostgreSQL an aware datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


# -- serving ----------------------------------------------------------------------------


def page_cache() -> BaseCache:
    return caches[CACHE_ALIAS]


@cache
def fingerprint() -> str:
    """Code and settings the pages depend on: a deploy or a settings change starts afresh."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("xxgk")
    except PackageNotFoundError:
        release = "?"
    root = os.path.dirname(os.path.dirname(__file__))
    newest = 0.0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".py", ".html")):
                newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
    parts = [
        release,
        str(newest),
        settings.SITE_URL,
        settings.LANGUAGE_CODE,
        repr(sorted(getattr(settings, "XXGK_NATIONAL_RULE_LINKS", {}).items())),
    ]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def is_personal(request: HttpRequest) -> bool:
    """The request may see something of its own (staff signed in, an applicant's session,
    flash messages): never read from or written to the shared cache."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
        or "messages" in cookies
    )


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page carries a CSRF token: it belongs to this browser
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _key(request: HttpRequest, tokens: str) -> str:
    size = "large" if request.COOKIES.get(TEXT_SIZE_COOKIE) == "large" else "normal"
    raw = "|".join(
        [
            request.get_host(),
            request.get_full_path(),
            size,
            timezone.localdate().isoformat(),
            tokens,
        ]
    )
    return f"xxgk:page:{fingerprint()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _finish(
    request: HttpRequest,
    response: HttpResponseBase,
    last_modified: datetime | None,
    *,
    shared: bool,
) -> HttpResponseBase:
    """Revalidate-always headers, then answer 304 when the client's copy is current.

    A page of one browser's own (session, messages, CSRF token) is `private` and gets no
    Last-Modified: only its body's ETag can tell whether it changed.
    """
    # Keep a copy, but ask every time: a change must show on the next request.
    response["Cache-Control"] = "no-cache" if shared else "private, no-cache"
    patch_vary_headers(response, ["Cookie"])  # text size comes from a cookie
    stamp = int(last_modified.timestamp()) if shared and last_modified else None
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=stamp, response=response
    )


def public_page(view: View) -> View:
    """Serve a public page from the page cache (see the module docstring).

    The page's scope is its agency (`agency` URL argument), else the whole site.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        scope = agency_scope(kwargs["agency"]) if "agency" in kwargs else SITE
        tokens, last_modified = versions([STRUCTURE, scope])
        personal = is_personal(request)
        key = "" if personal else _key(request, tokens)
        stored = page_cache().get(key) if key else None
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return _finish(request, response, last_modified, shared=True)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()  # the sitemap view answers with a lazy TemplateResponse
        response["ETag"] = quote_etag(hashlib.md5(response.content).hexdigest())
        shared = not personal and _storable(request, response)
        if shared:
            headers = [(h, response[h]) for h in (*_KEPT_HEADERS, "ETag") if h in response]
            page_cache().set(key, (response.content, headers))
            response["X-Page-Cache"] = "miss"
        return _finish(request, response, last_modified, shared=shared)

    return wrapper
