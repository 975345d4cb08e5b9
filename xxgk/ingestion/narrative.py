"""The narrative of a section read from text: without the flattened tables, whitespace normalised.

A published report prints its three tables inside sections 二, 三 and 四. Once flattened to
text, the table's labels and cells sit between the paragraphs. The text reader records where
each row it read starts and ends (``spans``); a *table run* is the stretch from the first to the
last row read of one table in one section, widened

* backwards over the table's header lines (cells on tab-prefixed lines, pipe rows, or short
  lines without sentence punctuation such as ``信息内容 本年制发件数``), stopping at a sentence,
  at the section heading, or — when the page is one long crawled line — at the last ``。``;
* forwards over the rest of its last line and, for tab or pipe cells, the following cell lines.

What is left is normalised as the renderers print it (one paragraph per line): every line
stripped, tabs, non-breaking spaces and control characters dropped, runs of spaces made one,
blank lines removed. Lines wrapped by a PDF layout stay separate lines: where a paragraph ends
is not printed, so it is not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

_DROP = re.compile(r"[\t\xa0\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r" {2,}")  # pdftotext -layout pads words to their column
_SENTENCE_END = re.compile(r"[。！？；;!?]")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
# A header line of a table is short: the longest printed header cell in the two formats is the
# 其他对外管理服务事项 explanation, but that one sits between cell lines, not before the table.
_HEADER_MAX_CHARS = 60


def normalise(text: str) -> str:
    """One paragraph per line: lines stripped, tabs/NBSP/control characters dropped, no blanks."""
    lines = (_SPACES.sub(" ", _DROP.sub("", line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def table_runs(
    text: str,
    spans: Sequence[tuple[str, int, int]],
    bounds: Sequence[tuple[int, int]],
    *,
    mode: str,
) -> list[tuple[int, int]]:
    """(start, end) of every table run; ``bounds`` are the sections' (text start, text end)."""
    groups: dict[tuple[str, int], tuple[int, int]] = {}
    for table, start, end in spans:
        index = next((i for i, (a, b) in enumerate(bounds) if a <= start < b), -1)
        if index < 0:
            continue
        key = (table, index)
        old = groups.get(key)
        groups[key] = (start, end) if old is None else (min(old[0], start), max(old[1], end))
    runs = []
    for (_, index), (start, end) in groups.items():
        low, high = bounds[index]
        runs.append(
            (_widen_back(text, start, low, mode), _widen_forward(text, min(end, high), high, mode))
        )
    return runs


def _widen_back(text: str, start: int, low: int, mode: str) -> int:
    line_start = max(text.rfind("\n", 0, start) + 1, low)
    if text[line_start:start].strip():
        # Mid-line (a crawled page on one line): back to the end of the last sentence.
        before = text[line_start:start]
        ends = list(_SENTENCE_END.finditer(before))
        return line_start + ends[-1].end() if ends else line_start
    start = line_start
    while start > low:
        prev_start = max(text.rfind("\n", 0, start - 1) + 1, low)
        if not _is_header_line(text[prev_start : start - 1] if start - 1 >= prev_start else ""):
            break
        start = prev_start
    return start


def _is_header_line(line: str) -> bool:
    stripped = _DROP.sub("", line).strip()
    if not stripped or line.startswith("\t") or stripped.endswith("|"):
        return True
    compact = re.sub(r"\s", "", stripped)
    return (
        len(compact) <= _HEADER_MAX_CHARS
        and not _SENTENCE_END.search(compact)
        and not compact.endswith(("：", ":"))
        and not _DATE_LINE.match(compact)
    )


def _widen_forward(text: str, end: int, high: int, mode: str) -> int:
    line_end = text.find("\n", end, high)
    line_end = high if line_end < 0 else line_end
    if text[end:line_end].strip() and mode == "free":
        return end
    end = line_end
    if mode not in ("line", "pipe"):
        return end
    while end < high:
        next_end = text.find("\n", end + 1, high)
        next_end = high if next_end < 0 else next_end
        line = text[end + 1 : next_end]
        is_cell = line.startswith("\t") if mode == "line" else line.strip().endswith("|")
        if not (is_cell or not line.strip()):
            break
        end = next_end
    return end


def without_runs(text: str, start: int, stop: int, runs: Sequence[tuple[int, int]]) -> str:
    """``text[start:stop]`` with the table runs cut out (a cut leaves a line break)."""
    pieces = []
    pos = start
    for a, b in sorted(runs):
        a, b = max(a, start), min(b, stop)
        if a >= b or b <= pos:
            continue
        if a > pos:
            pieces.append(text[pos:a])
        pos = max(pos, b)
    pieces.append(text[pos:stop])
    return "\n".join(pieces)


def drop_signature(text: str, dated: date | None, agency: str) -> str:
    """The last section without its closing date (kept in ``dated``), the agency name signed
    right before it, and whatever a web page prints after the signature (来源, 抄送, links).

    The date counts as the signature only when it stands alone: at a line start or after a
    space, and followed by a line end or the page's trailer (来源/抄送/附件), never 印发."""
    if dated is None:
        return text
    signed = re.compile(
        rf"(?:^|(?<=[\s])){dated.year}\s*年\s*0?{dated.month}\s*月\s*0?{dated.day}\s*日"
        r"(?=[ \u3000]*(?:\n|$|来源|抄送|附件))",
        re.M,
    )
    hits = list(signed.finditer(text))
    if not hits:
        return text
    kept = text[: hits[-1].start()].rstrip()
    if agency and kept.endswith(agency):
        kept = kept[: -len(agency)].rstrip()
    return kept
