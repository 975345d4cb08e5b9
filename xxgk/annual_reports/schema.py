"""The two national annual-report formats, declared as data (pure, no Django).

条例 Art. 50(2) lets the national FOI authority publish a unified format for the annual report.
Two versions exist:

* ``"2019"`` — 国办公开办函〔2019〕60号 (试行), used for the 2019 and 2020 reports;
* ``"2021"`` — 国办公开办函〔2021〕30号, used from the 2021 reports on.

Every number of a report has a stable *cell code* (``docs/spec/report-cells.md``; never
rename one). This module is the single place that knows the printed labels, the print order of
the cells and the layout of the three tables, so that readers, the validator and the renderers
share one description.

How a renderer draws each table from a :class:`Table`
-----------------------------------------------------

**Table 1** (``t1``, section 二, 主动公开): ``table.blocks`` is a tuple of :class:`T1Block`, one
per 第二十条 item, in print order. Each block prints

1. a caption row spanning the whole grid: ``block.caption`` (e.g. "第二十条第（一）项");
2. a header row: ``block.header_label`` ("信息内容") then one header cell per ``block.columns``;
3. one row per :class:`T1Row`: ``row.label`` then one value cell per entry of ``row.cells``
   (the cell codes, aligned with ``block.columns``).

The grid is ``1 + table.t1_width`` columns wide (``t1_width`` = the widest block: 3). A block with
fewer columns spans its *last* column over the remaining grid columns (2021: the single
"本年处理决定数量" column spans 3; 2019: the 2-column blocks span their last column over 2).

**Table 2** (``t2``, section 三, 依申请): rows come from ``table.row_tree`` and columns from
``table.column_tree``; both are trees of :class:`HeaderNode`.

* ``column_tree`` = (申请人情况 → [自然人, 法人或其他组织 → [商业企业, 科研机构, 社会公益组织,
  法律服务机构, 其他], 总计]). Leaves carry the column key (``natural`` …). The header is 3 rows
  high; the top-left corner cell spans the 3 header rows and the 3 label columns and holds
  ``table.note`` ("（本列数据的勾稽关系为：…）"). 自然人 and 总计 span header rows 2–3.
* ``row_tree``: level-1 nodes ("一、本年新收政府信息公开申请数量", "三、本年度办理结果", …),
  level-2 ("（三）不予公开"), level-3 ("1.属于国家秘密"). Leaves carry the row key
  (``new``, ``withheld.state_secret``). The label area is 3 columns wide: a level-1 leaf spans
  all 3; a level-2 leaf spans columns 2–3; a group spans vertically over its leaves.
* The value cell of leaf row *r* and leaf column *c* is ``f"t2.{r}.{c}"``.
* A node with ``printed=False`` is never drawn: in the 2021 format "（六）其他处理" is a group whose
  own cells ``t2.other.*`` are *derived* (sum of its three sub-rows), see
  :meth:`ReportFormat.derived_codes`.

**Table 3** (``t3``, section 四): ``column_tree`` = (行政复议 → 5 leaves, 行政诉讼 → [未经复议直接起诉
→ 5 leaves, 复议后起诉 → 5 leaves]); leaves carry ``"<group>.<column>"`` and the value cell is
``f"t3.{leaf.code}"``. There is one data row of 15 cells and no row label. The header is 3 rows
high; 行政复议's five leaves span header rows 2–3.

``ReportFormat.cell_codes()`` lists every printed cell in print order (t1, t2 row by row, t3);
``ReportFormat.cell(code)`` gives its :class:`CellSpec` (labels and kind).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CellKind = Literal["int", "signed", "decimal"]

FORMAT_2019 = "2019"
FORMAT_2021 = "2021"

# The six section headings, identical in both formats (domain.md §2.1; 条例 Art. 50).
HEADINGS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

TABLE_NUMERALS = {"t1": "表一", "t2": "表二", "t3": "表三"}


@dataclass(frozen=True)
class CellSpec:
    """One value cell: its code, printed row/column labels and the kind of number it holds.

    ``kind``: ``"int"`` (non-negative integer), ``"signed"`` (integer, may be negative: 2019
    本年增/减), ``"decimal"`` (non-negative, decimals allowed: 2019 采购总金额, 2021 收费金额 万元).
    """

    code: str
    row_label: str
    column_label: str
    kind: CellKind = "int"

    @property
    def table(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def where(self) -> str:
        """Human location for findings, e.g. "表二 （七）总计行 自然人列"."""
        table = TABLE_NUMERALS.get(self.table, self.table)
        if self.table == "t3":
            return f"{table} {self.row_label} {self.column_label}列"
        return f"{table} {self.row_label}行 {self.column_label}列"


@dataclass(frozen=True)
class HeaderNode:
    """A node of a row or column header tree.

    ``code`` is set on leaves (t2 rows: row key such as ``withheld.state_secret``; t2 columns:
    column key such as ``natural``; t3 columns: ``reconsideration.upheld``) and on the t2 2021
    group "（六）其他处理" (``other``, not printed). ``printed`` is False only for that derived row.
    """

    label: str
    code: str | None = None
    children: tuple[HeaderNode, ...] = ()
    printed: bool = True

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def leaves(self) -> list[HeaderNode]:
        if self.is_leaf:
            return [self]
        out: list[HeaderNode] = []
        for child in self.children:
            out.extend(child.leaves())
        return out

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class T1Column:
    key: str
    label: str


@dataclass(frozen=True)
class T1Row:
    """A row of a table-1 block: printed label and the cell codes aligned with the block columns."""

    key: str
    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class T1Block:
    caption: str
    columns: tuple[T1Column, ...]
    rows: tuple[T1Row, ...]
    header_label: str = "信息内容"


@dataclass(frozen=True)
class Table:
    """One of the three tables. See the module docstring for how to draw each kind.

    ``title`` is the section heading under which the table is printed. ``cells`` lists the
    printed value cells in print order.
    """

    code: str
    title: str
    cells: tuple[CellSpec, ...]
    blocks: tuple[T1Block, ...] = ()
    row_tree: tuple[HeaderNode, ...] = ()
    column_tree: tuple[HeaderNode, ...] = ()
    note: str = ""

    @property
    def name(self) -> str:
        return TABLE_NUMERALS[self.code]

    @property
    def t1_width(self) -> int:
        return max((len(b.columns) for b in self.blocks), default=0)

    def row_leaves(self) -> list[HeaderNode]:
        out: list[HeaderNode] = []
        for node in self.row_tree:
            out.extend(node.leaves())
        return out

    def column_leaves(self) -> list[HeaderNode]:
        out: list[HeaderNode] = []
        for node in self.column_tree:
            out.extend(node.leaves())
        return out


@dataclass(frozen=True)
class ReportFormat:
    code: str
    name: str
    title: str
    headings: tuple[str, ...]
    tables: tuple[Table, ...]
    derived: tuple[CellSpec, ...] = ()
    _index: dict[str, CellSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = {c.code: c for t in self.tables for c in t.cells}
        index.update({c.code: c for c in self.derived})
        self._index.update(index)

    def cell_codes(self) -> list[str]:
        """Every printed cell of the format, in print order."""
        return [c.code for t in self.tables for c in t.cells]

    def derived_codes(self) -> list[str]:
        """Cells that are not printed but derived (2021: ``t2.other.*`` = Σ its three sub-rows)."""
        return [c.code for c in self.derived]

    def all_codes(self) -> list[str]:
        """Printed cells then derived cells: the keys of ``ReportData.cells`` / JSON ``cells``."""
        return self.cell_codes() + self.derived_codes()

    def cell(self, code: str) -> CellSpec:
        """The spec of a printed or derived cell; ``KeyError`` for a code not in this format."""
        return self._index[code]

    def has_cell(self, code: str) -> bool:
        return code in self._index

    def table(self, code: str) -> Table:
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(code)


# --- Table 2 and 3: identical columns in both formats --------------------------------------

T2_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T2_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T2_COLUMN_TREE: tuple[HeaderNode, ...] = (
    HeaderNode(
        "申请人情况",
        children=(
            HeaderNode("自然人", "natural"),
            HeaderNode(
                "法人或其他组织",
                children=tuple(HeaderNode(label, key) for key, label in T2_COLUMNS[1:6]),
            ),
            HeaderNode("总计", "total"),
        ),
    ),
)

WITHHELD: tuple[tuple[str, str], ...] = (
    ("state_secret", "1.属于国家秘密"),
    ("prohibited", "2.其他法律行政法规禁止公开"),
    ("security", "3.危及“三安全一稳定”"),
    ("third_party", "4.保护第三方合法权益"),
    ("internal", "5.属于三类内部事务信息"),
    ("process", "6.属于四类过程性信息"),
    ("enforcement_file", "7.属于行政执法案卷"),
    ("inquiry", "8.属于行政查询事项"),
)
UNAVAILABLE: tuple[tuple[str, str], ...] = (
    ("not_held", "1.本机关不掌握相关政府信息"),
    ("needs_creation", "2.没有现成信息需要另行制作"),
    ("unclear", "3.补正后申请内容仍不明确"),
)
NOT_PROCESSED: tuple[tuple[str, str], ...] = (
    ("petition", "1.信访举报投诉类申请"),
    ("duplicate", "2.重复申请"),
    ("publication", "3.要求提供公开出版物"),
    ("excessive", "4.无正当理由大量反复申请"),
    ("confirm", "5.要求行政机关确认或重新出具已获取信息"),
)
OTHER_2021: tuple[tuple[str, str], ...] = (
    ("no_amendment", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "3.其他"),
)

T2_PARTIAL_LABEL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def _group(label: str, prefix: str, items: tuple[tuple[str, str], ...]) -> HeaderNode:
    return HeaderNode(label, children=tuple(HeaderNode(lb, f"{prefix}.{k}") for k, lb in items))


def _t2_row_tree(fmt: str) -> tuple[HeaderNode, ...]:
    if fmt == FORMAT_2021:
        other = HeaderNode(
            "（六）其他处理",
            "other",
            children=tuple(HeaderNode(lb, f"other.{k}") for k, lb in OTHER_2021),
        )
    else:
        other = HeaderNode("（六）其他处理", "other")
    return (
        HeaderNode("一、本年新收政府信息公开申请数量", "new"),
        HeaderNode("二、上年结转政府信息公开申请数量", "carried_in"),
        HeaderNode(
            "三、本年度办理结果",
            children=(
                HeaderNode("（一）予以公开", "disclosed"),
                HeaderNode(T2_PARTIAL_LABEL, "partial"),
                _group("（三）不予公开", "withheld", WITHHELD),
                _group("（四）无法提供", "unavailable", UNAVAILABLE),
                _group("（五）不予处理", "not_processed", NOT_PROCESSED),
                other,
                HeaderNode("（七）总计", "total"),
            ),
        ),
        HeaderNode("四、结转下年度继续办理", "carried_out"),
    )


def _row_paths(nodes: tuple[HeaderNode, ...]) -> list[tuple[HeaderNode, tuple[str, ...]]]:
    """(leaf, level-2 group label if any) for every leaf row of table 2, in print order.

    The level-1 group "三、本年度办理结果" is left out of row labels: "（七）总计" is unambiguous.
    """
    out: list[tuple[HeaderNode, tuple[str, ...]]] = []
    for top in nodes:
        if top.is_leaf:
            out.append((top, ()))
            continue
        for mid in top.children:
            if mid.is_leaf:
                out.append((mid, ()))
            else:
                out.extend((leaf, (mid.label,)) for leaf in mid.children)
    return out


def _t2_table(fmt: str) -> Table:
    tree = _t2_row_tree(fmt)
    cells: list[CellSpec] = []
    for leaf, parents in _row_paths(tree):
        row_label = " ".join((*parents, leaf.label))
        for key, label in T2_COLUMNS:
            cells.append(CellSpec(f"t2.{leaf.code}.{key}", row_label, label))
    return Table(
        code="t2",
        title=HEADINGS[2],
        cells=tuple(cells),
        row_tree=tree,
        column_tree=T2_COLUMN_TREE,
        note=T2_NOTE,
    )


T3_GROUPS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after", "行政诉讼 复议后起诉"),
)
T3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def _t3_leaves(group: str) -> tuple[HeaderNode, ...]:
    return tuple(HeaderNode(label, f"{group}.{key}") for key, label in T3_COLUMNS)


def _t3_table() -> Table:
    cells = tuple(
        CellSpec(f"t3.{g}.{k}", glabel, label) for g, glabel in T3_GROUPS for k, label in T3_COLUMNS
    )
    tree = (
        HeaderNode("行政复议", children=_t3_leaves("reconsideration")),
        HeaderNode(
            "行政诉讼",
            children=(
                HeaderNode("未经复议直接起诉", children=_t3_leaves("litigation_direct")),
                HeaderNode("复议后起诉", children=_t3_leaves("litigation_after")),
            ),
        ),
    )
    return Table(code="t3", title=HEADINGS[3], cells=cells, column_tree=tree)


# --- Table 1 ---------------------------------------------------------------------------------


def _block(
    caption: str,
    columns: tuple[tuple[str, str], ...],
    rows: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> T1Block:
    cols = tuple(T1Column(k, lb) for k, lb in columns)
    return T1Block(
        caption=caption,
        columns=cols,
        rows=tuple(
            T1Row(key, label, tuple(f"t1.{key}.{c}" for c in ckeys)) for key, label, ckeys in rows
        ),
    )


def _t1_cells(blocks: tuple[T1Block, ...], kinds: dict[str, CellKind]) -> tuple[CellSpec, ...]:
    out: list[CellSpec] = []
    for block in blocks:
        labels = {c.key: c.label for c in block.columns}
        for row in block.rows:
            for code in row.cells:
                col = code.rsplit(".", 1)[1]
                out.append(CellSpec(code, row.label, labels[col], kinds.get(code, "int")))
    return tuple(out)


_ITEMS_2019 = (
    ("prev_items", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "处理决定数量"),
)
_ITEM_KEYS = ("prev_items", "change", "decisions")

T1_BLOCKS_2019: tuple[T1Block, ...] = (
    _block(
        "第二十条第（一）项",
        (
            ("made", "本年新制作数量"),
            ("published", "本年新公开数量"),
            ("total_published", "对外公开总数量"),
        ),
        (
            ("regulations", "规章", ("made", "published", "total_published")),
            ("normative", "规范性文件", ("made", "published", "total_published")),
        ),
    ),
    _block(
        "第二十条第（五）项",
        _ITEMS_2019,
        (
            ("licensing", "行政许可", _ITEM_KEYS),
            ("other_services", "其他对外管理服务事项", _ITEM_KEYS),
        ),
    ),
    _block(
        "第二十条第（六）项",
        _ITEMS_2019,
        (("penalty", "行政处罚", _ITEM_KEYS), ("coercion", "行政强制", _ITEM_KEYS)),
    ),
    _block(
        "第二十条第（八）项",
        _ITEMS_2019[:2],
        (("fees", "行政事业性收费", ("prev_items", "change")),),
    ),
    _block(
        "第二十条第（九）项",
        (("projects", "采购项目数量"), ("amount", "采购总金额")),
        (("procurement", "政府集中采购", ("projects", "amount")),),
    ),
)

_FLOWS_2021 = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
_FLOW_KEYS = ("issued", "repealed", "in_force")

T1_BLOCKS_2021: tuple[T1Block, ...] = (
    _block(
        "第二十条第（一）项",
        _FLOWS_2021,
        (("regulations", "规章", _FLOW_KEYS), ("normative", "行政规范性文件", _FLOW_KEYS)),
    ),
    _block(
        "第二十条第（五）项",
        (("decisions", "本年处理决定数量"),),
        (("licensing", "行政许可", ("decisions",)),),
    ),
    _block(
        "第二十条第（六）项",
        (("decisions", "本年处理决定数量"),),
        (("penalty", "行政处罚", ("decisions",)), ("coercion", "行政强制", ("decisions",))),
    ),
    _block(
        "第二十条第（八）项",
        (("amount", "本年收费金额（单位：万元）"),),
        (("fees", "行政事业性收费", ("amount",)),),
    ),
)

_KINDS_2019: dict[str, CellKind] = {
    **{
        f"t1.{r}.change": "signed"
        for r in ("licensing", "other_services", "penalty", "coercion", "fees")
    },
    "t1.procurement.amount": "decimal",
}
_KINDS_2021: dict[str, CellKind] = {"t1.fees.amount": "decimal"}


def _t1_table(blocks: tuple[T1Block, ...], kinds: dict[str, CellKind]) -> Table:
    return Table(code="t1", title=HEADINGS[1], cells=_t1_cells(blocks, kinds), blocks=blocks)


def _derived_2021() -> tuple[CellSpec, ...]:
    return tuple(CellSpec(f"t2.other.{k}", "（六）其他处理", label) for k, label in T2_COLUMNS)


FORMATS: dict[str, ReportFormat] = {
    FORMAT_2019: ReportFormat(
        code=FORMAT_2019,
        name="国办公开办函〔2019〕60号",
        title="中华人民共和国政府信息公开工作年度报告格式（试行）",
        headings=HEADINGS,
        tables=(_t1_table(T1_BLOCKS_2019, _KINDS_2019), _t2_table(FORMAT_2019), _t3_table()),
    ),
    FORMAT_2021: ReportFormat(
        code=FORMAT_2021,
        name="国办公开办函〔2021〕30号",
        title="中华人民共和国政府信息公开工作年度报告格式",
        headings=HEADINGS,
        tables=(_t1_table(T1_BLOCKS_2021, _KINDS_2021), _t2_table(FORMAT_2021), _t3_table()),
        derived=_derived_2021(),
    ),
}

# The year from which the 2021 format applies (30号 applied from the 2021 reports). [R]
FIRST_YEAR_OF_2021_FORMAT = 2021


def format_for_year(year: int) -> str:
    """The format that applies to a report year: ≤2020 → "2019", ≥2021 → "2021"."""
    return FORMAT_2021 if year >= FIRST_YEAR_OF_2021_FORMAT else FORMAT_2019


def t2_row_keys(fmt: str) -> list[str]:
    """Leaf row keys of table 2 in print order (2021 has the three other.* sub-rows)."""
    return [leaf.code for leaf in FORMATS[fmt].table("t2").row_leaves() if leaf.code]


T2_COLUMN_KEYS: tuple[str, ...] = tuple(k for k, _ in T2_COLUMNS)
T3_GROUP_KEYS: tuple[str, ...] = tuple(k for k, _ in T3_GROUPS)
T3_COLUMN_KEYS: tuple[str, ...] = tuple(k for k, _ in T3_COLUMNS)
