"""The state of one reading, its row definitions, and the table shape of the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from xxgk.annual_reports.data import Finding


@dataclass
class _Reading:
    text: str
    mode: str  # "line" | "pipe" | "free"
    joined: bool
    findings: list[Finding] = field(default_factory=list)
    joined_rows: dict[str, int] = field(default_factory=dict)
    # (table, start, end) of every row read: the label through its last number. The narrative
    # of a section is its text without these table runs (see xxgk/ingestion/narrative.py).
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    # Joined rows left blank because several splits fit the row: every split (when the search
    # was complete), for a second try against the column totals (see _resolve_by_totals).
    ambiguous: list[_Ambiguous] = field(default_factory=list)
    # Provenance: the text offset of the row each cell was read from, and the cells whose
    # values were settled by a balance rule (joined digits split by the printed totals).
    cell_at: dict[str, int] = field(default_factory=dict)
    settled: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Ambiguous:
    row: _Row
    digits: str
    splits: tuple[tuple[Decimal, ...], ...]
    finding: Finding


@dataclass(frozen=True)
class _Row:
    codes: tuple[str, ...]
    kinds: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    where: str
    check: Callable[[list[Decimal]], bool] | None = None


def _mode(text: str) -> str:
    if sum(1 for line in text.split("\n") if line.startswith("\t")) >= 20:
        return "line"
    if text.count("|") >= 6:
        return "pipe"
    return "free"


def _is_joined(text: str) -> bool:
    # A web crawl flattens the page into one long line and drops the cell separators.
    return max((len(line) for line in text.split("\n")), default=0) >= 1500
