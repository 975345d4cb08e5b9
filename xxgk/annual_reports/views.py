"""Back-office screens of the annual report: thin views over services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from xxgk.accounts import policy
from xxgk.annual_reports import services
from xxgk.annual_reports.compute import DataProblemsError
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.deadlines import due_reports
from xxgk.annual_reports.forms import (
    ComputeForm,
    CorrectionForm,
    DecisionForm,
    JustifyForm,
    ReferenceForm,
    SectionsForm,
)
from xxgk.annual_reports.models import AnnualReport, AnnualReportVersion, ReportStatus
from xxgk.annual_reports.render import render as render_report
from xxgk.annual_reports.render.html import render_tables_fragment
from xxgk.approvals import services as approvals
from xxgk.backoffice.spreadsheet import wants_xlsx, xlsx_response
from xxgk.errors import DomainError
from xxgk.region import views as region_views

Action = policy.Action


def _report_for(request: HttpRequest, pk: int) -> AnnualReport:
    visible = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    return get_object_or_404(
        AnnualReport.objects.select_related("agency"), pk=pk, agency__in=visible
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Reports of the user's agencies, the reports due, and the compute form.

    Templates: annual_reports/index.html
    """
    visible = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    editable = policy.visible_agencies(request.user, Action.EDIT_REPORT)
    form = ComputeForm(request.POST or None, agencies=editable)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.compute_draft(
                form.cleaned_data["agency"],
                form.cleaned_data["year"],
                actor=request.user,
                format=form.cleaned_data["format"] or None,
            )
        except DataProblemsError as exc:
            return render(
                request,
                "annual_reports/problems.html",
                {"error": exc.message, "problems": exc.problems},
                status=409,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已根据业务记录生成报告草稿。")
            return redirect(report)
    today = timezone.localdate()
    due = due_reports(list(visible), today) if today.month <= 3 else []
    reports = AnnualReport.objects.filter(agency__in=visible).select_related(
        "agency", "current_version"
    )
    if wants_xlsx(request):
        return xlsx_response(
            "年度报告.xlsx",
            "年度报告",
            ["机关", "年度", "格式", "标题", "状态", "法定期限", "发布版本"],
            (
                (
                    r.agency.name,
                    r.year,
                    r.format,
                    r.title,
                    r.get_status_display(),
                    r.deadline(),
                    r.current_version.number if r.current_version else None,
                )
                for r in reports[:10000]
            ),
        )
    return render(
        request,
        "annual_reports/index.html",
        {"reports": reports, "form": form, "can_compute": editable.exists(), "due": due},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: tables, text, findings, review and versions. Templates: annual_reports/detail.html"""
    report = _report_for(request, pk)
    can_edit = policy.can(request.user, Action.EDIT_REPORT, report.agency)
    findings = services.check_report(report)
    rows = [
        {
            "finding": f,
            "key": services.finding_key(f),
            "justification": report.justifications.get(services.finding_key(f), ""),
        }
        for f in findings
    ]
    state = approvals.active_state(report)
    open_step = state.current_step_state() if state else None
    sections_form = SectionsForm(
        initial={f"s{i}": s["text"] for i, s in enumerate(report.sections)}
    )
    return render(
        request,
        "annual_reports/detail.html",
        {
            "report": report,
            "tables": mark_safe(render_tables_fragment(report.to_report_data())),  # noqa: S308 - our renderer escapes
            "rows": rows,
            "errors": sum(1 for f in findings if f.severity == "error"),
            "can_edit": can_edit and report.status == ReportStatus.DRAFT,
            "can_correct": can_edit and report.status == ReportStatus.PUBLISHED,
            "sections_form": sections_form,
            "open_step": open_step,
            "can_decide": bool(open_step and approvals.can_decide(request.user, open_step)),
            "history": approvals.history(report),
            "versions": report.versions.all(),
            "events": report.events.select_related("actor")[:30],
            "decision_form": DecisionForm(),
            "correction_form": CorrectionForm(),
            # 报送 to the 主管部门 (xxgk.region), for agencies in a region.
            "region": region_views.report_panel(request, report),
        },
    )


def _act(request: HttpRequest, report: AnnualReport, fn, success: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    try:
        fn()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(report)


@login_required
@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    redraft = request.POST.get("redraft") == "1"
    try:
        services.compute_draft(
            report.agency, report.year, actor=request.user, format=report.format, redraft=redraft
        )
    except DataProblemsError as exc:
        return render(
            request,
            "annual_reports/problems.html",
            {"error": exc.message, "problems": exc.problems},
            status=409,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已按业务记录重新计算。")
    return redirect(report)


@login_required
@require_POST
def edit_sections(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    form = SectionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect(report)
    return _act(
        request,
        report,
        lambda: services.edit_sections(report, form.texts(), actor=request.user),
        "正文已保存。",
    )


@login_required
@require_POST
def justify(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    form = JustifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写接受理由。")
        return redirect(report)
    return _act(
        request,
        report,
        lambda: services.justify_warning(
            report, form.cleaned_data["key"], form.cleaned_data["text"], actor=request.user
        ),
        "警告说明已保存。",
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    return _act(
        request, report, lambda: services.submit_report(report, actor=request.user), "已提交审核。"
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    form = DecisionForm(request.POST)
    comment = form.data.get("comment", "")
    if request.POST.get("decision") == "approve":
        return _act(
            request,
            report,
            lambda: services.approve_report_step(report, actor=request.user, comment=comment),
            "已审核同意。",
        )
    return _act(
        request,
        report,
        lambda: services.reject_report_step(report, actor=request.user, comment=comment),
        "已退回修改。",
    )


@login_required
@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    note = request.POST.get("note", "")
    return _act(
        request,
        report,
        lambda: services.start_correction(report, actor=request.user, note=note),
        "报告已转为草稿，请修改后重新提交审核。",
    )


@login_required
def preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The report as it would be published: the revision under review (else the working copy).

    Reviewers read the rendered HTML or PDF before they approve; the date is the one the
    report would carry if published today.
    """
    report = _report_for(request, pk)
    if kind not in ("html", "pdf"):
        raise Http404
    revision = report.revisions.order_by("-number").first()
    state = approvals.active_state(report)
    if state is not None and revision is not None and state.revision_id == revision.pk:
        data = ReportData.from_json({**revision.data, "dated": timezone.localdate().isoformat()})
    else:
        data = report.to_report_data(dated=timezone.localdate())
    body = render_report(data, kind)
    if kind == "html":
        return HttpResponse(body, content_type="text/html; charset=utf-8")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def version_file(request: HttpRequest, pk: int, number: int, kind: str) -> HttpResponse:
    report = _report_for(request, pk)
    version = get_object_or_404(AnnualReportVersion, report=report, number=number)
    return version_response(version, kind)


def style_hashes(document: str) -> list[str]:
    """CSP source expressions ('sha256-…') of the <style> blocks of a document."""
    import base64
    import hashlib
    import re

    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in re.findall(r"<style>(.*?)</style>", document, flags=re.DOTALL)
    ]


def version_response(version: AnnualReportVersion, kind: str) -> HttpResponse:
    """Serve one rendering of a frozen version (shared with the public 年报 column)."""
    if kind == "html":
        response = HttpResponse(version.html, content_type="text/html; charset=utf-8")
        # The frozen document carries its own <style>: allow exactly that block by its hash.
        response._csp_update = {"style-src": style_hashes(version.html)}  # type: ignore[attr-defined]
        return response
    field = {"docx": version.docx, "pdf": version.pdf, "xlsx": version.xlsx}.get(kind)
    if field is None or not field:
        raise Http404
    name = f"{version.report.agency.name}{version.report.year}年政府信息公开工作年度报告（第{version.number}版）.{kind}"
    return FileResponse(field.open("rb"), as_attachment=kind != "pdf", filename=name)


@login_required
def import_reference(request: HttpRequest) -> HttpResponse:
    """Import last year's report published outside xxgk. Templates: annual_reports/reference.html"""
    from xxgk.ingestion.read import ReportReadError, max_report_bytes, read_report

    editable = policy.visible_agencies(request.user, Action.EDIT_REPORT)
    agency_form = ComputeForm(request.POST or None, agencies=editable)
    form = ReferenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and agency_form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > max_report_bytes():  # refuse before reading it into memory
                raise ReportReadError(
                    f"文件过大，超过上限 {max_report_bytes() // (1024 * 1024)} MB"
                )
            data = read_report(upload.read(), upload.name)
            services.import_reference_report(
                agency_form.cleaned_data["agency"],
                form.cleaned_data["year"],
                data,
                actor=request.user,
                source_name=upload.name,
            )
        except ReportReadError as exc:
            form.add_error("file", str(exc))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已导入，可用于跨年度核对。")
            return redirect("annual_reports:index")
    return render(
        request, "annual_reports/reference.html", {"form": form, "agency_form": agency_form}
    )
