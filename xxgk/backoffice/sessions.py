"""Staff sessions end after an idle period and when the browser closes (issue 11).

The session cookie carries no expiry (settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) and the
server-side row expires SESSION_COOKIE_AGE (the idle timeout) after its last save. This
middleware re-saves a signed-in session at most once a minute, which slides the expiry
forward while the person works; after the idle time the row is expired and they sign in again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

SEEN_KEY = "_xxgk_seen"
# Refreshing on every request would write the session row on every page view.
REFRESH_SECONDS = 60


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) is not None:
            now = int(time.time())
            if now - int(session.get(SEEN_KEY, 0)) >= REFRESH_SECONDS:
                session[SEEN_KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)
