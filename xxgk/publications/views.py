"""Staff screens of 主动公开 (thin: validate, call one service, render)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.agencies.models import Agency
from xxgk.approvals import services as approvals
from xxgk.backoffice.spreadsheet import wants_xlsx, xlsx_response
from xxgk.errors import DomainError
from xxgk.publications import exports, services
from xxgk.publications.catalogue import ensure_default_categories
from xxgk.publications.forms import (
    AttachmentForm,
    ChannelRecordForm,
    CommentForm,
    ImportForm,
    PublishForm,
    ReasonForm,
    RevisionForm,
    ValidityForm,
)
from xxgk.publications.models import Publication, PublicationStatus
from xxgk.publications.registers import table1_cells
from xxgk.publications.registers.services import import_register
from xxgk.publications.registers.sheets import SHEETS, template_bytes
from xxgk.publications.stats import publication_stats

S = PublicationStatus


def _visible(request: HttpRequest) -> Any:
    return Publication.objects.filter(
        agency__in=policy.visible_agencies(request.user, Action.VIEW_PUBLICATIONS)
    )


def _publication(request: HttpRequest, pk: int) -> Publication:
    # Another agency's item is a 404, never a 403 that confirms it exists.
    return get_object_or_404(_visible(request).select_related("agency"), pk=pk)


def _agency(request: HttpRequest, code: str, action: Action = Action.VIEW_PUBLICATIONS) -> Agency:
    return get_object_or_404(policy.visible_agencies(request.user, action), code=code)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """List the items of the user's agencies, with filters. Templates: publications/index.html"""
    items = _visible(request).select_related("agency", "latest_revision__category")
    status = request.GET.get("status", "")
    if status in S.values:
        items = items.filter(status=status)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        items = items.filter(latest_revision__title__icontains=q)
    year = request.GET.get("year", "")
    if year.isdigit():
        items = items.filter(published_at__year=int(year))
    if wants_xlsx(request):
        return xlsx_response(
            f"主动公开信息{timezone.localdate():%Y%m%d}.xlsx",
            "主动公开信息",
            ["索引号", "标题", "机关", "类别", "成文日期", "状态", "发布时间", "有效性"],
            (
                (
                    p.index_number,
                    p.latest_revision.title,
                    p.agency.name,
                    p.latest_revision.category.name if p.latest_revision.category else "",
                    p.latest_revision.formed_on,
                    p.get_status_display(),
                    p.published_at,
                    p.get_validity_display(),
                )
                for p in items.order_by("-created_at", "-pk")[:10000]
            ),
        )
    page = Paginator(items.order_by("-created_at", "-pk"), 30).get_page(request.GET.get("page"))
    draft_agencies = policy.visible_agencies(request.user, Action.DRAFT_PUBLICATION)
    return render(
        request,
        "publications/index.html",
        {
            "page": page,
            "statuses": S.choices,
            "status": status,
            "q": q,
            "year": year,
            "draft_agencies": draft_agencies,
            "agencies": policy.visible_agencies(request.user, Action.VIEW_PUBLICATIONS),
        },
    )


