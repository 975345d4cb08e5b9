"""Art. 20 registers feeding table 1: figures, XLSX templates and import."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

    from xxgk.agencies.models import Agency


def table1_cells(agency: Agency, year: int, format: str) -> dict[str, int | Decimal]:  # noqa: A002
    """Return the table-1 cells of `format` ("2019"/"2021") for the agency's year."""
    from xxgk.publications.registers.figures import table1_cells as compute

    return compute(agency, year, format)
