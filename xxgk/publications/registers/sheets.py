"""XLSX templates of the registers and their row parsers (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from openpyxl.styles import Font

from xxgk.lib.formulas import neutralise_workbook
from xxgk.publications.models import (
    FeeItem,
    NormativeDocument,
    NormativeKind,
    NormativeStatus,
    ProcurementProject,
    RegisterFigure,
    ServiceDecision,
    ServiceItem,
    ServiceRegister,
)


class CellError(ValueError):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def text(value: Any) -> str:
    return _text(value)


def choice(choices: type) -> Callable[[Any], str]:
    by_label = {str(label): val for val, label in choices.choices}

    def parse(value: Any) -> str:
        raw = _text(value)
        if raw in by_label:
            return by_label[raw]
        if raw in choices.values:
            return raw
        raise CellError(f"应为以下之一：{'、'.join(by_label)}")

    return parse


def day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = _text(value).replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CellError("日期格式应为 2019-05-08") from None


def optional_day(value: Any) -> date | None:
    return None if _text(value) == "" else day(value)


def year(value: Any) -> int:
    raw = _text(value)
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise CellError("年度应为四位数字，如 2019")
    return int(raw)


def amount(value: Any) -> Decimal:
    raw = _text(value).replace(",", "")
    if raw == "":
        return Decimal(0)
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError("应为数字") from None
    if not number.is_finite():
        raise CellError("应为数字")
    return number


def yes_no(value: Any) -> bool:
    raw = _text(value)
    if raw in ("是", "已结项", "Y", "y", "1"):
        return True
    if raw in ("否", "", "未结项", "N", "n", "0"):
        return False
    raise CellError("应填“是”或“否”")


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Callable[[Any], Any]
    required: bool = True


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str
    model: type
    columns: list[Column]
    key: tuple[str, ...]  # identifies a row: an existing row with this key is updated
    example: list[str] = field(default_factory=list)


SHEETS: dict[str, Sheet] = {
    s.kind: s
    for s in [
        Sheet(
            "normative",
            "规章和规范性文件",
            NormativeDocument,
            [
                Column("类别", "kind", choice(NormativeKind)),
                Column("标题", "title", text),
                Column("文号", "document_number", text),
                Column("制发日期", "issued_on", day),
                Column("公开日期", "published_on", optional_day, required=False),
                Column("废止/失效日期", "repealed_on", optional_day, required=False),
                Column("状态", "status", choice(NormativeStatus)),
            ],
            ("document_number",),
            [
                "行政规范性文件",
                "关于印发某某办法的通知",
                "冶科发〔2019〕1号",
                "2019-03-01",
                "2019-03-05",
                "",
                "现行有效",
            ],
        ),
        Sheet(
            "service_items",
            "事项清单",
            ServiceItem,
            [
                Column("事项类别", "register", choice(ServiceRegister)),
                Column("年度", "year", year),
                Column("事项名称", "name", text),
                Column("事项编码", "code", text, required=False),
            ],
            ("register", "year", "name"),
            ["其他对外管理服务事项", "2019", "科技成果登记", ""],
        ),
        Sheet(
            "decisions",
            "处理决定",
            ServiceDecision,
            [
                Column("事项类别", "register", choice(ServiceRegister)),
                Column("决定日期", "decided_on", day),
                Column("决定书编号/办件号", "reference", text, required=False),
                Column("事项名称", "item_name", text, required=False),
            ],
            (),
            ["行政许可", "2019-06-12", "冶科许〔2019〕3号", ""],
        ),
        Sheet(
            "fees",
            "行政事业性收费",
            FeeItem,
            [
                Column("年度", "year", year),
                Column("收费项目", "name", text),
                Column("收费依据", "basis", text, required=False),
                Column("收费标准", "standard", text, required=False),
                Column("本年收费金额（元）", "amount", amount, required=False),
            ],
            ("year", "name"),
            ["2019", "某某收费", "鄂价费〔2018〕1号", "每件50元", "400"],
        ),
        Sheet(
            "procurement",
            "政府集中采购",
            ProcurementProject,
            [
                Column("立项年度", "year", year),
                Column("项目名称", "name", text),
                Column("采购金额（元）", "amount", amount, required=False),
                Column("是否结项", "completed", yes_no, required=False),
            ],
            (),
            ["2019", "办公设备采购", "251000", "是"],
        ),
        Sheet(
            "figures",
            "年度数据",
            RegisterFigure,
            [
                Column("年度", "year", year),
                Column("登记簿", "register", choice(RegisterFigure.Register)),
                Column("指标", "metric", choice(RegisterFigure.Metric)),
                Column("数值", "value", amount),
            ],
            ("year", "register", "metric"),
            ["2019", "其他对外管理服务事项", "处理决定数量", "45"],
        ),
    ]
}


def template_bytes(kind: str) -> bytes:
    """Return the XLSX template of a register: header row, then an instructions sheet."""
    sheet = SHEETS[kind]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet.title[:31]
    ws.append([c.header for c in sheet.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(sheet.columns):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = max(
            14, len(column.header) * 2 + 4
        )
    notes = book.create_sheet("填写说明")
    notes.append(["从第2行开始逐行填写，第1行表头不要修改。任何一行有误时整个文件都不会导入。"])
    notes.append(["必填列：" + "、".join(c.header for c in sheet.columns if c.required)])
    notes.append(["示例行：", *sheet.example])
    neutralise_workbook(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class ParseResult:
    rows: list[tuple[int, dict[str, Any]]]
    errors: list[str]


def parse_workbook(kind: str, data: bytes) -> ParseResult:
    """Parse every row of the first sheet; errors name the row (Excel numbering)."""
    sheet = SHEETS[kind]
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable upload gets the same Chinese message
        return ParseResult([], ["文件无法读取：请上传由本系统下载的 XLSX 模板填写后的文件。"])
    ws = book.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    expected = [c.header for c in sheet.columns]
    if header[: len(expected)] != expected:
        return ParseResult([], [f"第1行表头应为：{'、'.join(expected)}。请使用本系统提供的模板。"])
    parsed: list[tuple[int, dict[str, Any]]] = []
    errors: list[str] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * len(expected)
        if all(_text(v) == "" for v in values[: len(expected)]):
            continue
        row: dict[str, Any] = {}
        for column, value in zip(sheet.columns, values):
            if column.required and _text(value) == "":
                errors.append(f"第{number}行：“{column.header}”不能为空")
                continue
            try:
                row[column.field] = column.parse(value)
            except CellError as exc:
                errors.append(f"第{number}行：“{column.header}”{exc}（填写的是“{_text(value)}”）")
        if sheet.key and all(k in row for k in sheet.key):
            key = tuple(row[k] for k in sheet.key)
            if key in seen:
                errors.append(f"第{number}行：与第{seen[key]}行重复")
            seen[key] = number
        parsed.append((number, row))
    if not parsed and not errors:
        errors.append("文件中没有数据行。")
    return ParseResult(parsed, errors)
