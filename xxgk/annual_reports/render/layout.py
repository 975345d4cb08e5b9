"""The three tables of a report as grids with merged cells, shared by every renderer.

Each table becomes rows of :class:`GridCell` listed like HTML (a cell covered by a rowspan or
colspan is not listed). The layouts follow the national formats (domain.md §2.2–2.4): table 1
as 第二十条 blocks of caption row, header row and data rows; table 2 with its 3-row header
under 申请人情况 and the 3-column row label area; table 3 with the 行政复议/行政诉讼 header.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xxgk.annual_reports.data import CellValue, ReportData
from xxgk.annual_reports.schema import FORMATS, HeaderNode, ReportFormat, Table
from xxgk.documents.model import place_cells

Scope = str  # "col" | "row" | "colgroup" | "rowgroup" | ""

SHEET_NAMES = {"t1": "表一 主动公开", "t2": "表二 依申请", "t3": "表三 复议诉讼"}


@dataclass(frozen=True)
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: Scope = ""
    code: str | None = None


@dataclass(frozen=True)
class Grid:
    code: str
    caption: str
    rows: list[list[GridCell]]
    header_rows: int
    widths: list[float]
    # Row indices where a row group (HTML <tbody>) starts: table 1 has one per 第二十条 block.
    groups: tuple[int, ...] = ()


def format_value(value: CellValue) -> str:
    """Print a cell value: blank for unknown, plain digits (no exponent, no grouping)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def caption(table: Table) -> str:
    """ "表二 收到和处理政府信息公开申请情况": table numeral plus the heading without 二、."""
    return f"{table.name} {table.title.split('、', 1)[-1]}"


def table_grids(report: ReportData) -> list[Grid]:
    """The three tables of the report's format, filled with the report's cells."""
    fmt = FORMATS[report.format]
    return [_grid(fmt, table, report.cells) for table in fmt.tables]


def empty_grids(format_code: str) -> list[Grid]:
    fmt = FORMATS[format_code]
    return [_grid(fmt, table, {}) for table in fmt.tables]


def code_positions(format_code: str) -> dict[str, dict[str, tuple[int, int]]]:
    """For each table, the (row, column) grid position of every value cell code."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for grid in empty_grids(format_code):
        placed, _ = place_cells(grid.rows)
        out[grid.code] = {p.cell.code: (p.row, p.col) for p in placed if p.cell.code}
    return out


def _grid(fmt: ReportFormat, table: Table, cells: dict[str, CellValue]) -> Grid:
    if table.code == "t1":
        return _t1(table, cells)
    if table.code == "t2":
        return _t2(table, cells)
    return _t3(table, cells)


def _value(code: str, cells: dict[str, CellValue], colspan: int = 1) -> GridCell:
    return GridCell(format_value(cells.get(code)), colspan=colspan, code=code)


def _t1(table: Table, cells: dict[str, CellValue]) -> Grid:
    width = table.t1_width
    rows: list[list[GridCell]] = []
    groups: list[int] = []
    for block in table.blocks:
        groups.append(len(rows))
        rows.append([GridCell(block.caption, colspan=width + 1, header=True, scope="rowgroup")])
        header = [GridCell(block.header_label, header=True, scope="col")]
        for i, column in enumerate(block.columns):
            # A block with fewer columns spans its last column over the rest of the grid.
            span = width - len(block.columns) + 1 if i == len(block.columns) - 1 else 1
            header.append(GridCell(column.label, colspan=span, header=True, scope="col"))
        rows.append(header)
        for row in block.rows:
            line = [GridCell(row.label, header=True, scope="row")]
            for i, code in enumerate(row.cells):
                span = width - len(row.cells) + 1 if i == len(row.cells) - 1 else 1
                line.append(_value(code, cells, span))
            rows.append(line)
    return Grid("t1", caption(table), rows, 0, [2.4] + [1.0] * width, tuple(groups))


def _column_header(tree: tuple[HeaderNode, ...]) -> list[list[GridCell]]:
    depth = max(node.depth() for node in tree)
    rows: list[list[GridCell]] = [[] for _ in range(depth)]

    def walk(node: HeaderNode, level: int) -> None:
        if node.is_leaf:
            rows[level].append(
                GridCell(node.label, rowspan=depth - level, header=True, scope="col")
            )
            return
        rows[level].append(
            GridCell(node.label, colspan=len(node.leaves()), header=True, scope="colgroup")
        )
        for child in node.children:
            walk(child, level + 1)

    for node in tree:
        walk(node, 0)
    return rows


def _t2(table: Table, cells: dict[str, CellValue]) -> Grid:
    header = _column_header(table.column_tree)
    header[0].insert(0, GridCell(table.note, rowspan=len(header), colspan=3, header=True))
    columns = [leaf.code for leaf in table.column_leaves()]
    rows: list[list[GridCell]] = list(header)

    def values(row_key: str | None) -> list[GridCell]:
        return [_value(f"t2.{row_key}.{col}", cells) for col in columns]

    for top in table.row_tree:
        if top.is_leaf:
            rows.append(
                [GridCell(top.label, colspan=3, header=True, scope="row"), *values(top.code)]
            )
            continue
        first_of_top = True
        for mid in top.children:
            leaves = [mid] if mid.is_leaf else list(mid.children)
            for i, leaf in enumerate(leaves):
                line: list[GridCell] = []
                if first_of_top:
                    n = sum(1 if m.is_leaf else len(m.children) for m in top.children)
                    line.append(GridCell(top.label, rowspan=n, header=True, scope="rowgroup"))
                    first_of_top = False
                if mid.is_leaf:
                    line.append(GridCell(mid.label, colspan=2, header=True, scope="row"))
                else:
                    if i == 0:
                        line.append(
                            GridCell(mid.label, rowspan=len(leaves), header=True, scope="rowgroup")
                        )
                    line.append(GridCell(leaf.label, header=True, scope="row"))
                rows.append(line + values(leaf.code))
    return Grid("t2", caption(table), rows, len(header), [1.3, 1.5, 3.0] + [1.0] * len(columns))


def _t3(table: Table, cells: dict[str, CellValue]) -> Grid:
    header = _column_header(table.column_tree)
    data = [_value(f"t3.{leaf.code}", cells) for leaf in table.column_leaves()]
    return Grid("t3", caption(table), [*header, data], len(header), [1.0] * len(data))
