"""JSON parsing of API request bodies with Chinese messages and a nesting limit.

DRF's parser lets a deeply nested document raise RecursionError (a 500) and answers
malformed JSON in English; here both are a 400 with a Chinese message.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from django.conf import settings

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DrfJSONParser

# Deeper than any request body of this API needs; far below the interpreter's recursion limit.
MAX_DEPTH = 32


def _depth_exceeded(text: str, limit: int) -> bool:
    """Return True if brackets outside strings nest deeper than `limit` (linear scan)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


class JSONParser(DrfJSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
        except UnicodeDecodeError:
            raise ParseError("请求内容不是有效的 UTF-8 文本。") from None
        if not text.strip():
            raise ParseError("请求内容为空：请以 JSON 格式提交。")
        if _depth_exceeded(text, MAX_DEPTH):
            raise ParseError(f"JSON 嵌套层数过多（最多{MAX_DEPTH}层）。")
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            position = getattr(exc, "pos", None)
            where = f"（第{position + 1}个字符附近）" if position is not None else ""
            raise ParseError(f"请求内容不是有效的 JSON{where}。") from None


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON.
    raise ValueError(name)
