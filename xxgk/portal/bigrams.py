"""Bigram tokens for Chinese full-text search (pure Python, no Django).

Chinese has no spaces, and a two-character query (e.g. "预算") is the commonest search.
We index every overlapping pair of CJK characters plus whole ASCII words, encoded as
ASCII tokens so that both SQLite FTS5 (unicode61) and PostgreSQL's 'simple' parser see
exactly one token per bigram regardless of the database locale. A query becomes a
*phrase* of the same tokens, so "信息公开" matches exactly the documents containing that
substring (adjacent bigrams 信息·息公·公开). See docs/adr/0005-chinese-search.md.
"""

from __future__ import annotations

import re

# A break token between runs: stops a phrase from matching across punctuation or
# between a CJK run and an ASCII word ("信息。息公" must not match "信息公").
BREAK = "b"

_RUN_RE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+|[0-9A-Za-z]+"
)


def _is_cjk(run: str) -> bool:
    return not run[0].isascii()


def _cjk_token(chars: str) -> str:
    return "u" + "".join(f"{ord(c):05x}" for c in chars)


def run_tokens(run: str) -> list[str]:
    """Tokens of one run: overlapping bigrams for CJK, one lower-case word for ASCII."""
    if not _is_cjk(run):
        return ["w" + run.lower()]
    if len(run) == 1:
        return [_cjk_token(run)]
    return [_cjk_token(run[i : i + 2]) for i in range(len(run) - 1)]


def tokenize(text: str) -> list[str]:
    """Tokens of a document, with a break token between runs."""
    out: list[str] = []
    for match in _RUN_RE.finditer(text):
        if out:
            out.append(BREAK)
        out.extend(run_tokens(match.group()))
    return out


def _value_token(prefix: str, value: object) -> str:
    # Hex keeps any value (a Chinese label, a negative number) one ASCII token.
    return prefix + str(value).encode().hex()


def filter_tokens(
    *,
    agency_id: int | None = None,
    category_id: int | None = None,
    year: int | None = None,
    validity: str | None = None,
    item_code: str | None = None,
) -> list[str]:
    """Tokens for the search filters, so a filtered query is answered by the index alone.

    Prefix "f" never starts a content token ("u" CJK, "w" ASCII word, "b" break).
    """
    out = []
    for prefix, value in (
        ("fa", agency_id),
        ("fc", category_id),
        ("fy", year),
        ("fv", validity or None),
        ("fi", item_code or None),
    ):
        if value is not None:
            out.append(_value_token(prefix, value))
    return out


def category_token(category_id: int) -> str:
    return _value_token("fc", category_id)


def document_tokens(*parts: str, filters: list[str] | None = None) -> str:
    """The space-separated token string stored for a document (filters first, then a break)."""
    head = (filters or []) + [BREAK] if filters else []
    return " ".join(head + tokenize("\n".join(parts)))


def query_phrases(q: str) -> list[list[str]]:
    """Split a query on whitespace; every term becomes one phrase (list of tokens).

    All phrases must match (AND). Terms without any indexable character are dropped.
    """
    phrases = []
    for term in q.split():
        tokens = tokenize(term)
        if tokens:
            phrases.append(tokens)
    return phrases


def needs_scan(q: str) -> bool:
    """True when a term is a single CJK character: bigrams cannot serve it."""
    for term in q.split():
        runs = _RUN_RE.findall(term)
        if any(_is_cjk(r) and len(r) == 1 for r in runs):
            return True
    return False
