"""Text as a document can print it: whatever a person typed, never an error.

Applicants and clerks type anything: emoji, CJK Extension B characters such as 𠮷 and 𪚥,
zero-width and bidirectional control characters pasted from elsewhere. A document must print
all of it or say visibly what it could not print:

- invisible format and control characters (Unicode Cf, Cc except tab and newline) are removed:
  they print nothing, XML (DOCX) refuses most controls, and bidi overrides can make a printed
  name read differently from the stored one;
- a character the shipped fonts cannot draw becomes a visible placeholder naming its code
  point, 〔U+20BB7〕, so the reader of a PDF letter still knows exactly what was written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

KEPT_CONTROLS = frozenset("\n\t")


def visible(text: str) -> str:
    """Remove invisible format and control characters (keeps tab and newline)."""
    return "".join(
        ch
        for ch in text
        if ch in KEPT_CONTROLS or unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Cn")
    )


def placeholder(ch: str) -> str:
    return f"〔U+{ord(ch):04X}〕"


def drawable(text: str, can_draw: Callable[[str], bool]) -> str:
    """Visible text with every character the fonts lack replaced by its placeholder."""
    return "".join(
        ch if ch in KEPT_CONTROLS or can_draw(ch) else placeholder(ch) for ch in visible(text)
    )
