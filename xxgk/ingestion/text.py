"""Reading a published annual report from plain text (pure, no Django).

Published reports reach us as text in three table shapes, all handled here:

* **line cells** (the seed): one table cell per line, each prefixed by a tab; a line holding
  only the tab is a blank cell;
* **pipe cells** (HTML/crawler exports, and our HTML reader's output): cells separated by ``|``;
  an empty segment is a blank cell;
* **free text** (``pdftotext``/pdfplumber output, web crawls): cells separated by spaces — or by
  nothing at all (``行政许可11315``). Joined digits are split only when exactly one split
  satisfies the printed consistency rules (table 2 row totals, table 3 group totals) and the
  no-leading-zero convention; otherwise the cells stay blank with a finding.

Rows are found by their printed labels in print order, tolerant of spaces inside labels, full-
or half-width punctuation and local explanatory parentheses (规范性文件（指…）). A label only counts
when numbers follow it, so the same words in the narrative are not mistaken for a row. Nothing
is guessed: a cell that cannot be read stays ``None`` and the report carries a finding.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from xxgk.annual_reports.data import CellValue, Finding, ReportData, Section
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    FORMAT_2019,
    FORMAT_2021,
    FORMATS,
    HEADINGS,
    OTHER_2021,
    T2_COLUMN_KEYS,
    ReportFormat,
    format_for_year,
    t2_row_keys,
)
from xxgk.ingestion.narrative import drop_signature, normalise, table_runs, without_runs

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
_UNITS = "万元|元|个|件|项|条|次"
_VALUE_RUN = re.compile(rf"(?:[ \t\r\n\u3000]*[+\-－]?\d[\d,.]*(?:{_UNITS})?)+")
_PIECE = re.compile(rf"[+\-]?[\d,.]+(?:{_UNITS})?")
_NUMERIC_CELL = re.compile(rf"^[+\-－]?\d[\d,]*(?:\.\d+)?\s*(?:{_UNITS})?$")
_PAGE_NUMBER = re.compile(r"^[ \t]*[-—–]\s*\d{1,3}\s*[-—–][ \t]*$", re.M)
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?!\s*(?:起|至|到))")
_TITLE = re.compile(
    r"^(?:标题[:：])?(?P<agency>\S{2,60}?)(?P<year>(?:19|20)\d{2})年度?政府信息公开工作年度?报告"
)


def label_pattern(label: str) -> str:
    """A regex for a printed label: any spacing between characters, either punctuation width."""
    return r"\s*".join(_EQUIV.get(ch, re.escape(ch)) for ch in label if not ch.isspace())


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


@dataclass(frozen=True)
class _Ambiguous:
    row: _Row
    digits: str
    splits: tuple[tuple[Decimal, ...], ...]
    finding: Finding


# --- entry point --------------------------------------------------------------------------------


def read_text_report(text: str, *, format_hint: str | None = None) -> ReportData:
    """Read a report from text. Unreadable parts become findings; the caller checks the year."""
    text = _PAGE_NUMBER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    findings: list[Finding] = []
    agency, year, title = _identity(text)
    if not agency:
        findings.append(finding(Rule.READ_META, "未能识别机关名称", "标题"))
    fmt_code = format_hint or _detect_format(text, year)
    fmt = FORMATS[fmt_code]
    headings = _headings(text)
    reading = _Reading(text=text, mode=_mode(text), joined=_is_joined(text))
    cells = _read_tables(reading, fmt)
    dated = _dated(text, headings)
    findings.extend(reading.findings)
    for table, count in reading.joined_rows.items():
        findings.append(
            finding(
                Rule.READ_JOINED,
                f"{count}行的数字连写在一起，已按勾稽关系唯一拆分，请核对原件",
                table,
            )
        )
    return ReportData(
        agency=agency,
        year=year if year is not None else 0,
        format=fmt_code,
        dated=dated,
        title=title,
        sections=_sections(reading, headings, dated, agency),
        cells=cells,
        findings=findings,
    )


# --- identity, date, format ---------------------------------------------------------------------


def _identity(text: str) -> tuple[str, int | None, str | None]:
    lines = [re.sub(r"\s", "", line) for line in text.split("\n")[:400]]
    lines = [line for line in lines if line][:200]
    singles = lines
    pairs = [a + b for a, b in zip(lines, lines[1:])]
    for candidate in singles + pairs:
        m = _TITLE.match(candidate)
        if m:
            agency = re.split(r"[:：]", m.group("agency"))[-1]
            title = re.split(r"[:：]", candidate[: m.end()])[-1]
            return agency, int(m.group("year")), title
    agency = ""
    m = re.search(r"发布机构[:：]\s*(\S+)", text[:3000])
    if m:
        agency = m.group(1)
    years = re.findall(r"((?:19|20)\d{2})\s*年", text[:4000])
    year = max(set(years), key=years.count) if years else None
    return agency, int(year) if year else None, None


_SIGNED_DATE = re.compile(_DATE.pattern + r"[ \t\u3000]*(?=\n|$|来源|抄送|印发|附件|\|)")


def _dated(text: str, sections: list[tuple[int, int, str]]) -> date | None:
    """The date printed under the signature: the last date standing alone after the last heading."""
    start = sections[-1][1] if sections else max(0, len(text) - 400)
    window = text[start : start + 3000] if sections else text[start:]
    for pattern in (_SIGNED_DATE, _DATE):
        for m in reversed(list(pattern.finditer(window))):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
        if sections:
            break
    return None


_MARKERS = {
    FORMAT_2021: ("本年制发件数", "现行有效件数", "本年收费金额", "逾期不补正", "行政规范性文件"),
    FORMAT_2019: (
        "本年新制作数量",
        "对外公开总数量",
        "上一年项目数量",
        "政府集中采购",
        "采购总金额",
    ),
}


def _detect_format(text: str, year: int | None) -> str:
    flat = re.sub(r"\s", "", text)
    score = {code: sum(flat.count(m) for m in marks) for code, marks in _MARKERS.items()}
    if score[FORMAT_2021] != score[FORMAT_2019]:
        return max(score, key=lambda code: score[code])
    return format_for_year(year) if year else FORMAT_2021


def _mode(text: str) -> str:
    if sum(1 for line in text.split("\n") if line.startswith("\t")) >= 20:
        return "line"
    if text.count("|") >= 6:
        return "pipe"
    return "free"


def _is_joined(text: str) -> bool:
    # A web crawl flattens the page into one long line and drops the cell separators.
    return max((len(line) for line in text.split("\n")), default=0) >= 1500


# --- sections -------------------------------------------------------------------------------------

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


# --- tables ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    codes: tuple[str, ...]
    kinds: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    where: str
    check: Callable[[list[Decimal]], bool] | None = None


def _t2_check(values: list[Decimal]) -> bool:
    return sum(values[:6]) == values[6]


def _t3_check(values: list[Decimal]) -> bool:
    return all(sum(values[g * 5 : g * 5 + 4]) == values[g * 5 + 4] for g in range(3))


# A lazy label tail must stop right before the numbers (the match itself does not backtrack).
_AHEAD = r"(?=[\s|]*[+\-－]?\d)"

_T2_FALLBACK = {
    "new": r"本\s*年\s*新\s*收[^\d|]{0,30}?" + _AHEAD,
    "carried_in": r"上\s*年\s*结\s*转[^\d|]{0,30}?" + _AHEAD,
    "disclosed": r"予\s*以\s*公\s*开",
    "partial": r"部\s*分\s*公\s*开[^\d|]{0,60}?" + _AHEAD,
    "other": r"[（(]\s*六\s*[）)]\s*其\s*他\s*处\s*理",
    "total": r"[（(]\s*七\s*[）)]\s*总\s*计",
    "carried_out": r"结\s*转\s*下\s*年\s*度[^\d|]{0,30}?" + _AHEAD,
}


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p + _PAREN_TAIL) for p in patterns)


def _t1_rows(fmt: ReportFormat) -> list[_Row]:
    rows = []
    for block in fmt.table("t1").blocks:
        for row in block.rows:
            patterns = [label_pattern(row.label)]
            if row.label == "行政规范性文件":
                patterns.append(label_pattern("规范性文件"))
            rows.append(
                _Row(
                    codes=row.cells,
                    kinds=tuple(fmt.cell(c).kind for c in row.cells),
                    patterns=_compile(*patterns),
                    where=f"表一 {row.label}行",
                )
            )
    return rows


def _t2_rows(fmt: ReportFormat) -> list[_Row]:
    rows = []
    for leaf in fmt.table("t2").row_leaves():
        key = leaf.code or ""
        patterns = [label_pattern(leaf.label)]
        enum = re.match(r"^(\d)\.(.{2,4})", leaf.label)
        if key in _T2_FALLBACK:
            patterns.append(_T2_FALLBACK[key])
        elif enum:
            patterns.append(
                rf"{enum.group(1)}\s*[.．、]\s*{label_pattern(enum.group(2))}[^\d|]{{0,30}}?"
                + _AHEAD
            )
        codes = tuple(f"t2.{key}.{col}" for col in T2_COLUMN_KEYS)
        rows.append(
            _Row(
                codes=codes,
                kinds=("int",) * 7,
                patterns=_compile(*patterns),
                where=f"表二 {fmt.cell(codes[0]).row_label}行",
                check=_t2_check,
            )
        )
    return rows


def _read_tables(reading: _Reading, fmt: ReportFormat) -> dict[str, CellValue]:
    text = reading.text
    cells: dict[str, CellValue] = {}
    t1_anchor = re.compile(label_pattern("第二十条第（一）项")).search(text)
    t2_anchor = re.compile(r"勾\s*稽\s*关\s*系").search(text)
    t1_start = t1_anchor.start() if t1_anchor else 0
    t1_end = t2_anchor.start() if t2_anchor and t2_anchor.start() > t1_start else len(text)
    pos = _read_rows(reading, _t1_rows(fmt), t1_start, t1_end, cells, "表一")
    t2_start = t2_anchor.end() if t2_anchor else (pos if t1_anchor else 0)
    t2_rows = _t2_rows(fmt)
    if fmt.code == FORMAT_2021:
        other_subrows = [r for r in t2_rows if r.codes[0].startswith("t2.other.")]
        main = [r for r in t2_rows if r not in other_subrows]
        split = next(i for i, r in enumerate(main) if r.codes[0] == "t2.total.natural")
        end = _read_rows(reading, main[:split], t2_start, len(text), cells, "表二")
        end = _read_other_2021(reading, fmt, other_subrows, end, cells)
        end = _read_rows(reading, main[split:], end, len(text), cells, "表二", report_table=False)
    else:
        end = _read_rows(reading, t2_rows, t2_start, len(text), cells, "表二")
    _resolve_by_totals(reading, fmt, cells)
    _read_t3(reading, end if end > t2_start else t2_start, cells)
    return cells


def _read_other_2021(
    reading: _Reading, fmt: ReportFormat, rows: list[_Row], pos: int, cells: dict[str, CellValue]
) -> int:
    probe: dict[str, CellValue] = {}
    saved = list(reading.findings)
    end = _read_rows(reading, rows, pos, len(reading.text), probe, "表二", report_table=False)
    if any(v is not None for v in probe.values()) or any(
        _locate(reading, r, pos, len(reading.text)) for r in rows
    ):
        cells.update(probe)
        return end
    reading.findings = saved
    single = _Row(
        codes=tuple(f"t2.other.{col}" for col in T2_COLUMN_KEYS),
        kinds=("int",) * 7,
        patterns=_compile(label_pattern("（六）其他处理")),
        where="表二 （六）其他处理行",
        check=_t2_check,
    )
    end = _read_rows(reading, [single], pos, len(reading.text), cells, "表二", report_table=False)
    if any(cells.get(c) is not None for c in single.codes):
        reading.findings.append(
            finding(
                Rule.READ_ROW_MISSING,
                "（六）其他处理只印了一行（2019格式的写法），未按2021格式分为三个子行"
                "（1.逾期不补正、2.逾期未缴纳费用、3.其他）；已读取该行作为（六）的合计，"
                "三个子行无法拆分，留空",
                "表二 （六）其他处理行",
            )
        )
    for key, _ in OTHER_2021:
        for col in T2_COLUMN_KEYS:
            cells.setdefault(f"t2.other.{key}.{col}", None)
    return end


def _read_rows(
    reading: _Reading,
    rows: list[_Row],
    start: int,
    end: int,
    cells: dict[str, CellValue],
    table: str,
    *,
    report_table: bool = True,
) -> int:
    pos = start
    found = 0
    missing: list[_Row] = []
    for row in rows:
        hit = _locate(reading, row, pos, end)
        if hit is None:
            missing.append(row)
            for code in row.codes:
                cells[code] = None
            continue
        found += 1
        label_start, value_start, raw, raw_end = hit
        reading.spans.append((table, label_start, raw_end))
        values, consumed = _values(reading, row, value_start, raw)
        for code, value in zip(row.codes, values, strict=True):
            cells[code] = value
        pos = consumed
    if found == 0 and report_table:
        reading.findings.append(finding(Rule.READ_TABLE_MISSING, f"未找到{table}或其数字", table))
    else:
        for row in missing:
            reading.findings.append(finding(Rule.READ_ROW_MISSING, "未找到该行或其数字", row.where))
    return pos


def _locate(
    reading: _Reading, row: _Row, pos: int, end: int
) -> tuple[int, int, list[str], int] | None:
    """(label start, label end, cells, end of cells) of the first label followed by numbers."""
    for pattern in row.patterns:
        for m in pattern.finditer(reading.text, pos, end):
            hit = _raw_cells(reading, m.end())
            if hit is not None:
                return m.start(), m.end(), *hit
    return None


def _raw_cells(reading: _Reading, pos: int) -> tuple[list[str], int] | None:
    """The cell texts right after a label (``""`` = blank) and where they end; None when no
    number follows."""
    text = reading.text
    if reading.mode == "pipe":
        segments = text[pos : pos + 800].split("|")
        first = segments[0].strip()
        out: list[str] = []
        end = pos + len(segments[0])
        if first:
            if not _NUMERIC_CELL.match(first):
                return None
            out.append(first)
        for seg in segments[1:]:
            s = seg.strip()
            if s and not _NUMERIC_CELL.match(s):
                break
            out.append(s)
            end += 1 + len(seg)
            if len(out) >= 20:
                break
        return (out, end) if any(out) else None
    if reading.mode == "line":
        lines = text[pos : pos + 800].split("\n")
        first = lines[0].strip()
        out = []
        end = pos + len(lines[0])
        if first:
            if not _NUMERIC_CELL.match(first):
                return None
            out.append(first)
        for line in lines[1:]:
            if line.startswith("\t"):
                s = line.strip()
                if s and not _NUMERIC_CELL.match(s):
                    break
                out.append(s)
                end += 1 + len(line)
            elif line.strip() or any(out):
                break
            else:
                end += 1 + len(line)
            if len(out) >= 20:
                break
        while out and not out[0]:
            out.pop(0)
        return (out, end) if any(out) else None
    m = _VALUE_RUN.match(text, pos)
    if not m:
        return None
    run = m.group(0)
    after = text[m.end() : m.end() + 1]
    if run.endswith(".") and not after.isdigit():
        run = run[:-2] if len(run) >= 2 and run[-2].isdigit() else run[:-1]
    elif after in ("．", "、") and run[-1:].isdigit():
        run = run[:-1]
    run = run.replace("－", "-")
    if not run.strip():
        return None
    return ["\x00joined" if reading.joined else "\x00spaced", *run.split()], pos + len(run)


def _values(reading: _Reading, row: _Row, pos: int, raw: list[str]) -> tuple[list[CellValue], int]:
    n = len(row.codes)
    if raw and raw[0].startswith("\x00"):
        return _free_values(reading, row, raw[0] == "\x00joined", raw[1:]), pos
    taken = raw[:n]
    values = [_parse_cell(reading, row, i, s) for i, s in enumerate(taken)]
    if len(values) < n:
        reading.findings.append(
            finding(Rule.READ_ROW_MISSING, f"该行只读到{len(values)}个单元格，应有{n}个", row.where)
        )
        values += [None] * (n - len(values))
    return values, pos


def _parse_cell(reading: _Reading, row: _Row, index: int, text: str) -> CellValue:
    text = text.strip()
    if not text:
        return None
    unit = re.search(rf"(?:{_UNITS})$", text)
    if unit:
        text = text[: unit.start()].strip()
        reading.findings.append(
            finding(
                Rule.READ_UNIT,
                f"单元格写有单位「{unit.group(0)}」，按所印数字{text}读取",
                _cell_where(row, index),
            )
        )
    number = _to_number(text)
    return number


def _to_number(text: str) -> CellValue:
    text = text.replace("－", "-")
    if re.fullmatch(r"[+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else number


def _cell_where(row: _Row, index: int) -> str:
    code = row.codes[index]
    fmt = FORMATS[FORMAT_2021] if FORMATS[FORMAT_2021].has_cell(code) else FORMATS[FORMAT_2019]
    return fmt.cell(code).where if fmt.has_cell(code) else row.where


def _free_values(reading: _Reading, row: _Row, joined: bool, tokens: list[str]) -> list[CellValue]:
    n = len(row.codes)
    pieces = [p for token in tokens for p in _PIECE.findall(token)]
    if len(pieces) >= n:
        return [_parse_cell(reading, row, i, p) for i, p in enumerate(pieces[:n])]
    if not joined:
        reading.findings.append(
            finding(
                Rule.READ_ROW_MISSING,
                f"该行只读到{len(pieces)}个数字，应有{n}个，无法确定空白单元格的位置，整行留空",
                row.where,
            )
        )
        return [None] * n
    units = [re.search(rf"(?:{_UNITS})$", p) for p in pieces]
    bare = [p[: u.start()] if u else p for p, u in zip(pieces, units, strict=True)]
    solutions, complete = _split(bare, list(row.kinds), row.check)
    if len(solutions) == 1 and complete:
        table = row.where.split(" ", 1)[0]
        reading.joined_rows[table] = reading.joined_rows.get(table, 0) + 1
        return [_cell_value(v) for v in solutions[0]]
    if solutions:
        reason = "有多种拆分方式"
    elif complete:
        reason = "没有符合勾稽关系的拆分方式"
    else:
        reason = "数字过长，无法穷举拆分方式"
    note = finding(
        Rule.READ_AMBIGUOUS,
        f"该行数字连写为「{''.join(pieces)}」，{reason}，整行留空，请核对原件",
        row.where,
    )
    reading.findings.append(note)
    if complete and len(solutions) > 1:
        splits = tuple(tuple(v) for v in solutions)
        reading.ambiguous.append(_Ambiguous(row, "".join(pieces), splits, note))
    return [None] * n


def _cell_value(value: Decimal) -> CellValue:
    return int(value) if value == value.to_integral_value() else value


_PART = {
    "int": re.compile(r"0|[1-9]\d*"),
    "signed": re.compile(r"[+\-]?(?:0|[1-9]\d*)"),
    "decimal": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}
# Splits kept per joined row: enough for the column totals to choose among (table 2 rows of
# about ten digits have a few dozen splits that satisfy their row total).
_MAX_SOLUTIONS = 64
_MAX_STEPS = 20000


def _split(
    pieces: list[str], kinds: list[str], check: Callable[[list[Decimal]], bool] | None
) -> tuple[list[list[Decimal]], bool]:
    """The ways to cut the joined pieces into ``len(kinds)`` cells, and whether that list is
    complete (False when the search stopped at ``_MAX_SOLUTIONS`` or ``_MAX_STEPS``)."""
    n = len(kinds)
    if sum(len(p) for p in pieces) > 60:
        return [], False
    solutions: list[list[Decimal]] = []
    steps = 0

    def walk(piece: int, offset: int, acc: list[str]) -> None:
        nonlocal steps
        steps += 1
        if len(solutions) > _MAX_SOLUTIONS or steps > _MAX_STEPS:
            return
        if piece == len(pieces):
            if len(acc) == n:
                values = [Decimal(a) for a in acc]
                if check is None or check(values):
                    solutions.append(values)
            return
        if len(acc) >= n:
            return
        text = pieces[piece]
        for stop in range(offset + 1, len(text) + 1):
            part = text[offset:stop]
            if not _PART[kinds[len(acc)]].fullmatch(part):
                continue
            if stop == len(text):
                walk(piece + 1, 0, [*acc, part])
            else:
                walk(piece, stop, [*acc, part])

    walk(0, 0, [])
    complete = steps <= _MAX_STEPS and len(solutions) <= _MAX_SOLUTIONS
    return solutions, complete


# --- table 2 across rows -----------------------------------------------------------------------

# Cross-row search bound: products of the rows' splits above this are left blank.
_MAX_COMBINATIONS = 100_000


def _resolve_by_totals(reading: _Reading, fmt: ReportFormat, cells: dict[str, CellValue]) -> None:
    """Joined table-2 rows that several splits fit: keep the one combination of splits (one per
    row) under which every column adds up — （七）总计 = （一）…（六） (R-T2-TOTAL) and 一 + 二 =
    （七） + 四 (R-T2-BALANCE) — when exactly one exists; otherwise the rows stay blank.

    Only identities whose every cell is known take part, so a row no complete identity reaches
    keeps all its splits and stays blank. Never a guess: the digits are as printed, only the
    cut positions are chosen, and each choice is reported (R-READ-JOINED) for checking."""
    pending = [
        a
        for a in reading.ambiguous
        if a.finding in reading.findings
        and a.row.codes[0].startswith("t2.")
        and all(cells.get(code) is None for code in a.row.codes)
    ]
    if not pending:
        return
    combinations = 1
    for a in pending:
        combinations *= len(a.splits)
    if combinations > _MAX_COMBINATIONS:
        return
    rows = t2_row_keys(fmt.code)
    results = [r for r in rows if r not in ("new", "carried_in", "total", "carried_out")]
    fitting: list[tuple[tuple[Decimal, ...], ...]] = []
    for choice in itertools.product(*(a.splits for a in pending)):
        trial = dict(cells)
        for a, split in zip(pending, choice, strict=True):
            trial.update(zip(a.row.codes, split, strict=True))
        if all(_column_adds_up(trial, results, col) for col in T2_COLUMN_KEYS):
            fitting.append(choice)
            if len(fitting) > 1:
                return
    if len(fitting) != 1:
        return
    for a, split in zip(pending, fitting[0], strict=True):
        values = [_cell_value(v) for v in split]
        cells.update(zip(a.row.codes, values, strict=True))
        reading.findings.remove(a.finding)
        reading.findings.append(
            finding(
                Rule.READ_JOINED,
                f"该行数字连写为「{a.digits}」，单看本行有{len(a.splits)}种拆分方式，"
                f"按各列总计（（七）总计 = （一）至（六）之和）唯一确定为"
                f"{'、'.join(str(v) for v in values)}，请核对原件",
                a.row.where,
            )
        )


def _column_adds_up(cells: dict[str, CellValue], results: list[str], col: str) -> bool:
    """R-T2-TOTAL and R-T2-BALANCE for one column, each only when all its cells are known."""

    def known(keys: list[str]) -> list[Decimal] | None:
        values = [cells.get(f"t2.{key}.{col}") for key in keys]
        if any(v is None for v in values):
            return None
        return [Decimal(v) for v in values]  # type: ignore[arg-type]

    parts = known(results)
    total = known(["total"])
    if parts is not None and total is not None and sum(parts) != total[0]:
        return False
    balance = known(["new", "carried_in", "total", "carried_out"])
    return balance is None or balance[0] + balance[1] == balance[2] + balance[3]


# --- table 3 ----------------------------------------------------------------------------------------


def _read_t3(reading: _Reading, pos: int, cells: dict[str, CellValue]) -> None:
    text = reading.text
    codes = tuple(c.code for c in FORMATS[FORMAT_2019].table("t3").cells)
    row = _Row(
        codes=codes,
        kinds=("int",) * 15,
        patterns=(),
        where="表三 行政复议、行政诉讼",
        check=_t3_check,
    )
    anchor = None
    for m in re.compile(r"行\s*政\s*复\s*议").finditer(text, pos):
        if re.search(r"行\s*政\s*诉\s*讼", text[m.end() : m.end() + 400]):
            anchor = m
            break
    hit = None
    if anchor:
        digits = re.compile(r"(?<![\d.])[+\-]?\d").finditer(text, anchor.end(), anchor.end() + 2000)
        for digit in digits:
            if re.match(r"\d{4}\s*年", text[digit.start() : digit.start() + 6]):
                continue  # a year in the narrative, not a cell
            cells_hit = _raw_cells(reading, digit.start())
            if cells_hit is not None:
                hit = (digit.start(), cells_hit[0])
                reading.spans.append(("表三", digit.start(), cells_hit[1]))
                break
    if hit is None:
        for code in codes:
            cells[code] = None
        reading.findings.append(finding(Rule.READ_TABLE_MISSING, "未找到表三或其数字", "表三"))
        return
    values, _ = _values(reading, row, *hit)
    for code, value in zip(codes, values, strict=True):
        cells[code] = value