@login_required
def create(request: HttpRequest, code: str) -> HttpResponse:
    """New draft in one agency. Templates: publications/form.html"""
    agency = _agency(request, code, Action.DRAFT_PUBLICATION)
    ensure_default_categories(agency)
    form = RevisionForm(request.POST or None, agency=agency, initial={"issuer": agency.name})
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.create_draft(agency, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "草稿已保存。")
            return redirect(publication)
    return render(request, "publications/form.html", {"form": form, "agency": agency})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit = a new revision (restarts a review in progress). Templates: publications/form.html"""
    publication = _publication(request, pk)
    if not policy.can(request.user, Action.DRAFT_PUBLICATION, publication.agency):
        raise Http404
    revision = publication.latest_revision
    initial = {name: getattr(revision, name) for name in services.EDITABLE_FIELDS}
    form = RevisionForm(request.POST or None, agency=publication.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        try:
            if changed:
                services.edit_draft(publication, actor=request.user, **changed)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已保存为新版本。" if changed else "没有修改。")
            return redirect(publication)
    return render(
        request,
        "publications/form.html",
        {"form": form, "agency": publication.agency, "publication": publication},
    )


def _who(publication: Publication) -> dict[str, Any]:
    """谁提供、谁审核、谁上网 of the live (or latest) revision."""
    revision = publication.live_revision or publication.latest_revision
    reviewed = []
    for state in approvals.history(publication):
        if state.revision_id == revision.pk and state.status == "approved":
            reviewed = [s for s in state.step_states.all() if s.status == "approved"]
            break
    return {
        "revision": revision,
        "provided_by": revision.author,
        "provided_at": revision.created_at,
        "reviewed": reviewed,
        "published_by": publication.published_by,
        "published_at": publication.published_at,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The item: metadata, revisions, review history, 谁提供/谁审核/谁上网, channels, actions.

    Templates: publications/detail.html
    """
    publication = _publication(request, pk)
    agency = publication.agency
    user = request.user
    state = approvals.active_state(publication)
    open_step = state.current_step_state() if state else None
    can_draft = (
        policy.can(user, Action.DRAFT_PUBLICATION, agency) and publication.status != S.WITHDRAWN
    )
    can_publish = policy.can(user, Action.PUBLISH_PUBLICATION, agency)
    latest_approved = approvals.is_approved(publication, publication.latest_revision)
    actions = {
        "edit": can_draft,
        "submit": can_draft
        and (state is None or state.status == "needs_changes")
        and (
            publication.status == S.DRAFT
            or (publication.status == S.PUBLISHED and publication.has_unpublished_changes)
        ),
        "decide": open_step is not None and approvals.can_decide(user, open_step),
        "publish": can_publish and publication.status in (S.APPROVED, S.SCHEDULED),
        "correct": can_publish
        and publication.status == S.PUBLISHED
        and publication.has_unpublished_changes
        and latest_approved,
        "withdraw": policy.can(user, Action.WITHDRAW_PUBLICATION, agency)
        and publication.status == S.PUBLISHED,
        "validity": can_publish and publication.status == S.PUBLISHED,
        "channel": can_publish and publication.published_at is not None,
    }
    return render(
        request,
        "publications/detail.html",
        {
            "publication": publication,
            "revisions": publication.revisions.select_related("author", "category").order_by(
                "-number"
            ),
            "history": approvals.history(publication),
            "open_step": open_step,
            "who": _who(publication),
            "channel_records": publication.channel_records.select_related("channel", "recorded_by"),
            "events": publication.events.select_related("actor"),
            "actions": actions,
            "comment_form": CommentForm(),
            "reason_form": ReasonForm(),
            "publish_form": PublishForm(agency=agency),
            "channel_form": ChannelRecordForm(
                agency=agency, initial={"appeared_on": timezone.localdate()}
            ),
            "validity_form": ValidityForm(initial={"validity": publication.validity}),
            "attachment_form": AttachmentForm(),
            "today": timezone.localdate(),
        },
    )


