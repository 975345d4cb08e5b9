"""Staff screens of the case desk: inbox, intake, case page, actions, letters, attachments."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications import forms as f
from xxgk.applications import services as s
from xxgk.applications.letters.render import build
from xxgk.applications.masking import masked_contact
from xxgk.applications.models import Application, Letter
from xxgk.applications.models.choices import OPEN_STATUSES, RECEIPT_DATE_HELP
from xxgk.applications.similarity import duplicate_candidates
from xxgk.applications.views.actions import (
    BY_NAME,
    allowed_actions,
    deliverable_consultations,
    overridable_consultations,
)
from xxgk.backoffice.spreadsheet import wants_xlsx, xlsx_response
from xxgk.errors import DomainError


def visible_cases(request: HttpRequest) -> QuerySet[Application]:
    return Application.objects.filter(
        agency__in=policy.visible_agencies(request.user, Action.VIEW_APPLICATIONS)
    ).select_related("agency")


def get_case(request: HttpRequest, pk: int) -> Application:
    """Return the case, or 404 when it is not in an agency the user may see."""
    return get_object_or_404(visible_cases(request), pk=pk)


def due_badge(application: Application, today: object, soon: object) -> str:
    if not application.is_open or application.due_date is None:
        return ""
    if application.due_date < today:  # type: ignore[operator]
        return "overdue"
    if application.due_date <= soon:  # type: ignore[operator]
        return "due-soon"
    return ""


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Inbox by status, due-soon (≤ 5 working days) and overdue highlighted. Template: applications/index.html"""
    form = f.InboxFilterForm(request.GET or None)
    cases = visible_cases(request)
    today = timezone.localdate()
    soon = clock.due_soon_cutoff(today)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status = data.get("status", "")
    if status == "":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        cases = cases.filter(status=status)
    if data.get("due") == "overdue":
        cases = cases.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif data.get("due") == "soon":
        cases = cases.filter(status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=soon)
    if data.get("q"):
        cases = cases.filter(
            Q(case_number__icontains=data["q"]) | Q(information_title__icontains=data["q"])
        )
    if data.get("year"):
        cases = cases.filter(received_on__year=data["year"])
    cases = cases.order_by("due_date", "-received_on", "-id")
    if wants_xlsx(request):
        return xlsx_response(
            f"依申请公开办件{today:%Y%m%d}.xlsx",
            "依申请公开办件",
            [
                "申请编号",
                "机关",
                "所需信息",
                "申请人类型",
                "收到申请之日",
                "答复期限",
                "状态",
                "办结日期",
                "办理结果",
            ],
            (
                (
                    c.case_number,
                    c.agency.name,
                    c.information_title,
                    c.get_applicant_kind_display(),
                    c.received_on,
                    c.due_date,
                    c.get_status_display(),
                    c.closed_on,
                    c.get_outcome_display() if c.outcome else "",
                )
                for c in cases.select_related("agency")[:10000]
            ),
        )
    cases = cases[:300]
    rows = [{"case": c, "badge": due_badge(c, today, soon)} for c in cases]
    can_intake = policy.visible_agencies(request.user, Action.HANDLE_APPLICATION).exists()
    # Art. 31: online submissions waiting for the office's confirmation, with their age.
    waiting = [
        {"case": c, "age": c.age_days(today)}
        for c in Application.objects.filter(
            agency__in=policy.visible_agencies(request.user, Action.HANDLE_APPLICATION)
        )
        .awaiting_confirmation()
        .select_related("agency")[:200]
    ]
    return render(
        request,
        "applications/index.html",
        {
            "form": form,
            "rows": rows,
            "can_intake": can_intake,
            "waiting": waiting,
            "today": today,
            "table_agencies": policy.visible_agencies(request.user, Action.VIEW_APPLICATIONS),
            "template_agencies": policy.visible_agencies(
                request.user, Action.EDIT_LETTER_TEMPLATES
            ),
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Confirm one or several 待确认 online submissions (Art. 31); one date for all."""
    form = f.ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的确认日期并选择要确认的申请。")
        return redirect("applications:index")
    ids = [int(i) for i in request.POST.getlist("ids") if str(i).isdigit()]
    cases = list(
        Application.objects.filter(
            pk__in=ids,
            agency__in=policy.visible_agencies(request.user, Action.HANDLE_APPLICATION),
        ).order_by("pk")
    )
    if not ids or len(cases) != len(set(ids)):
        messages.error(request, "请选择要确认的申请（只能确认本机关的申请）。")
        return redirect("applications:index")
    try:
        done = s.confirm_applications(
            cases, actor=request.user, confirmed_on=form.cleaned_data["confirmed_on"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:index")
    messages.success(
        request, f"已确认 {len(done)} 件申请，答复期限自确认之日起算，并已出具接收回执。"
    )
    return redirect("applications:index")


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Register an application received on any channel. Template: applications/intake.html"""
    agencies = list(policy.visible_agencies(request.user, Action.HANDLE_APPLICATION))
    if not agencies:
        raise Http404
    form = f.IntakeForm(
        request.POST or None,
        agencies=agencies,
        initial={"received_on": timezone.localdate(), "idempotency_key": uuid.uuid4().hex},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        agency = next(a for a in agencies if str(a.pk) == d["agency"])
        try:
            application = s.submit_application(
                agency=agency,
                actor=request.user,
                channel=d["channel"],
                received_on=d["received_on"],
                applicant=s.ApplicantData(
                    kind=d["applicant_kind"],
                    name=d["applicant_name"],
                    organisation_name=d["organisation_name"],
                    credit_code=d["credit_code"],
                    legal_representative=d["legal_representative"],
                    contact_person=d["contact_person"],
                    id_type=d["id_type"],
                    id_number=d["id_number"],
                    phone=d["phone"],
                    email=d["email"],
                    address=d["address"],
                    postcode=d["postcode"],
                ),
                request=s.RequestData(
                    title=d["title"],
                    description=d["description"],
                    document_number=d["document_number"],
                    index_number=d["index_number"],
                    requested_form=d["requested_form"],
                    delivery=d["delivery"],
                ),
                idempotency_key=d["idempotency_key"] or None,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记申请 {application.case_number}，并生成回执。")
            return redirect(application)
    return render(
        request,
        "applications/intake.html",
        {"form": form, "receipt_help": [(c.label, h) for c, h in RECEIPT_DATE_HELP.items()]},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page: data, clock explanation, timeline, letters and allowed actions."""
    application = get_case(request, pk)
    full = policy.can(request.user, Action.VIEW_APPLICANT_PERSONAL_DATA, application.agency)
    open_consultations = application.consultations.filter(answer="")
    # Actions on one consultation: the page offers the consultations they apply to as radios.
    pickers = {
        "consult_reply": open_consultations,
        "consult_delivered": deliverable_consultations(application),
        "override": overridable_consultations(application),
    }
    actions = []
    for action in allowed_actions(application, request.user):
        form = action.form(prefix=action.name)
        actions.append({"action": action, "form": form, "consultations": pickers.get(action.name)})
    handler = policy.can(request.user, Action.HANDLE_APPLICATION, application.agency)
    return render(
        request,
        "applications/detail.html",
        {
            "case": application,
            "contact": masked_contact(application, full=full),
            "full": full,
            "actions": actions,
            "events": application.events.select_related("actor"),
            "letters": application.letters.all(),
            "attachments": application.attachments.all(),
            "amendments": application.amendments.all(),
            "consultations": application.consultations.all(),
            "open_consultations": open_consultations,
            "extension": getattr(application, "extension", None),
            "fee": getattr(application, "fee", None),
            "reasons_request": getattr(application, "reasons_request", None),
            "appeals": application.appeals.all(),
            "duplicates": duplicate_candidates(application) if application.is_open else [],
            "handler": handler,
            "can_record_appeal": policy.can(request.user, Action.EDIT_APPEALS, application.agency),
            "attachment_form": f.AttachmentForm() if handler else None,
            "badge": due_badge(
                application, timezone.localdate(), clock.due_soon_cutoff(timezone.localdate())
            ),
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Run one action of the case page through its service."""
    application = get_case(request, pk)
    action = BY_NAME.get(name)
    if action is None:
        raise Http404
    if not policy.can(request.user, action.permission, application.agency):
        raise HttpForbidden
    form = action.form(request.POST, prefix=name)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{action.label}：{label + '：' if label else ''}{error}")
        return redirect(application)
    try:
        action.run(application, request.user, form.cleaned_data)
    except (DomainError, Application.DoesNotExist) as exc:
        messages.error(request, f"{action.label}：{getattr(exc, 'message', '记录不存在。')}")
    else:
        messages.success(request, f"已完成：{action.label}。")
    return redirect(application)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request, pk)
    form = f.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"上传附件：{error}")
        return redirect(application)
    try:
        s.add_attachment(application, actor=request.user, upload=form.cleaned_data["file"])
    except DomainError as exc:
        messages.error(request, f"上传附件：{exc.message}")
    else:
        messages.success(request, "已添加附件。")
    return redirect(application)


@login_required
def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    application = get_case(request, pk)
    if not policy.can(request.user, Action.VIEW_APPLICANT_PERSONAL_DATA, application.agency):
        # Attachments hold identity documents: only case handlers may open them.
        raise Http404
    item = get_object_or_404(application.attachments, pk=attachment_id)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@login_required
def letter(request: HttpRequest, pk: int, letter_id: int, fmt: str) -> HttpResponse:
    """Download a letter as DOCX or PDF (rendered from the stored text)."""
    application = get_case(request, pk)
    item: Letter = get_object_or_404(application.letters, pk=letter_id)
    content = build(item, fmt)
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(content, content_type=content_type)
    filename = f"{item.number}-{item.title}.{fmt}"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
