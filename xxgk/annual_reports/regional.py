"""The 本级政府 report aggregated over its region (Django side; the sums: aggregate.py).

``compute_aggregate(government, year)`` = the government's own records (``compute_report``) +
the included report of every member of its region. A member whose report is missing or returned
blocks the aggregate with a list (``AggregateBlocked``) unless it is excluded with a recorded
reason (``exclude_from_aggregate``). Towns and lower-level governments are included when
``XXGK_AGGREGATE_LOWER_LEVELS`` is on (default); departments always are.

Which reports count (accepted submissions, imported files) is the region's decision: see
``members()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.annual_reports.aggregate import (
    AggregateReport,
    AggregationError,
    Exclusion,
    Member,
    Part,
    aggregate,
    blocking_members,
    blocking_message,
    cycle_message,
    find_cycle,
    with_assessment_section,
)
from xxgk.annual_reports.compute import compute_report
from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.drafting import draft_sections
from xxgk.annual_reports.models import (
    AggregateExclusion,
    AggregateSnapshot,
    AnnualReport,
    ReferenceReport,
    ReportEvent,
)
from xxgk.annual_reports.rules import Rule, validate
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

Action = policy.Action


class AggregateBlocked(DomainError):
    """Members of the region have no included report and no recorded exclusion."""

    def __init__(self, government: Agency, year: int, blocking: Sequence[Member]) -> None:
        super().__init__(blocking_message(government.name, year, blocking), code="blocked")
        self.blocking = list(blocking)


@dataclass(frozen=True)
class RegionMember:
    """A member of the government's region and its report, if one is included."""

    agency: Agency
    status: str
    data: ReportData | None
    source: str = "platform"
    ref: str = ""


def covers_lower_levels() -> bool:
    return bool(getattr(settings, "XXGK_AGGREGATE_LOWER_LEVELS", True))


def _in_scope(agency: Agency, government: Agency) -> bool:
    if agency.pk == government.pk:
        return False
    if agency.kind in ("department", "other"):
        return True
    return covers_lower_levels()  # township, or a lower-level government


def region_edges(government: Agency) -> dict[str, list[str]]:
    """Who reports to whom, by name, for the cycle check (the agency tree below ``government``)."""
    from xxgk.agencies.models import Agency

    edges: dict[str, list[str]] = {}
    names = dict(Agency.objects.subtree(government).values_list("pk", "name"))
    for pk, parent in Agency.objects.subtree(government).values_list("pk", "parent_id"):
        if parent in names:
            edges.setdefault(names[parent], []).append(names[pk])
    return edges


def members(government: Agency, year: int) -> list[RegionMember]:
    """The region's members in scope and the report of each that counts.

    With a configured region (``xxgk.region``: reporting lines to the government's 主管部门) the
    members are its reporting lines and a report counts when the 主管部门 accepted it or imported
    the member's published file (``region.selectors.accepted_reports``). A government without a
    configured region falls back to the agency tree below it, where a report counts when it is
    published on the platform or imported as a reference report.
    """
    from xxgk.region.models import Region

    region = Region.objects.filter(government=government).first()
    if region is None:
        return _tree_members(government, year)
    from xxgk.region.selectors import accepted_reports, region_rows, region_tree

    region_tree(government)  # refuses a cycle in the configured reporting lines (Chinese)
    included = {r.agency.pk: r for r in accepted_reports(government, year)}
    out = []
    for row in region_rows(government, year):
        if row.region_id != region.pk or not _region_scope(region, row.kind):
            continue
        report = included.get(row.agency.pk)
        if report is not None:
            out.append(RegionMember(row.agency, row.status, report.data, report.source, report.ref))
        else:
            out.append(RegionMember(row.agency, row.status, None))
    return out


def _region_scope(region: object, member_kind: str) -> bool:
    """Departments always; towns/街道 and lower governments as the region is configured."""
    if member_kind in ("township", "subdistrict"):
        return bool(region.aggregate_townships)  # type: ignore[attr-defined]
    if member_kind == "lower_government":
        return bool(region.aggregate_lower_governments)  # type: ignore[attr-defined]
    return True


def _tree_members(government: Agency, year: int) -> list[RegionMember]:
    from xxgk.agencies.models import Agency

    agencies = [
        a
        for a in Agency.objects.subtree(government).active().order_by("path")
        if _in_scope(a, government)
    ]
    ids = [a.pk for a in agencies]
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year=year).select_related(
            "current_version"
        )
    }
    references = {
        r.agency_id: r for r in ReferenceReport.objects.filter(agency_id__in=ids, year=year)
    }
    out = []
    for agency in agencies:
        report, reference = reports.get(agency.pk), references.get(agency.pk)
        if report is not None and report.current_version is not None:
            version = report.current_version
            out.append(
                RegionMember(
                    agency, "published", version.to_report_data(), "platform", f"v{version.number}"
                )
            )
        elif reference is not None:
            out.append(
                RegionMember(
                    agency,
                    "published",
                    ReportData.from_json(reference.data),
                    "import",
                    reference.source_name,
                )
            )
        else:
            status = "drafting" if report is not None else "not_started"
            out.append(RegionMember(agency, status, None))
    return out


