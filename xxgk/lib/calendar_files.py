"""Reading a year's official holiday arrangement from a JSON or CSV file.

The formats are documented in docs/deadlines.md. Every row is validated; if any row is
bad, `CalendarFileError` lists every problem (CSV by line number, JSON by item number) and
nothing is returned, so an import is all or nothing. Rows that merely repeat the Mon–Fri
rule (a weekday 上班, a weekend 休息, as in holiday-cn files) are counted and skipped.
Pure Python: no Django.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xxgk.lib.workdays import (
    KIND_HOLIDAY,
    KIND_LABELS,
    KIND_MAKEUP_WORKDAY,
    OverrideRow,
    is_weekend,
)

_WORK_WORDS = {"true", "1", "yes", "y", "上班", "班", "是", "工作日"}
_REST_WORDS = {"false", "0", "no", "n", "休息", "休", "否", "放假", "休息日"}
_KIND_WORDS = {**{k: k for k in KIND_LABELS}, **{v: k for k, v in KIND_LABELS.items()}}

# Column names accepted in CSV headers (English or Chinese).
_CSV_COLUMNS = {
    "date": "date",
    "日期": "date",
    "is_workday": "is_workday",
    "上班": "is_workday",
    "是否上班": "is_workday",
    "note": "note",
    "name": "note",
    "说明": "note",
    "节日": "note",
    "kind": "kind",
    "类型": "kind",
}
MAX_FILE_BYTES = 1024 * 1024


class CalendarFileError(ValueError):
    """The file cannot be imported; `problems` holds one Chinese line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ParsedCalendar:
    rows: list[OverrideRow] = field(default_factory=list)
    ignored: int = 0  # rows equal to the Mon–Fri rule
    source: str = ""  # the JSON object form may name its source (the notice)


def _parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _WORK_WORDS:
            return True
        if word in _REST_WORDS:
            return False
    return None


def _row(
    where: str, raw: dict[str, Any], year: int, seen: dict[date, str], result: ParsedCalendar
) -> list[str]:
    """Validate one row; append it to result (or count it as ignored); return problems."""
    problems: list[str] = []
    text = raw.get("date")
    try:
        day = date.fromisoformat(str(text).strip()) if text not in (None, "") else None
    except ValueError:
        day = None
    if day is None:
        return [f"{where}：日期“{text or ''}”无效，应为 YYYY-MM-DD 格式的真实日期。"]
    if day.year != year:
        problems.append(f"{where}：日期 {day.isoformat()} 不属于 {year} 年。")
    if day in seen:
        problems.append(f"{where}：日期 {day.isoformat()} 重复（已在{seen[day]}出现）。")
    seen.setdefault(day, where)

    if "isOffDay" in raw:  # holiday-cn files: isOffDay = not a working day
        off = _parse_bool(raw["isOffDay"])
        is_workday = None if off is None else not off
        shown = raw["isOffDay"]
    else:
        is_workday = _parse_bool(raw.get("is_workday"))
        shown = raw.get("is_workday")
    if is_workday is None:
        problems.append(
            f"{where}：是否上班的值“{shown if shown is not None else ''}”无效，"
            "应为 上班/休息（或 true/false、1/0）。"
        )
    kind_text = str(raw.get("kind") or "").strip()
    kind = _KIND_WORDS.get(kind_text) if kind_text else None
    if kind_text and kind is None:
        problems.append(f"{where}：类型“{kind_text}”无效，可选 {'、'.join(KIND_LABELS.values())}。")
    if problems or is_workday is None:
        return problems

    if kind is None:
        kind = KIND_MAKEUP_WORKDAY if is_workday else KIND_HOLIDAY
    elif (kind == KIND_MAKEUP_WORKDAY) != is_workday:
        return [f"{where}：类型“{KIND_LABELS[kind]}”与“{'上班' if is_workday else '休息'}”矛盾。"]
    if is_workday != is_weekend(day):
        result.ignored += 1  # the Mon–Fri rule already says so
        return []
    note = str(raw.get("note") or raw.get("name") or "").strip()[:100]
    result.rows.append(OverrideRow(day, is_workday, kind, note))
    return []


def _parse_json(text: str, year: int) -> ParsedCalendar:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalendarFileError([f"第{exc.lineno}行：JSON 格式错误（{exc.msg}）。"]) from None
    result = ParsedCalendar()
    items: Any = data
    if isinstance(data, dict):
        if "year" in data and str(data["year"]) != str(year):
            raise CalendarFileError([f"文件中的年份 {data['year']} 与命令中的 {year} 不一致。"])
        result.source = str(data.get("source") or "")
        items = data.get("days")
    if not isinstance(items, list):
        raise CalendarFileError(["JSON 文件应为日期列表，或含 days 列表的对象。"])
    problems: list[str] = []
    seen: dict[date, str] = {}
    for index, item in enumerate(items, start=1):
        where = f"第{index}条"
        if not isinstance(item, dict):
            problems.append(f"{where}：应为含 date、is_workday 的对象。")
            continue
        problems += _row(where, item, year, seen, result)
    if problems:
        raise CalendarFileError(problems)
    return result


def _parse_csv(text: str, year: int) -> ParsedCalendar:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    columns = [_CSV_COLUMNS.get(name.strip().lower()) for name in header or []]
    if "date" not in columns or "is_workday" not in columns:
        raise CalendarFileError(["第1行：表头应包含 date 与 is_workday 两列（或 日期、上班）。"])
    result = ParsedCalendar()
    problems: list[str] = []
    seen: dict[date, str] = {}
    for cells in reader:
        where = f"第{reader.line_num}行"
        if not any(cell.strip() for cell in cells):
            continue
        raw = {col: cell for col, cell in zip(columns, cells, strict=False) if col}
        problems += _row(where, raw, year, seen, result)
    if problems:
        raise CalendarFileError(problems)
    return result


def parse_calendar_file(name: str, content: bytes, year: int) -> ParsedCalendar:
    """Parse a JSON or CSV holiday file of `year`; raise CalendarFileError on any bad row."""
    if len(content) > MAX_FILE_BYTES:
        raise CalendarFileError(["文件过大（超过 1 MB），不是节假日安排文件。"])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarFileError(["文件不是 UTF-8 编码的文本。"]) from None
    if not text.strip():
        raise CalendarFileError(["文件是空的。"])
    lowered = name.lower()
    if lowered.endswith(".json") or (not lowered.endswith(".csv") and text.lstrip()[0] in "[{"):
        result = _parse_json(text, year)
    else:
        result = _parse_csv(text, year)
    if not result.rows and not result.ignored:
        raise CalendarFileError(["文件中没有任何日期。"])
    if not result.rows:
        raise CalendarFileError(
            ["文件中没有任何调休或工作日放假的日期（全部与周一至周五规则相同）。"]
        )
    return result
