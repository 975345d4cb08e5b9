"""The annual report computed from the records: no number is typed in.

Table 1 comes from the Art. 20 registers (publications app), table 2 from the cases and
table 3 from the 复议/诉讼 records (applications and appeals apps), the narrative's counts
from the publications and fees. Each source app owns the query that feeds its table; this
module only joins them and refuses to produce a table over broken records.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Sum

from xxgk.annual_reports.data import CellValue, ReportData
from xxgk.annual_reports.drafting import DraftFacts
from xxgk.annual_reports.schema import FORMATS, format_for_year
from xxgk.applications.tables import DataProblem
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency


@dataclass
class ComputedReport:
    report: ReportData
    facts: DraftFacts


class DataProblemsError(DomainError):
    """Computing was refused: the records have problems that would make a wrong table."""

    def __init__(self, problems: list[DataProblem]) -> None:
        super().__init__(
            f"业务记录存在{len(problems)}处问题，无法生成正确的报表，请先处理：",
            code="data_problems",
        )
        self.problems = problems


def compute_report(agency: Agency, year: int, format: str | None = None) -> ComputedReport:
    """Fill every cell of the year's report from the agency's records.

    Raises DataProblemsError listing the records to fix instead of producing a wrong table.
    """
    from xxgk.applications.tables import application_tables, data_problems
    from xxgk.publications.registers import table1_cells
    from xxgk.publications.stats import publication_stats

    fmt = format or format_for_year(year)
    if fmt not in FORMATS:
        raise DomainError(f"报告格式无效：{fmt}（应为 2019 或 2021）。")
    problems = data_problems(agency, year)
    if problems:
        raise DataProblemsError(problems)

    codes = FORMATS[fmt].all_codes()
    cells: dict[str, CellValue] = {}
    cells.update(table1_cells(agency, year, fmt))
    cells.update(application_tables(agency, year))
    cells = {code: cells.get(code, 0) for code in codes}

    stats = publication_stats(agency, year)
    notices, collected = fees_of_year(agency, year)
    facts = DraftFacts(
        agency=agency.name,
        year=year,
        format=fmt,
        cells=cells,
        publications_total=stats["total"],
        publications_by_channel=stats["by_channel"],
        publications_by_category=stats["by_category"],
        publications_late=stats["late"],
        fee_notices=notices,
        fees_collected_yuan=collected,
        is_government=agency.kind == "government",
    )
    report = ReportData(
        agency=agency.name,
        year=year,
        format=fmt,
        agency_kind=agency.kind,  # AgencyKind values are ReportData.AGENCY_KINDS
        title=f"{agency.name}{year}年政府信息公开工作年度报告",
        cells=cells,
    )
    return ComputedReport(report=report, facts=facts)


def fees_of_year(agency: Agency, year: int) -> tuple[int, Decimal]:
    """Fee notices sent and fees actually paid in the year (109号; stated in 三 and 六)."""
    from xxgk.applications.models import Fee

    notices = Fee.objects.filter(application__agency=agency, notice_sent_on__year=year)
    paid = Fee.objects.filter(application__agency=agency, paid_on__year=year)
    total = paid.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return notices.count(), Decimal(total)
