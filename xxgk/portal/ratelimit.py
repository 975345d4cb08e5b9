"""Fixed-window rate limits kept in the cache (no external service).

Used against form abuse (per IP and per applicant identity) and against guessing tracking
codes (per IP). Limits are settings so an agency can tune them ([R] operational choice).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULTS: dict[str, tuple[int, int]] = {
    # name: (max hits, window seconds)
    "apply_ip": (10, 3600),
    "apply_applicant": (5, 3600),
    "track_ip": (20, 3600),
}


def limit(name: str) -> tuple[int, int]:
    configured = getattr(settings, "XXGK_PORTAL_RATE_LIMITS", {})
    return configured.get(name, DEFAULTS[name])


def client_ip(request: HttpRequest) -> str:
    # One definition for every limit (xxgk/clientip.py): REMOTE_ADDR, or behind the
    # configured number of trusted proxies the address they saw; a forged header is ignored.
    from xxgk.clientip import client_ip as address

    return address(request)


def _key(name: str, subject: str) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    max_hits, window = limit(name)
    return f"xxgk:rl:{name}:{digest}:{int(time.time() // window)}"


def exceeded(name: str, subject: str) -> bool:
    """True when `subject` has used up its hits in the current window (does not count)."""
    max_hits, _ = limit(name)
    return int(cache.get(_key(name, subject), 0)) >= max_hits


def hit(name: str, subject: str) -> bool:
    """Count one hit; return True when the limit is now exceeded (the hit was refused)."""
    max_hits, window = limit(name)
    key = _key(name, subject)
    if cache.add(key, 1, window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window + 5)
            count = 1
    return count > max_hits
