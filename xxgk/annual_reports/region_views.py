"""Region screens of the annual reports: the evaluation score card (start, result, exports).

Thin views: the score card runs as a background job (xxgk/jobs); its result page and the
exports are drawn from the finished job's result.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.annual_reports.render.scorecard import scorecard_docx, scorecard_xlsx
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
