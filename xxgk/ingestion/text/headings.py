"""The six section headings and the narrative between them."""

from __future__ import annotations

import re
from datetime import date

from xxgk.annual_reports.data import Section
from xxgk.annual_reports.schema import (
    HEADINGS,
)
from xxgk.ingestion.narrative import drop_signature, normalise, table_runs, without_runs
from xxgk.ingestion.text.labels import label_pattern
from xxgk.ingestion.text.reading import _Reading

_SLOT_KEYS: tuple[tuple[str, ...], ...] = (
    ("总体情况|概述|基本情况",),
    ("主动公开", "情况"),
    ("申请", "情况"),
    ("复议|诉讼", "情况"),
    ("问题",),
    ("其他", "报告|事项"),
)


_NOT_HEADING = re.compile(r"申请数量|办理结果|结转|第二十条|勾稽")


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, heading as printed) of the six sections found, in order."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    for index, canonical in enumerate(HEADINGS):
        hit = _find_heading(text, pos, index, canonical)
        if hit is None:
            continue
        start, end = hit
        found.append((start, end, re.sub(r"\s", "", text[start:end])))
        pos = end
    return found


def _sections(
    reading: _Reading, found: list[tuple[int, int, str]], dated: date | None, agency: str
) -> list[Section]:
    """The sections' narrative: the table runs the reader consumed are cut out, whitespace is
    normalised, and the closing date (kept in ``dated``) leaves the last section."""
    text = reading.text
    bounds = [
        (end, found[i + 1][0] if i + 1 < len(found) else len(text))
        for i, (_, end, _) in enumerate(found)
    ]
    runs = table_runs(text, reading.spans, bounds, mode=reading.mode)
    sections = []
    for (start, stop), (_, _, heading) in zip(bounds, found, strict=True):
        sections.append(Section(heading, normalise(without_runs(text, start, stop, runs))))
    if sections:
        last = sections[-1]
        sections[-1] = Section(last.heading, drop_signature(last.text, dated, agency))
    return sections


def _find_heading(text: str, pos: int, index: int, canonical: str) -> tuple[int, int] | None:
    m = re.compile(label_pattern(canonical)).search(text, pos)
    if m:
        return m.start(), m.end()
    body = canonical.split("、", 1)[1]
    m = re.compile(r"[一二三四五六七]\s*[、.．]\s*" + label_pattern(body)).search(text, pos)
    if m:
        return m.start(), m.end()
    offset = pos
    for line in text[pos:].split("\n"):
        stripped = line.strip().strip("|").strip()
        start = offset + line.find(stripped) if stripped else offset
        offset += len(line) + 1
        if not stripped or "。" in stripped or len(stripped) > 40 or _NOT_HEADING.search(stripped):
            continue
        numbered = re.match(r"^[一二三四五六七]\s*[、.．]", stripped)
        if not numbered and len(stripped) > 20:
            continue
        if all(re.search(key, stripped) for key in _SLOT_KEYS[index]):
            if index == 4 and not numbered and "改进" not in stripped:
                continue
            return start, start + len(stripped)
    return None