def _run(
    request: HttpRequest, publication: Publication, call: Callable[[], Any], ok: str
) -> HttpResponse:
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        # Say where the item went next: never a submission that silently waits for nobody.
        messages.success(request, ok + approvals.where_it_waits(publication))
    return redirect(publication)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    """One POST endpoint per action; each calls exactly one service."""
    publication = _publication(request, pk)
    user = request.user
    post = request.POST
    if verb == "submit":
        return _run(
            request,
            publication,
            lambda: services.submit_for_review(publication, actor=user),
            "已提交审核。",
        )
    if verb in ("approve", "reject"):
        comment = post.get("comment", "")
        if verb == "approve":
            return _run(
                request,
                publication,
                lambda: services.approve_revision(publication, actor=user, comment=comment),
                "已审核同意。",
            )
        return _run(
            request,
            publication,
            lambda: services.reject_revision(publication, actor=user, comment=comment),
            "已退回承办人修改。",
        )
    if verb == "publish":
        form = PublishForm(post, agency=publication.agency)
        if not form.is_valid():
            messages.error(request, "发布时间或渠道无效。")
            return redirect(publication)
        data = form.cleaned_data
        return _run(
            request,
            publication,
            lambda: services.publish(
                publication,
                actor=user,
                go_live_at=data["go_live_at"],
                channels=list(data["channels"]),
            ),
            "已发布。" if not data["go_live_at"] else "已设定定时发布。",
        )
    if verb == "correct":
        return _run(
            request,
            publication,
            lambda: services.publish_correction(publication, actor=user),
            "更正版本已上线。",
        )
    if verb == "withdraw":
        return _run(
            request,
            publication,
            lambda: services.withdraw(publication, actor=user, reason=post.get("reason", "")),
            "已撤回。",
        )
    if verb == "validity":
        return _run(
            request,
            publication,
            lambda: services.set_validity(
                publication, actor=user, validity=post.get("validity", "")
            ),
            "有效性已更新。",
        )
    if verb == "channel":
        form = ChannelRecordForm(post, agency=publication.agency)
        if not form.is_valid():
            messages.error(request, "请选择渠道并填写发布日期。")
            return redirect(publication)
        d = form.cleaned_data
        return _run(
            request,
            publication,
            lambda: services.record_channel(
                publication, d["channel"], actor=user, appeared_on=d["appeared_on"], note=d["note"]
            ),
            "渠道发布已登记。",
        )
    if verb == "attach":
        form = AttachmentForm(post, request.FILES)
        if not form.is_valid():
            messages.error(request, "请选择要上传的文件。")
            return redirect(publication)
        upload = form.cleaned_data["file"]
        data_bytes = upload.read()
        return _run(
            request,
            publication,
            lambda: services.add_attachment(
                publication, services.Upload(upload.name, data_bytes), actor=user
            ),
            "附件已上传。",
        )
    raise Http404


@login_required
def notice(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Printable A4 notice (PDF/DOCX) with a QR code, for 政务公开栏 and handouts."""
    publication = _publication(request, pk)
    if publication.live_revision is None or fmt not in ("pdf", "docx"):
        raise Http404
    data = exports.notice_bytes(publication, fmt)
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="notice-{publication.pk}.{fmt}"'
    return response


@login_required
def feed(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """Atom/RSS feed of the agency's live items (staff export)."""
    agency = _agency(request, code)
    if kind not in ("atom", "rss"):
        raise Http404
    content_type = "application/atom+xml" if kind == "atom" else "application/rss+xml"
    return HttpResponse(
        exports.feed_bytes(agency, kind), content_type=f"{content_type}; charset=utf-8"
    )


@login_required
def export_json(request: HttpRequest, code: str) -> HttpResponse:
    """JSON export for upload to external platforms (staff download)."""
    agency = _agency(request, code)
    year = request.GET.get("year", "")
    data = exports.json_export(agency, int(year) if year.isdigit() else None)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-publications.json"'
    return response


@login_required
def registers(request: HttpRequest, code: str) -> HttpResponse:
    """Registers: import from the XLSX templates, table-1 preview. Templates: publications/registers.html"""
    agency = _agency(request, code)
    can_edit = policy.can(request.user, Action.EDIT_REGISTERS, agency)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                count = import_register(
                    agency,
                    form.cleaned_data["kind"],
                    form.cleaned_data["file"].read(),
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已导入{count}行。")
                return redirect("publications:registers", code=agency.code)
    year_raw = request.GET.get("year", "")
    year = (
        int(year_raw)
        if year_raw.isdigit() and 1990 <= int(year_raw) <= 2100
        else timezone.localdate().year - 1
    )
    return render(
        request,
        "publications/registers.html",
        {
            "agency": agency,
            "form": form,
            "can_edit": can_edit,
            "sheets": SHEETS,
            "year": year,
            "cells_2019": table1_cells(agency, year, "2019"),
            "cells_2021": table1_cells(agency, year, "2021"),
            "stats": publication_stats(agency, year),
        },
    )


@login_required
def register_template(request: HttpRequest, kind: str) -> HttpResponse:
    """Download the XLSX template of a register."""
    if kind not in SHEETS:
        raise Http404
    response = HttpResponse(
        template_bytes(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="register-{kind}.xlsx"'
    return response
