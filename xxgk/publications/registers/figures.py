"""Gathering an agency's register figures for one year (items counted, or yearly figures)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, Sum

from xxgk.publications.models import (
    FeeItem,
    NormativeDocument,
    NormativeKind,
    ProcurementProject,
    RegisterFigure,
    ServiceDecision,
    ServiceItem,
    ServiceRegister,
)
from xxgk.publications.registers.table1 import (
    DocumentFigures,
    ServiceFigures,
    Table1Figures,
    cells_from_figures,
)

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

Metric = RegisterFigure.Metric


def _entered(agency: Agency, year: int) -> dict[tuple[int, str, str], Decimal]:
    rows = RegisterFigure.objects.filter(agency=agency, year__in=[year - 1, year])
    return {(r.year, r.register, r.metric): r.value for r in rows}


def _documents(agency: Agency, year: int, kind: str, entered: dict) -> DocumentFigures:
    docs = NormativeDocument.objects.filter(agency=agency, kind=kind)
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_force_at_end = Q(issued_on__lte=last) & (
        Q(repealed_on__isnull=True) | Q(repealed_on__gt=last)
    )
    computed = {
        Metric.MADE: docs.filter(issued_on__range=(first, last)).count(),
        Metric.PUBLISHED: docs.filter(published_on__range=(first, last)).count(),
        # 对外公开总数量: published by the year's end and not repealed by then.
        Metric.TOTAL_PUBLISHED: docs.filter(in_force_at_end, published_on__lte=last).count(),
        Metric.ISSUED: docs.filter(issued_on__range=(first, last)).count(),
        Metric.REPEALED: docs.filter(repealed_on__range=(first, last)).count(),
        Metric.IN_FORCE: docs.filter(in_force_at_end).count(),
    }
    register = "regulations" if kind == NormativeKind.REGULATION else "normative"
    values = {str(m): int(entered.get((year, register, str(m)), computed[m])) for m in computed}
    return DocumentFigures(**values)


def _items(agency: Agency, year: int, register: str, entered: dict) -> int:
    figure = entered.get((year, register, Metric.ITEMS))
    if figure is not None:
        return int(figure)
    if register == "fees":
        return FeeItem.objects.filter(agency=agency, year=year).count()
    return ServiceItem.objects.filter(agency=agency, register=register, year=year).count()


def _service(agency: Agency, year: int, register: str, entered: dict) -> ServiceFigures:
    decisions = entered.get((year, register, Metric.DECISIONS))
    if decisions is None:
        decisions = ServiceDecision.objects.filter(
            agency=agency, register=register, decided_on__year=year
        ).count()
    return ServiceFigures(
        prev_items=_items(agency, year - 1, register, entered),
        items=_items(agency, year, register, entered),
        decisions=int(decisions),
    )


def register_figures(agency: Agency, year: int) -> Table1Figures:
    """Return the year's figures; an entered yearly figure wins over counted items."""
    entered = _entered(agency, year)
    fees_amount = entered.get((year, "fees", Metric.AMOUNT))
    if fees_amount is None:
        fees_amount = FeeItem.objects.filter(agency=agency, year=year).aggregate(s=Sum("amount"))[
            "s"
        ] or Decimal(0)
    projects = entered.get((year, "procurement", Metric.PROJECTS))
    if projects is None:
        projects = ProcurementProject.objects.filter(agency=agency, year=year).count()
    amount = entered.get((year, "procurement", Metric.AMOUNT))
    if amount is None:
        # 2019 format: the total of the projects *completed* (已结项) in the year.
        amount = ProcurementProject.objects.filter(
            agency=agency, year=year, completed=True
        ).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return Table1Figures(
        regulations=_documents(agency, year, NormativeKind.REGULATION, entered),
        normative=_documents(agency, year, NormativeKind.NORMATIVE, entered),
        licensing=_service(agency, year, ServiceRegister.LICENSING, entered),
        other_services=_service(agency, year, ServiceRegister.OTHER_SERVICES, entered),
        penalty=_service(agency, year, ServiceRegister.PENALTY, entered),
        coercion=_service(agency, year, ServiceRegister.COERCION, entered),
        fees=ServiceFigures(
            prev_items=_items(agency, year - 1, "fees", entered),
            items=_items(agency, year, "fees", entered),
        ),
        fees_amount_yuan=Decimal(fees_amount),
        procurement_projects=int(projects),
        procurement_amount_yuan=Decimal(amount),
    )


def table1_cells(agency: Agency, year: int, format: str) -> dict[str, int | Decimal]:  # noqa: A002
    """Return the table-1 cells of `format` ("2019"/"2021") for the agency's year."""
    return cells_from_figures(register_figures(agency, year), format)
