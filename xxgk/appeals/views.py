"""Staff screens for 行政复议 / 行政诉讼 records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.appeals.forms import AppealForm
from xxgk.appeals.models import Appeal
from xxgk.appeals.services import AppealData, record_appeal, update_appeal
from xxgk.applications.models import Application
from xxgk.backoffice.spreadsheet import wants_xlsx, xlsx_response
from xxgk.errors import DomainError


def _visible(request: HttpRequest):  # noqa: ANN202
    return Appeal.objects.filter(
        agency__in=policy.visible_agencies(request.user, Action.VIEW_APPEALS)
    ).select_related("agency", "application")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """List of reviews and lawsuits. Template: appeals/index.html"""
    if wants_xlsx(request):
        return xlsx_response(
            "行政复议行政诉讼.xlsx",
            "行政复议行政诉讼",
            [
                "机关",
                "类型",
                "复议机关/法院",
                "案号",
                "申请/起诉日期",
                "结果",
                "审结日期",
                "关联申请",
            ],
            (
                (
                    a.agency.name,
                    a.get_route_display(),
                    a.body,
                    a.case_ref,
                    a.filed_on,
                    a.get_result_display(),
                    a.decided_on,
                    a.application.case_number if a.application_id else "",
                )
                for a in _visible(request).select_related("agency", "application")[:10000]
            ),
        )
    can_edit = policy.visible_agencies(request.user, Action.EDIT_APPEALS).exists()
    return render(
        request, "appeals/index.html", {"appeals": _visible(request)[:300], "can_edit": can_edit}
    )


def _data(form: AppealForm) -> AppealData:
    d = form.cleaned_data
    return AppealData(
        route=d["route"],
        body=d["body"],
        filed_on=d["filed_on"],
        description=d["description"],
        case_ref=d["case_ref"],
        decided_on=d["decided_on"],
        result=d["result"],
        review_body_co_defendant=d["review_body_co_defendant"],
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Record a review or lawsuit. Template: appeals/form.html"""
    agencies = list(policy.visible_agencies(request.user, Action.EDIT_APPEALS))
    if not agencies:
        raise Http404
    initial = {}
    if request.GET.get("application"):
        initial["application"] = request.GET["application"]
    form = AppealForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        agency = next(a for a in agencies if str(a.pk) == form.cleaned_data["agency"])
        number = form.cleaned_data["application"].strip()
        application = None
        if number:
            application = Application.objects.filter(agency=agency, case_number=number).first()
            if application is None:
                form.add_error("application", "本机关没有这个申请编号。")
        if not form.errors:
            try:
                appeal = record_appeal(
                    agency=agency, actor=request.user, data=_data(form), application=application
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "已登记。")
                for warning in appeal.warnings:
                    messages.warning(request, warning)
                return redirect(appeal)
    return render(request, "appeals/form.html", {"form": form, "appeal": None})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One appeal; editable by EDIT_APPEALS holders. Template: appeals/form.html"""
    appeal = get_object_or_404(_visible(request), pk=pk)
    can_edit = policy.can(request.user, Action.EDIT_APPEALS, appeal.agency)
    initial = {
        "agency": str(appeal.agency_id),
        "application": appeal.application.case_number if appeal.application else "",
        "route": appeal.route,
        "body": appeal.body,
        "case_ref": appeal.case_ref,
        "description": appeal.description,
        "filed_on": appeal.filed_on,
        "decided_on": appeal.decided_on,
        "result": appeal.result,
        "review_body_co_defendant": appeal.review_body_co_defendant,
    }
    form = AppealForm(request.POST or None, agencies=[appeal.agency], initial=initial)
    form.fields["application"].disabled = True
    form.fields["agency"].disabled = True
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                appeal = update_appeal(appeal, actor=request.user, data=_data(form))
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "已保存。")
                for warning in appeal.warnings:
                    messages.warning(request, warning)
                return redirect(appeal)
    return render(
        request, "appeals/form.html", {"form": form, "appeal": appeal, "can_edit": can_edit}
    )
