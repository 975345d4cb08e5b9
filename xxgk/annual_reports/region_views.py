"""Region screens of the annual reports: the aggregated 本级政府 report with drill-down, and the
evaluation score card (start, result, exports).

Thin views: aggregation and score cards run as background jobs (xxgk/jobs); the pages read the
kept result (AggregateSnapshot, the finished job's result).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from xxgk.accounts import policy
from xxgk.agencies.models import Agency
from xxgk.annual_reports import regional
from xxgk.annual_reports.aggregate import SOURCE_LABELS
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.models import AggregateExclusion, AggregateSnapshot
from xxgk.annual_reports.render.html import render_tables_fragment
from xxgk.annual_reports.render.scorecard import scorecard_docx, scorecard_xlsx
from xxgk.annual_reports.schema import FORMATS
from xxgk.annual_reports.scorecard import INDICATORS, ScoreCard
from xxgk.errors import DomainError
from xxgk.jobs import services as jobs
from xxgk.jobs.models import Job, JobStatus
from xxgk.jobs.views import visible_jobs

Action = policy.Action
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ScorecardForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=None, label="地区（本级政府或主管部门）", empty_label=None
    )
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)

    def __init__(self, *args: object, agencies: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


@login_required
def scorecard_start(request: HttpRequest) -> HttpResponse:
    """Start a score card of a region in the background.

    Templates: annual_reports/scorecard_start.html
    """
    agencies = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    initial = {"year": timezone.localdate().year - 1}
    form = ScorecardForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        try:
            job = jobs.start_job(
                "scorecard",
                actor=request.user,
                agency=agency,
                year=year,
                title=f"{agency.name}{year}年度年报评估计分",
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(job)
    recent = visible_jobs(request).filter(kind="scorecard").select_related("agency")[:10]
    return render(
        request,
        "annual_reports/scorecard_start.html",
        {"form": form, "recent": recent, "indicators": INDICATORS},
    )


def _finished_scorecard(request: HttpRequest, pk: int) -> tuple[Job, list[ScoreCard]]:
    job = get_object_or_404(visible_jobs(request).select_related("agency"), pk=pk, kind="scorecard")
    if job.status != JobStatus.DONE:
        raise Http404("评估尚未完成")
    return job, [ScoreCard.from_json(c) for c in job.result.get("cards", [])]


@login_required
def scorecard_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking with each agency's reasons, and the exports.

    Templates: annual_reports/scorecard_result.html
    """
    job, cards = _finished_scorecard(request, pk)
    rows = [(card, card.failed) for card in cards]
    return render(
        request,
        "annual_reports/scorecard_result.html",
        {"job": job, "rows": rows, "indicators": INDICATORS},
    )


@login_required
def scorecard_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The ranking as XLSX, or the draft 通报 as DOCX."""
    job, cards = _finished_scorecard(request, pk)
    weights = {r.code: r.weight for r in cards[0].indicators} if cards else {}
    stem = f"{job.agency.code if job.agency else 'region'}-{job.year}-scorecard"
    if kind == "xlsx":
        body, content_type = scorecard_xlsx(job.title, cards), XLSX
    elif kind == "docx":
        issuer = job.agency.name if job.agency else ""
        body = scorecard_docx(issuer=issuer, year=job.year or 0, cards=cards, weights=weights)
        content_type = DOCX
    else:
        raise Http404("不支持的导出格式")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    return response


# --- the aggregated 本级政府 report --------------------------------------------------------------


def _government(request: HttpRequest, pk: int) -> Agency:
    visible = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    return get_object_or_404(visible, pk=pk, kind="government")


class ExclusionForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label="排除的单位", empty_label=None)
    reason = forms.CharField(label="排除理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, agencies: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


@login_required
def aggregate(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The last aggregation of the government's report: covers, exclusions, findings, tables
    whose cells drill down to each agency's contribution; re-aggregate in the background.

    Templates: annual_reports/aggregate.html
    """
    government = _government(request, pk)
    can_edit = regional.can_aggregate(request.user, government)
    members = Agency.objects.subtree(government).exclude(pk=government.pk).order_by("path")
    form = ExclusionForm(request.POST or None, agencies=members)
    if request.method == "POST" and request.POST.get("action") == "aggregate":
        try:
            job = jobs.start_job(
                "aggregate",
                actor=request.user,
                agency=government,
                year=year,
                title=f"汇总{government.name}{year}年度报告",
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect(job)
    elif request.method == "POST" and form.is_valid():
        try:
            regional.exclude_from_aggregate(
                government,
                year,
                form.cleaned_data["agency"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已记录排除理由，请重新汇总。")
            return redirect("annual_reports:aggregate", pk=government.pk, year=year)
    snapshot = AggregateSnapshot.objects.filter(government=government, year=year).first()
    context: dict[str, object] = {
        "government": government,
        "year": year,
        "snapshot": snapshot,
        "form": form,
        "can_edit": can_edit,
        "exclusions": AggregateExclusion.objects.filter(
            government=government, year=year
        ).select_related("agency", "created_by"),
    }
    if snapshot is not None:
        data = ReportData.from_json({k: snapshot.data[k] for k in _REPORT_KEYS})
        spec = FORMATS[data.format]
        context.update(
            tables=mark_safe(render_tables_fragment(data)),  # noqa: S308 - our renderer escapes
            cells=[(spec.cell(code), data.cells.get(code)) for code in spec.cell_codes()],
            findings=snapshot.data.get("findings", []),
            sources=snapshot.data.get("sources", {}),
        )
    return render(request, "annual_reports/aggregate.html", context)


_REPORT_KEYS = ("agency", "year", "format", "dated", "agency_kind", "title", "sections", "cells")


@login_required
def aggregate_cell(request: HttpRequest, pk: int, year: int, code: str) -> HttpResponse:
    """Drill-down of one cell: each agency's contribution, its source, and the sum.

    Templates: annual_reports/aggregate_cell.html
    """
    government = _government(request, pk)
    snapshot = get_object_or_404(AggregateSnapshot, government=government, year=year)
    fmt = FORMATS[snapshot.data["format"]]
    if not fmt.has_cell(code):
        raise Http404("单元格代码不存在")
    by_agency = snapshot.data["provenance"].get(code, {})
    sources, refs = snapshot.data.get("sources", {}), snapshot.data.get("refs", {})
    rows = [
        {
            "agency": name,
            "value": by_agency[name],
            "source": SOURCE_LABELS.get(sources.get(name, ""), ""),
            "ref": refs.get(name, ""),
        }
        for name in snapshot.data["covers"]
        if name in by_agency
    ]
    blank = [name for name in snapshot.data["covers"] if name not in by_agency]
    return render(
        request,
        "annual_reports/aggregate_cell.html",
        {
            "government": government,
            "year": year,
            "snapshot": snapshot,
            "spec": fmt.cell(code),
            "value": snapshot.data["cells"].get(code),
            "rows": rows,
            "blank": blank,
        },
    )
