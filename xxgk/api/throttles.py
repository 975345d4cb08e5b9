"""API throttles keyed on the client address of xxgk/clientip.py.

DRF's default identity trusts X-Forwarded-For when NUM_PROXIES is unset, so a client could
reset its own limit by forging the header; the shared definition trusts only the configured
number of proxies (XXGK_TRUSTED_PROXIES).
"""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class _RemoteAddrThrottle(SimpleRateThrottle):
    default_rate = "10/hour"

    def get_rate(self) -> str | None:
        # Read at request time (not import time) so settings changes apply at once.
        from django.conf import settings

        rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
        rate = rates.get(self.scope, self.default_rate)
        # "off": no limit (load tests, or a proxy that limits instead). DRF's history list
        # would otherwise grow with every request of the window, in the cache.
        return None if rate is None or rate.strip().lower() == "off" else rate

    def get_ident(self, request: Request) -> str:
        from xxgk.clientip import client_ip

        return client_ip(request)

    def get_cache_key(self, request: Request, view: object) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApplicationThrottle(_RemoteAddrThrottle):
    """Submissions per IP (XXGK_API_APPLICATION_RATE, default 10/hour)."""

    scope = "applications"


class TrackThrottle(_RemoteAddrThrottle):
    """Tracking look-ups per IP: enough for an applicant, too few to guess 32^16 codes."""

    scope = "track"
    default_rate = "60/hour"