def compute_aggregate(government: Agency, year: int) -> AggregateReport:
    """The aggregated report, or ``AggregateBlocked`` / ``DomainError`` saying what to fix."""
    if government.kind != "government":
        raise DomainError(f"{government.name}不是人民政府，只有本级政府的年度报告需要汇总。")
    cycle = find_cycle(region_edges(government), government.name)
    if cycle:
        raise DomainError(cycle_message(cycle), code="cycle")
    region = members(government, year)
    excluded = {
        e.agency_id: e.reason
        for e in AggregateExclusion.objects.filter(government=government, year=year)
    }
    listed = [Member(m.agency.name, m.status, m.data is not None) for m in region]
    reasons = {m.agency.name: excluded[m.agency.pk] for m in region if m.agency.pk in excluded}
    blocking = blocking_members(listed, reasons)
    if blocking:
        raise AggregateBlocked(government, year, blocking)
    computed = compute_report(government, year)
    parts = [Part(government.name, computed.report, "records")]
    parts += [
        Part(m.agency.name, m.data, m.source, m.ref)  # type: ignore[arg-type]
        for m in region
        if m.data is not None and m.agency.pk not in excluded
    ]
    try:
        result = aggregate(
            government.name,
            year,
            parts,
            format=computed.report.format,
            excluded=[
                Exclusion(m.agency.name, excluded[m.agency.pk])
                for m in region
                if m.agency.pk in excluded
            ],
        )
    except AggregationError as exc:
        raise DomainError(exc.message) from None
    result.report.sections = _sections(government, year, computed, result)
    findings = [f for f in validate(result.report) if f.code not in (Rule.DATE_MISSING.value,)]
    result.findings = findings + result.findings
    return result


def _sections(government: Agency, year: int, computed, result: AggregateReport) -> list[Section]:  # noqa: ANN001
    """The government's own narrative if it has written one, else drafted from the aggregate's
    numbers; either way with the Art. 50(4) paragraph."""
    own = AnnualReport.objects.filter(agency=government, year=year).first()
    if own is not None and own.sections:
        sections = [Section(s["heading"], s["text"]) for s in own.sections]
    else:
        sections = draft_sections(replace(computed.facts, cells=result.report.cells))
    covers = "、".join(result.covers)
    sections[0] = Section(
        sections[0].heading,
        sections[0].text.rstrip() + f"\n本报告汇总了{len(result.covers)}个单位的数据：{covers}。",
    )
    return with_assessment_section(sections, government=True)


@transaction.atomic
def aggregate_report(government: Agency, year: int, *, actor: User | None) -> AggregateSnapshot:
    """Aggregate now and keep the result for the screen and the drill-down."""
    if actor is not None:
        policy.require(actor, Action.VIEW_REPORTS, government)
    result = compute_aggregate(government, year)
    snapshot, _ = AggregateSnapshot.objects.update_or_create(
        government=government,
        year=year,
        defaults={
            "data": result.to_json() | {"findings": [f.to_json() for f in result.findings]},
            "computed_at": timezone.now(),
            "computed_by": actor,
        },
    )
    ReportEvent.objects.create(
        report=None,
        agency=government,
        type=ReportEvent.Type.AGGREGATED,
        actor=actor,
        data={"year": year, "covers": len(result.covers)},
    )
    return snapshot


def can_aggregate(actor: User, government: Agency) -> bool:
    """The government's own report staff, or the staff of its 主管部门 (the region's office)."""
    from xxgk.region.models import Region

    region = Region.objects.filter(government=government).select_related("office").first()
    if region is not None and policy.can(actor, Action.EDIT_REPORT, region.office):
        return True
    return policy.can(actor, Action.EDIT_REPORT, government)


def _require_aggregator(actor: User, government: Agency) -> None:
    if not can_aggregate(actor, government):
        policy.require(actor, Action.EDIT_REPORT, government)


@transaction.atomic
def exclude_from_aggregate(
    government: Agency, year: int, agency: Agency, *, reason: str, actor: User
) -> AggregateExclusion:
    """Leave ``agency`` out of ``government``'s aggregate for ``year``, with the reason."""
    _require_aggregator(actor, government)
    reason = reason.strip()
    if len(reason) < 4:
        raise DomainError("请写明排除的理由（至少4个字），它将记录在汇总报告中。")
    if agency.pk == government.pk or not agency.path.startswith(government.path):
        raise DomainError(f"{agency.name}不在{government.name}的汇总范围内。")
    exclusion, created = AggregateExclusion.objects.get_or_create(
        government=government,
        year=year,
        agency=agency,
        defaults={"reason": reason, "created_by": actor},
    )
    if not created:
        raise DomainError(f"{agency.name}已被排除在{year}年度汇总之外。")
    ReportEvent.objects.create(
        report=None,
        agency=government,
        type=ReportEvent.Type.EXCLUDED,
        actor=actor,
        data={"year": year, "agency": agency.name, "reason": reason},
    )
    return exclusion
