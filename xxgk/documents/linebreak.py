"""Split Chinese text into lines that obey the line-breaking rules (禁则) of GB/T 15834.

GB/T 15834-2011 (标点符号用法) §5.1.7 and common typesetting practice: 句号、逗号、顿号、
分号、冒号、问号、叹号、后引号、后括号、后书名号 never begin a line (行首禁则), 前引号、
前括号、前书名号 never end one (行尾禁则), and a 破折号 or 省略号 is not split across two
lines, nor is a 间隔号 put at the head of a line. When the character that would begin the next line is a closing mark, the character
before it is pulled down with it; an opening mark at the end of a line is pushed down.

Latin words, numbers and URLs are kept together when that costs less than half a line (a
"123" split into "12|3" misreads as two figures), and are broken between any two
characters otherwise, so nothing ever overflows the width.

Pure: the caller supplies the width of a string (the sum of its characters' widths, as for a
PDF font without text shaping).
"""

from __future__ import annotations

from collections.abc import Callable

# 行首禁则: closing marks, full-width and ASCII.
CLOSING = frozenset("，。、；：？！）》」』”’％〉】〕〗］｝·%,.;:?!)]}")
# 行尾禁则: opening marks, full-width and ASCII.
OPENING = frozenset("（《「『“‘〈【〔〖［｛([{")
# Marks written doubled (——, ……) that must stay on one line.
DOUBLED = frozenset("—…")

_FREE, _DISCOURAGED, _FORBIDDEN = 0, 1, 2


def _is_word(ch: str) -> bool:
    return "!" <= ch <= "~"  # printable ASCII other than the space


def _break_cost(text: str, b: int) -> int:
    """How bad it is to end a line before text[b] (text[b - 1] ends the line)."""
    prev, nxt = text[b - 1], text[b]
    if nxt == " ":
        # The spaces at a break are dropped; what begins the next line is what follows them.
        rest = text[b:].lstrip(" ")
        return _FORBIDDEN if rest and rest[0] in CLOSING else _FREE
    if nxt in CLOSING or prev in OPENING or (prev == nxt and prev in DOUBLED):
        return _FORBIDDEN
    if _is_word(prev) and _is_word(nxt):
        return _DISCOURAGED
    return _FREE


def break_lines(
    text: str,
    width: float,
    width_of: Callable[[str], float],
    *,
    first_width: float | None = None,
) -> list[str]:
    """Return the lines of ``text`` set in ``width`` (the first line in ``first_width``).

    A newline in the text forces a break. Spaces where a line is broken are dropped. A line
    holds at least one character, even one wider than the width.
    """
    cache: dict[str, float] = {}

    def char_width(ch: str) -> float:
        w = cache.get(ch)
        if w is None:
            w = cache[ch] = width_of(ch)
        return w

    lines: list[str] = []
    for hard in text.split("\n"):
        limit = width if lines or first_width is None else first_width
        # prefix[k] is the width of hard[:k].
        prefix = [0.0]
        for ch in hard:
            prefix.append(prefix[-1] + char_width(ch))
        start, i, n = 0, 0, len(hard)
        before = len(lines)
        while i < n:
            if prefix[i + 1] - prefix[start] <= limit + 1e-6 or i == start:
                i += 1
                continue
            b = _choose_break(hard, start, i, prefix, limit)
            lines.append(hard[start:b].rstrip(" "))
            start = b
            while start < n and hard[start] == " ":
                start += 1
            i = max(i, start)
            limit = width
        if start < n or len(lines) == before:
            lines.append(hard[start:].rstrip(" "))
    return lines


def _choose_break(text: str, start: int, over: int, prefix: list[float], limit: float) -> int:
    """Pick where to end the line begun at ``start``; text[over] no longer fits on it."""
    costs = [(b, _break_cost(text, b)) for b in range(over, start, -1)]
    for b, cost in costs:
        if cost == _FREE and prefix[b] - prefix[start] >= limit / 2:
            return b
    for b, cost in costs:
        if cost <= _DISCOURAGED:
            return b
    return over  # nothing but closing/opening marks: break anywhere rather than overflow
