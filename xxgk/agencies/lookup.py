"""Find an agency by what a person types on the command line: full name, short name or code."""

from __future__ import annotations

from django.db.models import Q

from xxgk.agencies.models import Agency
from xxgk.errors import DomainError


def find_agency(text: str) -> Agency:
    """Return the one agency named `text`, or raise DomainError with a Chinese message."""
    text = (text or "").strip()
    if not text:
        raise DomainError("请指定机关（全称、简称或网址代码）。")
    matches = list(Agency.objects.filter(Q(name=text) | Q(code=text) | Q(short_name=text))[:2])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise DomainError(f"“{text}”对应多个机关，请使用机关全称或网址代码。")
    raise DomainError(f"找不到机关“{text}”。请使用机关全称或网址代码（如 daye-kjj）。")
