"""Sanitising the rich-text body of a publication (nh3 = Rust ammonia).

Scripts, event handlers, styles and unknown tags are removed; links keep only safe schemes.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "hr", "span", "div", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_SPACE = re.compile(r"\s+")


def own_image_source(src: str, site_url: str = "") -> str | None:
    """Return an image address on our own origin (as a path), or None for any other host.

    A published page that loads an image from another host tells that host who reads what
    (and breaks on intranets); the Content-Security-Policy allows only our origin anyway.
    An absolute address of our own site is rewritten to its path.
    """
    src = src.strip()
    if site_url and src.startswith(site_url.rstrip("/") + "/"):
        src = src[len(site_url.rstrip("/")) :]
    if src.startswith("/") and not src.startswith("//"):
        return src
    return None


def sanitise(body: str, *, site_url: str = "") -> str:
    """Return the body with everything outside the allowlist removed (scripts included).

    Images from other hosts lose their address (the image is not loaded; its alt text stays).
    """

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return own_image_source(value, site_url)
        return value

    return nh3.clean(
        body or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        attribute_filter=keep,
    )


def plain_text(body: str) -> str:
    """Return the text of a sanitised body, for search and exports."""
    text = nh3.clean(re.sub(r"</(p|div|li|h\d|tr)>|<br\s*/?>", "\n", body or ""), tags=set())
    lines = (_SPACE.sub(" ", html.unescape(line)).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
