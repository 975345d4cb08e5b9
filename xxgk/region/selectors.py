"""Read queries of the region: who reports where, the report that counts, the dashboard rows.

Every function here runs a constant number of queries whatever the number of agencies (the
tests assert it): rows are built from one query per table, joined in Python by agency id.

Status of an agency-year (``RegionStatus``), in order of precedence:

1. an imported published file → 已发布 (``published``);
2. the current submission was returned → 已退回 (``returned``): the department must act;
3. the platform report is published → 已发布;
4. the current submission is accepted → 已接收, or pending → 已报送;
5. a platform report exists → 编制中; else 未开始.

``days_late``: published after the due date → the days between; not published and the due
date passed → the days since the due date (still running); otherwise 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.annual_reports.data import ReportData
from xxgk.errors import DomainError
from xxgk.region.models import (
    ImportedReport,
    MemberKind,
    Region,
    RegionStatus,
    ReportingLine,
    Submission,
    SubmissionStatus,
)


@dataclass(frozen=True)
class IncludedReport:
    """The report of one agency that counts for the region's year."""

    agency: Agency
    data: ReportData
    source: str  # "platform" | "import"
    ref: str  # "round:<SubmissionRound id>" or "import:<ImportedReport id>"


@dataclass(frozen=True)
class RegionRow:
    agency: Agency
    kind: str  # MemberKind value
    level: str  # Level value
    status: str  # RegionStatus value
    due: date
    published_on: date | None
    days_late: int
    errors: int
    warnings: int
    year: int = 0
    region_id: int = 0
    rounds: int = 0
    submitted_on: date | None = None

    @property
    def status_label(self) -> str:
        return RegionStatus(self.status).label

    @property
    def kind_label(self) -> str:
        return MemberKind(self.kind).label

    @property
    def on_time(self) -> bool:
        return self.days_late == 0

    def to_json(self) -> dict[str, object]:
        """The `xxgk region status --json` row (the issue's contract, field for field)."""
        return {
            "agency": self.agency.name,
            "kind": self.kind,
            "level": self.level,
            "status": self.status,
            "due": self.due.isoformat(),
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "days_late": self.days_late,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def reporting_line_of(agency: Agency) -> ReportingLine | None:
    """The agency's 主管部门 and government, or None if it reports to no one on the platform."""
    return (
        ReportingLine.objects.select_related("region__office", "region__government")
        .filter(agency=agency)
        .first()
    )


def office_of(agency: Agency) -> Agency | None:
    """The agency's 本级政府信息公开工作主管部门 (e.g. 大冶市科技局 → 大冶市人民政府办公室)."""
    line = reporting_line_of(agency)
    return line.region.office if line else None


def government_of(agency: Agency) -> Agency | None:
    """The government the agency reports for (e.g. 大冶市科技局 → 大冶市人民政府)."""
    line = reporting_line_of(agency)
    return line.region.government if line else None


def regions_of(agency: Agency) -> QuerySet[Region]:
    """Regions an agency looks at: those it is the 主管部门 of, and those of governments in its
    subtree (a supervisor at 黄石市人民政府 sees 大冶市's and 阳新县's regions)."""
    return Region.objects.filter(
        Q(office=agency) | Q(government__path__startswith=agency.path)
    ).select_related("office", "government")


def publication_block(report: object) -> str | None:
    """Why an approved report may not be published yet (Chinese), or None if it may."""
    from xxgk.annual_reports.models import AnnualReport

    assert isinstance(report, AnnualReport)
    line = reporting_line_of(report.agency)
    if line is None:
        return None
    submission = Submission.objects.filter(agency=report.agency, year=report.year).first()
    latest = report.revisions.order_by("-number").values_list("pk", flat=True).first()
    current = submission.rounds.order_by("-number").first() if submission else None
    if current is None or current.revision_id != latest:
        return f"请先将审定的报告报送{line.region.office.name}，再发布。"
    if line.region.publication_waits_for_acceptance and current.outcome != "accepted":
        return f"本地区规定年度报告须经{line.region.office.name}接收后方可发布；报送尚未被接收。"
    if current.outcome == "returned":
        return f"报送已被{line.region.office.name}退回，请更正后重新报送。"
    return None


def region_tree(government: Agency) -> list[ReportingLine]:
    """Every line below a government, descending through lower governments' own regions.

    Raises DomainError (Chinese) if the tree has a cycle (possible only through data entered
    around the services, e.g. a database edit): the aggregation must not loop.
    """
    lines: list[ReportingLine] = []
    seen = {government.pk}
    frontier = [government.pk]
    while frontier:
        level = list(
            ReportingLine.objects.filter(region__government_id__in=frontier).select_related(
                "agency", "region"
            )
        )
        frontier = []
        for line in level:
            if line.agency_id in seen:
                raise DomainError(
                    f"报送关系存在循环：“{line.agency.name}”在自身的下级中再次出现，请检查主管部门设置。"
                )
            seen.add(line.agency_id)
            lines.append(line)
            frontier.append(line.agency_id)
    return lines


def accepted_reports(government: Agency, year: int) -> list[IncludedReport]:
    """For each member of the government's region, the report that counts for `year`.

    The accepted submission's frozen data (the round the 主管部门 accepted) or, for an agency
    not on the platform, its imported published file. Members with neither are left out; see
    `region_rows` for their status. Three queries.
    """
    region = Region.objects.filter(government=government).first()
    if region is None:
        return []
    out: dict[int, IncludedReport] = {}
    accepted = (
        Submission.objects.filter(region=region, year=year, accepted_round__isnull=False)
        .select_related("agency", "agency__reporting_line", "accepted_round")
        .order_by("agency_id")
    )
    for sub in accepted:
        assert sub.accepted_round is not None
        out[sub.agency_id] = IncludedReport(
            agency=sub.agency,
            data=sub.accepted_round.to_report_data(),
            source="platform",
            ref=f"round:{sub.accepted_round.pk}",
        )
    imports = ImportedReport.objects.filter(region=region, year=year).select_related(
        "agency", "agency__reporting_line"
    )
    for imp in imports:
        # An upload never overrides a platform report (services refuse it; this is a backstop).
        out.setdefault(
            imp.agency_id,
            IncludedReport(
                agency=imp.agency,
                data=imp.to_report_data(),
                source="import",
                ref=f"import:{imp.pk}",
            ),
        )
    return sorted(out.values(), key=lambda r: r.agency.pk)


def _lines(
    agency: Agency, *, kind: str | None = None, level: str | None = None
) -> QuerySet[ReportingLine]:
    lines = ReportingLine.objects.filter(
        Q(region__office=agency) | Q(region__government__path__startswith=agency.path)
    )
    if kind:
        lines = lines.filter(kind=kind)
    if level:
        lines = lines.filter(level=level)
    # Region by region; within one, by kind then in the order the agencies were registered.
    return lines.select_related("agency").order_by("region__government__path", "kind", "agency_id")


def due_date(agency: Agency, year: int) -> date:
    return agency.report_deadline(year)  # the one statutory rule (xxgk/lib/report_deadline.py)


def region_matrix(
    agency: Agency,
    years: Sequence[int],
    *,
    kind: str | None = None,
    level: str | None = None,
    today: date | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[list[RegionRow]]:
    """Agency × year: for each member line (in tree order) one RegionRow per year.

    Four queries whatever the number of agencies and years; `offset`/`limit` page the agencies.
    """
    from xxgk.annual_reports.models import AnnualReport

    today = today or timezone.localdate()
    lines_qs = _lines(agency, kind=kind, level=level)
    if limit is not None:
        lines_qs = lines_qs[offset : offset + limit]
    elif offset:
        lines_qs = lines_qs[offset:]
    lines = list(lines_qs)
    if not lines:
        return []
    years = list(years)
    if limit is not None or offset:
        scope: Q = Q(agency_id__in=[line.agency_id for line in lines])
    else:
        # A join, not a list of ids: stays one short query for 20,000 agencies.
        scope = Q(agency__reporting_line__in=_lines(agency, kind=kind, level=level).values("pk"))
    reports = {
        (r["agency_id"], r["year"]): r
        for r in AnnualReport.objects.filter(scope, year__in=years)
        .values("agency_id", "year", "current_version_id")
        .annotate(first_published=Min("versions__published_at"))
    }
    submissions = {
        (s["agency_id"], s["year"]): s
        for s in Submission.objects.filter(scope, year__in=years).values(
            "agency_id",
            "year",
            "status",
            "errors",
            "warnings",
            "rounds_count",
            "first_submitted_at",
        )
    }
    imports = {
        (i["agency_id"], i["year"]): i
        for i in ImportedReport.objects.filter(scope, year__in=years).values(
            "agency_id", "year", "published_on", "errors", "warnings"
        )
    }
    return [
        [
            _row(
                line,
                year,
                today,
                reports.get((line.agency_id, year)),
                submissions.get((line.agency_id, year)),
                imports.get((line.agency_id, year)),
            )
            for year in years
        ]
        for line in lines
    ]


def region_rows(
    agency: Agency,
    year: int,
    *,
    kind: str | None = None,
    level: str | None = None,
    today: date | None = None,
) -> list[RegionRow]:
    """One row per agency under `agency`'s 主管部门 (or in the supervisor's regions) for `year`."""
    return [
        cells[0] for cells in region_matrix(agency, [year], kind=kind, level=level, today=today)
    ]


def _local_date(value: object) -> date | None:
    if value is None:
        return None
    return timezone.localtime(value).date()  # type: ignore[arg-type]


def _row(
    line: ReportingLine,
    year: int,
    today: date,
    report: dict | None,
    submission: dict | None,
    imported: dict | None,
) -> RegionRow:
    due = due_date(line.agency, year)
    errors = warnings = rounds = 0
    submitted_on: date | None = None
    published_on: date | None = None
    if submission is not None:
        errors, warnings = submission["errors"], submission["warnings"]
        rounds = submission["rounds_count"]
        submitted_on = _local_date(submission["first_submitted_at"])
    if imported is not None:
        status = RegionStatus.PUBLISHED
        published_on = imported["published_on"]
        errors, warnings = imported["errors"], imported["warnings"]
    elif submission is not None and submission["status"] == SubmissionStatus.RETURNED:
        status = RegionStatus.RETURNED
    elif report is not None and report["current_version_id"] is not None:
        status = RegionStatus.PUBLISHED
    elif submission is not None:
        status = (
            RegionStatus.ACCEPTED
            if submission["status"] == SubmissionStatus.ACCEPTED
            else RegionStatus.SUBMITTED
        )
    elif report is not None:
        status = RegionStatus.DRAFTING
    else:
        status = RegionStatus.NOT_STARTED
    if report is not None and report["first_published"] is not None:
        published_on = _local_date(report["first_published"])
    if published_on is not None:
        days_late = max(0, (published_on - due).days)
    else:
        days_late = max(0, (today - due).days)
    return RegionRow(
        agency=line.agency,
        kind=line.kind,
        level=line.level,
        status=status.value,
        due=due,
        published_on=published_on,
        days_late=days_late,
        errors=errors,
        warnings=warnings,
        year=year,
        region_id=line.region_id,
        rounds=rounds,
        submitted_on=submitted_on,
    )


@dataclass(frozen=True)
class ApplicationCounts:
    open: int
    overdue: int


def application_counts(agencies: Iterable[Agency], today: date) -> dict[int, ApplicationCounts]:
    """Open and overdue 依申请公开 cases per agency (one query)."""
    from xxgk.applications.models import Application

    ids = [a.pk for a in agencies]
    rows = (
        Application.objects.open()
        .filter(agency_id__in=ids)
        .values("agency_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__isnull=False, due_date__lt=today)),
        )
    )
    return {r["agency_id"]: ApplicationCounts(r["open"], r["overdue"]) for r in rows}


def pending_submissions(office: Agency) -> QuerySet[Submission]:
    """Submissions waiting for this 主管部门's decision, oldest first."""
    return (
        Submission.objects.filter(region__office=office, status=SubmissionStatus.SUBMITTED)
        .select_related("agency", "region")
        .order_by("last_submitted_at")
    )
