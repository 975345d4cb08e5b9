"""Register figures → table-1 cells of both report formats (pure; no Django).

Cell codes: docs/spec/report-cells.md (t1.*). 2019 format (国办公开办函〔2019〕60号):
规章/规范性文件 made, published, total published; service registers previous-year items,
change and decisions; fees previous items and change; procurement projects and amount (元).
2021 format (〔2021〕30号): issued, repealed, in force; decisions; fee amount in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FORMATS = ("2019", "2021")
TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True)
class DocumentFigures:
    """规章 or 规范性文件 of one year."""

    made: int = 0  # 本年新制作 (2019)
    published: int = 0  # 本年新公开 (2019)
    total_published: int = 0  # 对外公开总数量 (2019)
    issued: int = 0  # 本年制发 (2021)
    repealed: int = 0  # 本年废止 (2021)
    in_force: int = 0  # 现行有效 (2021)


@dataclass(frozen=True)
class ServiceFigures:
    """A list of 事项 (this year and last) and the decisions of this year."""

    prev_items: int = 0
    items: int = 0
    decisions: int = 0

    @property
    def change(self) -> int:
        # 本年增/减: negative for a decrease (the seed: 14 → 1 gives −13).
        return self.items - self.prev_items


@dataclass(frozen=True)
class Table1Figures:
    regulations: DocumentFigures = DocumentFigures()
    normative: DocumentFigures = DocumentFigures()
    licensing: ServiceFigures = ServiceFigures()
    other_services: ServiceFigures = ServiceFigures()
    penalty: ServiceFigures = ServiceFigures()
    coercion: ServiceFigures = ServiceFigures()
    fees: ServiceFigures = ServiceFigures()  # fee items; decisions unused
    fees_amount_yuan: Decimal = Decimal(0)
    procurement_projects: int = 0
    procurement_amount_yuan: Decimal = Decimal(0)


def cells_from_figures(figures: Table1Figures, fmt: str) -> dict[str, int | Decimal]:
    """Return every table-1 cell of format `fmt` ("2019" or "2021") from the figures."""
    if fmt not in FORMATS:
        raise ValueError(f"未知的年报格式“{fmt}”，应为 2019 或 2021。")
    cells: dict[str, int | Decimal] = {}
    if fmt == "2019":
        for key in ("regulations", "normative"):
            doc: DocumentFigures = getattr(figures, key)
            cells[f"t1.{key}.made"] = doc.made
            cells[f"t1.{key}.published"] = doc.published
            cells[f"t1.{key}.total_published"] = doc.total_published
        for key in ("licensing", "other_services", "penalty", "coercion"):
            service: ServiceFigures = getattr(figures, key)
            cells[f"t1.{key}.prev_items"] = service.prev_items
            cells[f"t1.{key}.change"] = service.change
            cells[f"t1.{key}.decisions"] = service.decisions
        cells["t1.fees.prev_items"] = figures.fees.prev_items
        cells["t1.fees.change"] = figures.fees.change
        cells["t1.procurement.projects"] = figures.procurement_projects
        cells["t1.procurement.amount"] = figures.procurement_amount_yuan
        return cells
    for key in ("regulations", "normative"):
        doc = getattr(figures, key)
        cells[f"t1.{key}.issued"] = doc.issued
        cells[f"t1.{key}.repealed"] = doc.repealed
        cells[f"t1.{key}.in_force"] = doc.in_force
    for key in ("licensing", "penalty", "coercion"):
        cells[f"t1.{key}.decisions"] = getattr(figures, key).decisions
    cells["t1.fees.amount"] = (figures.fees_amount_yuan / TEN_THOUSAND).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )
    return cells
