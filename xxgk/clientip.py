"""The client's address, the same for rate limits, API throttles and the login lockout.

Behind reverse proxies REMOTE_ADDR is the nearest proxy (nginx at 127.0.0.1): every visitor
would share one rate limit, and django-axes would lock an account for everybody. With
XXGK_TRUSTED_PROXIES = N (the number of proxies in front of xxgk: 1 for the documented
nginx) the address is read from X-Forwarded-For counting from the right — the entry the
outermost trusted proxy saw — so addresses a client writes into the header itself are
ignored. python-ipware does the parsing; N = 0 (the default) trusts no header at all.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from python_ipware import IpWare


def client_ip(request: HttpRequest) -> str:
    """Return the client's address as the trusted proxies saw it ("unknown" if none)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    # ipware counts the proxies listed inside the header; the nearest one is REMOTE_ADDR.
    ipware = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)
    address, _routable = ipware.get_client_ip(request.META, strict=False)
    # Too few entries: the request did not come through the proxies; use the peer address.
    return str(address) if address is not None else remote
