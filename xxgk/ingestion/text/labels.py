"""Matching printed labels: any spacing between characters, either punctuation width."""

from __future__ import annotations

import re

_EQUIV = {
    "（": "[（(]",
    "(": "[（(]",
    "）": "[）)]",
    ")": "[）)]",
    "，": "[，,]",
    ",": "[，,]",
    "：": "[：:]",
    ":": "[：:]",
    "“": '[“”"]?',
    "”": '[“”"]?',
    "、": "[、，,.．]?",
    ".": "[.．、]",
    "/": "[/／]",
}


_PAREN_TAIL = r"(?:\s*[（(][^）)|]{0,200}[）)])?"


def label_pattern(label: str) -> str:
    """A regex for a printed label: any spacing between characters, either punctuation width."""
    return r"\s*".join(_EQUIV.get(ch, re.escape(ch)) for ch in label if not ch.isspace())


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p + _PAREN_TAIL) for p in patterns)
