"""Back-office screens of the region: the dashboard, submissions, imports, 催办, export, charts.

Thin views over `services.py` and `selectors.py`. Who sees what (policy.VIEW_REGION): the
主管部门's staff see their region; supervisors see every region of the governments below them
(read-only); a department sees its own submissions (VIEW_REPORTS) and acts on them.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from xxgk.accounts import policy
from xxgk.accounts.models import Role
from xxgk.agencies.models import Agency
from xxgk.annual_reports import services as reports
from xxgk.annual_reports.models import AnnualReport, ReportStatus
from xxgk.annual_reports.render.html import render_tables_fragment
from xxgk.annual_reports.schema import FORMATS
from xxgk.errors import DomainError
from xxgk.region import charts, services
from xxgk.region.export import matrix_xlsx
from xxgk.region.imports import Source, import_sources, zip_sources
from xxgk.region.models import (
    Level,
    MemberKind,
    Region,
    RegionStatus,
    Reminder,
    ReportingLine,
    Submission,
    SubmissionStatus,
)
from xxgk.region.selectors import (
    application_counts,
    pending_submissions,
    publication_block,
    region_matrix,
    regions_of,
)

Action = policy.Action
PAGE_SIZE = 100
YEARS_SHOWN = 3


# ---------------------------------------------------------------- scope


def scopes(user: object) -> list[Agency]:
    """Agencies whose region picture the user may look at: offices and supervised governments."""
    if getattr(user, "is_superuser", False):
        return [r.office for r in Region.objects.select_related("office")]
    memberships = policy._membership_cache(user)  # noqa: SLF001 — the per-request cache
    direct = {a for (a, role) in memberships if role in policy.ACTION_ROLES[Action.VIEW_REGION]}
    offices = list(Agency.objects.filter(pk__in=direct, regions_managed__isnull=False).distinct())
    supervised = [a for (a, role) in memberships if role == Role.SUPERVISOR]
    roots = [
        agency for agency in Agency.objects.filter(pk__in=supervised) if regions_of(agency).exists()
    ]
    return offices + [r for r in roots if r not in offices]


def _scope(request: HttpRequest) -> Agency | None:
    available = scopes(request.user)
    code = request.GET.get("scope") or request.POST.get("scope")
    if code:
        chosen = next((a for a in available if a.code == code), None)
        if chosen is None:
            raise Http404("没有该地区的查看权限。")
        return chosen
    return available[0] if available else None


def _today() -> date:
    return timezone.localdate()


def _default_year(today: date) -> int:
    return today.year - 1


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


# ---------------------------------------------------------------- dashboard


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The agency × year matrix with filters, deadlines, applications and 催办.

    Templates: region/dashboard.html (region/mine.html for a department without a region view)
    """
    scope = _scope(request)
    today = _today()
    if scope is None:
        return _mine(request)
    year = _int(request.GET.get("year"), _default_year(today))
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    kind = request.GET.get("kind") if request.GET.get("kind") in MemberKind.values else None
    level = request.GET.get("level") if request.GET.get("level") in Level.values else None
    page_number = max(1, _int(request.GET.get("page"), 1))
    # Count for the paginator (one query), then only the page's rows (constant queries).
    total = _line_count(scope, kind, level)
    paginator = Paginator(range(total), PAGE_SIZE)
    page = paginator.get_page(page_number)
    matrix = region_matrix(
        scope,
        years,
        kind=kind,
        level=level,
        today=today,
        offset=(page.number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    counts = application_counts([cells[0].agency for cells in matrix], today)
    can_remind = (
        policy.can(request.user, Action.SEND_REMINDER, scope)
        and Region.objects.filter(office=scope).exists()
    )
    rows = [
        {
            "agency": cells[0].agency,
            "kind": cells[0].kind_label,
            "level": Level(cells[0].level).label,
            "cells": cells,
            "apps": counts.get(cells[0].agency.pk),
            "remind": can_remind and cells[-1].status not in _DONE,
        }
        for cells in matrix
    ]
    latest = [cells[-1] for cells in matrix]
    summary = {s.label: sum(1 for r in latest if r.status == s.value) for s in RegionStatus}
    pending = (
        list(pending_submissions(scope)[:50])
        if Region.objects.filter(office=scope).exists()
        else []
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "region/dashboard.html",
        {
            "scope": scope,
            "scopes": scopes(request.user),
            "year": year,
            "years": years,
            "year_choices": list(range(today.year - 7, today.year)),
            "kind": kind or "",
            "level": level or "",
            "kinds": MemberKind.choices,
            "levels": Level.choices,
            "rows": rows,
            "page": page,
            "total": total,
            "summary": summary,
            "pending": pending,
            "deadlines": _deadlines(today),
            "query": query.urlencode(),
            "can_import": policy.can(request.user, Action.IMPORT_REPORTS, scope)
            and Region.objects.filter(office=scope).exists(),
        },
    )


_DONE = {RegionStatus.PUBLISHED.value, RegionStatus.ACCEPTED.value}


def _line_count(scope: Agency, kind: str | None, level: str | None) -> int:
    from xxgk.region.selectors import _lines

    return _lines(scope, kind=kind, level=level).count()


def _deadlines(today: date) -> list[dict[str, object]]:
    """Days left to this year's 31 January (departments) and 31 March (governments)."""
    out = []
    for label, month in (("部门、乡镇（街道）报告 1月31日", 1), ("本级政府报告 3月31日", 3)):
        due = date(today.year, month, 31)
        left = (due - today).days
        out.append(
            {
                "label": label,
                "due": due,
                "text": f"剩余{left}天" if left >= 0 else f"已过{-left}天",
                "class": "overdue" if left < 0 else ("due-soon" if left <= 10 else "ok"),
            }
        )
    return out


def _mine(request: HttpRequest) -> HttpResponse:
    """A department's view: its submissions and the reminders it received."""
    visible = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    submissions = Submission.objects.filter(agency__in=visible).select_related("agency", "region")
    reminders = Reminder.objects.filter(agency__in=visible).select_related("agency", "sender")[:50]
    return render(request, "region/mine.html", {"submissions": submissions, "reminders": reminders})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The dashboard's rows (all pages) as XLSX."""
    scope = _scope(request)
    if scope is None:
        raise Http404("没有可查看的地区。")
    today = _today()
    year = _int(request.GET.get("year"), _default_year(today))
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    kind = request.GET.get("kind") if request.GET.get("kind") in MemberKind.values else None
    level = request.GET.get("level") if request.GET.get("level") in Level.values else None
    matrix = region_matrix(scope, years, kind=kind, level=level, today=today)
    counts = application_counts([cells[0].agency for cells in matrix], today)
    body = matrix_xlsx(scope, matrix, counts, today)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="region-{scope.code}-{year}.xlsx"'
    return response


@login_required
def chart_page(request: HttpRequest) -> HttpResponse:
    """Server-side SVG charts (no CDN): on-time rate, findings by rule, applications, trend.

    Templates: region/charts.html
    """
    scope = _scope(request)
    if scope is None:
        raise Http404("没有可查看的地区。")
    today = _today()
    year = _int(request.GET.get("year"), _default_year(today))
    return render(
        request,
        "region/charts.html",
        {"scope": scope, "year": year, "charts": charts.region_charts(scope, year, today)},
    )


# ---------------------------------------------------------------- 催办


@login_required
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=_int(request.POST.get("agency"), 0))
    year = _int(request.POST.get("year"), _default_year(_today()))
    try:
        services.send_reminder(
            agency, year, actor=request.user, message=request.POST.get("message", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已向{agency.name}发出催办（站内通知并发送邮件）。")
    return redirect(request.POST.get("next") or reverse("region:dashboard"))


@login_required
@require_POST
def reminder_read(request: HttpRequest, pk: int) -> HttpResponse:
    visible = policy.visible_agencies(request.user, Action.SUBMIT_TO_OFFICE)
    reminder = get_object_or_404(Reminder, pk=pk, agency__in=visible)
    try:
        services.mark_reminder_read(reminder, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("region:dashboard")


# ---------------------------------------------------------------- submissions


def _submission_for(request: HttpRequest, pk: int) -> Submission:
    """A submission the user may see: its agency's staff, its office's staff, supervisors."""
    submission = get_object_or_404(
        Submission.objects.select_related("agency", "region__office", "report"), pk=pk
    )
    user = request.user
    if policy.can(user, Action.VIEW_REPORTS, submission.agency) or policy.can(
        user, Action.VIEW_REGION, submission.region.office
    ):
        return submission
    raise Http404("没有找到该报送。")


def _target_choices(fmt: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Options of the reason's location: general, the six sections, every cell with its label."""
    spec = FORMATS.get(fmt)
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        ("总体", [("general:", "总体")]),
        ("正文", [(f"section:{i}", f"正文第{i}部分") for i in range(1, 7)]),
    ]
    if spec is not None:
        for table in spec.tables:
            groups.append(
                (table.title, [(f"cell:{c.code}", f"{c.code} {c.where}") for c in table.cells])
            )
    return groups


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    """One submission: every round with findings and reasons; the office returns or accepts.

    Templates: region/submission.html
    """
    sub = _submission_for(request, pk)
    rounds = list(
        sub.rounds.select_related("submitted_by", "decided_by").prefetch_related("reasons")
    )
    current = rounds[0] if rounds else None
    data = current.to_report_data() if current else None
    can_decide = sub.status == SubmissionStatus.SUBMITTED and policy.can(
        request.user, Action.REVIEW_SUBMISSIONS, sub.region.office
    )
    return render(
        request,
        "region/submission.html",
        {
            "sub": sub,
            "rounds": rounds,
            "current": current,
            "data": data,
            "tables": mark_safe(render_tables_fragment(data)) if data else "",  # noqa: S308 - our renderer escapes
            "can_decide": can_decide,
            "targets": _target_choices(data.format) if data else [],
            "reason_rows": range(3),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    sub = _submission_for(request, pk)
    decision = request.POST.get("decision")
    try:
        if decision == "accept":
            services.accept_submission(
                sub, actor=request.user, comment=request.POST.get("comment", "")
            )
            messages.success(request, f"已接收{sub.agency.name}{sub.year}年度报告。")
        elif decision == "return":
            reasons = []
            for target, text in zip(
                request.POST.getlist("target"), request.POST.getlist("text"), strict=False
            ):
                if not text.strip():
                    continue
                kind, _, ref = target.partition(":")
                reasons.append((kind, ref, text))
            services.return_submission(
                sub, reasons, actor=request.user, comment=request.POST.get("comment", "")
            )
            messages.success(
                request, f"已将{sub.agency.name}{sub.year}年度报告退回，并通知其公开办。"
            )
        else:
            messages.error(request, "请选择接收或退回。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("region:submission", pk=sub.pk)


def report_panel(request: HttpRequest, report: AnnualReport) -> dict[str, object] | None:
    """The 报送 card of the annual report page (annual_reports/detail.html includes it)."""
    line = (
        ReportingLine.objects.select_related("region__office").filter(agency=report.agency).first()
    )
    if line is None:
        return None
    sub = Submission.objects.filter(agency=report.agency, year=report.year).first()
    rounds = list(sub.rounds.prefetch_related("reasons")) if sub else []
    can_submit = policy.can(request.user, Action.SUBMIT_TO_OFFICE, report.agency) and (
        report.status == ReportStatus.APPROVED
        or (
            report.status == ReportStatus.PUBLISHED
            and sub is not None
            and sub.status == SubmissionStatus.RETURNED
        )
    )
    block = publication_block(report) if report.status == ReportStatus.APPROVED else None
    return {
        "line": line,
        "submission": sub,
        "rounds": rounds,
        "can_submit": can_submit,
        "can_publish": report.status == ReportStatus.APPROVED
        and policy.can(request.user, Action.PUBLISH_REPORT, report.agency),
        "block": block,
        "waits": line.region.publication_waits_for_acceptance,
    }


@login_required
@require_POST
def submit(request: HttpRequest, report_pk: int) -> HttpResponse:
    visible = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    report = get_object_or_404(AnnualReport, pk=report_pk, agency__in=visible)
    try:
        round_ = services.submit_report(report, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"已报送{round_.submission.region.office.name}（第{round_.number}次报送）。"
        )
    return redirect(report)


@login_required
@require_POST
def publish(request: HttpRequest, report_pk: int) -> HttpResponse:
    visible = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    report = get_object_or_404(AnnualReport, pk=report_pk, agency__in=visible)
    try:
        version = reports.publish_report(report, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已发布第{version.number}版。")
    return redirect(report)


# ---------------------------------------------------------------- imports


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Upload published files (several files or a zip) of agencies not on the platform.

    Templates: region/import.html
    """
    scope = _scope(request)
    if scope is None:
        raise Http404("没有可查看的地区。")
    region = Region.objects.filter(office=scope).select_related("government").first()
    if region is None or not policy.can(request.user, Action.IMPORT_REPORTS, scope):
        raise Http404("只有主管部门可以导入报告。")
    members = [line.agency for line in region.lines.select_related("agency").order_by("agency_id")]
    summary = None
    error = ""
    if request.method == "POST":
        files = request.FILES.getlist("files")
        agency = next((a for a in members if str(a.pk) == request.POST.get("agency")), None)
        year = _int(request.POST.get("year"), 0) or None
        sources: list[Source] = []
        try:
            for f in files:
                content = f.read()
                if f.name.lower().endswith(".zip"):
                    sources += zip_sources(content, f.name)
                else:
                    sources.append(Source(f.name, lambda content=content: content))
        except DomainError as exc:
            error = exc.message
        if not error and not sources:
            error = "请选择要导入的报告文件（PDF、DOCX、XLSX、HTML、TXT 或 zip）。"
        if not error:
            summary = import_sources(region, sources, actor=request.user, agency=agency, year=year)
    return render(
        request,
        "region/import.html",
        {"scope": scope, "region": region, "members": members, "summary": summary, "error": error},
    )


def reminder_panel(request: HttpRequest) -> dict[str, object] | None:
    """Dashboard panel: unread 催办 for the user's agencies."""
    visible = policy.visible_agencies(request.user, Action.SUBMIT_TO_OFFICE)
    unread = list(
        Reminder.objects.filter(agency__in=visible, read_at__isnull=True).select_related(
            "agency", "region__office"
        )[:20]
    )
    if not unread:
        return None
    url = reverse("region:dashboard")
    return {
        "title": "催办通知",
        "items": [
            {
                "text": f"{r.region.office.name}催办{r.agency.name}{r.year}年度报告：{r.message}",
                "url": url,
                "badge": f"{timezone.localtime(r.sent_at):%m-%d}",
                "badge_class": "due-soon",
            }
            for r in unread
        ],
    }
