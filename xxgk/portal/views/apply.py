"""依申请公开: the online application, its receipt, tracking and the deadline calculator.

Every submission goes through the case desk's `submit_application` (same rules, same
clock as the counter). Anti-abuse without external services: a signed single-use
arithmetic challenge plus cache rate limits per IP and per applicant identity.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xxgk.applications.models import Application, Channel, Letter
from xxgk.applications.services import (
    find_by_tracking_code,
    public_status,
    submit_amendment_online,
    submit_application,
)
from xxgk.applications.services.intake import applicant_key
from xxgk.errors import DomainError
from xxgk.lib.deadlines import Pause, compute_deadline
from xxgk.portal import captcha, ratelimit
from xxgk.portal.forms import AmendmentForm, ApplicationForm, DeadlineForm, TrackForm
from xxgk.portal.views.column import active_agency
from xxgk.workcalendar.services import db_calendar

RECEIPTS = "xxgk_portal_receipts"
TRACKED = "xxgk_portal_tracked"
IDEMPOTENCY_PREFIX = "web:"


def _remember(request: HttpRequest, key: str, application_id: int) -> None:
    ids = [i for i in request.session.get(key, []) if i != application_id][-19:]
    request.session[key] = ids + [application_id]


def _render_form(
    request: HttpRequest, agency: object, form: ApplicationForm, status: int = 200
) -> HttpResponse:
    challenge = captcha.new_challenge()
    form.ask(challenge)
    return render(
        request,
        "portal/apply.html",
        {
            "agency": agency,
            "form": form,
            "challenge": challenge,
            "form_token": form.data.get("form_token") or secrets.token_urlsafe(24),
            "section": "apply",
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency: str) -> HttpResponse:
    """The online application form. Templates: portal/apply.html"""
    obj = active_agency(agency)
    if request.method == "GET":
        return _render_form(request, obj, ApplicationForm())
    token = (request.POST.get("form_token") or "").strip()[:64]
    key = IDEMPOTENCY_PREFIX + token if len(token) >= 16 else None
    if key is not None:
        # A double click or a retry of a form already accepted: show the same receipt.
        done = Application.objects.filter(agency=obj, idempotency_key=key).first()
        if done is not None:
            _remember(request, RECEIPTS, done.pk)
            return redirect("portal:receipt", agency=obj.code, pk=done.pk)
    form = ApplicationForm(request.POST)
    if ratelimit.hit("apply_ip", ratelimit.client_ip(request)):
        form.is_valid()
        form.add_error(None, "提交过于频繁，请稍后再试，或通过信函、当面等方式提出申请。")
        return _render_form(request, obj, form, status=429)
    problem = captcha.verify(
        request.POST.get("captcha_token", ""), request.POST.get("captcha_answer", "")
    )
    valid = form.is_valid()
    if problem:
        form.add_error("captcha_answer", problem)
    if not valid or problem:
        return _render_form(request, obj, form, status=400)
    applicant = form.applicant()
    if ratelimit.hit("apply_applicant", applicant_key(applicant)):
        form.add_error(None, "同一申请人提交过于频繁，请稍后再试。")
        return _render_form(request, obj, form, status=429)
    try:
        application = submit_application(
            agency=obj,
            actor=None,
            channel=Channel.ONLINE,
            received_on=timezone.localdate(),
            applicant=applicant,
            request=form.request_data(),
            idempotency_key=key,
        )
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _render_form(request, obj, form, status=400)
    if applicant.email:
        _send_confirmation(request, application, applicant.email)
    _remember(request, RECEIPTS, application.pk)
    return redirect("portal:receipt", agency=obj.code, pk=application.pk)


def _send_confirmation(request: HttpRequest, application: Application, email: str) -> None:
    """E-mail the receipt after the case is committed (never for a rolled-back case)."""
    status = public_status(application)
    body = render_to_string(
        "portal/email_receipt.txt",
        {
            "status": status,
            "tracking_code": application.tracking_code,
            "track_url": request.build_absolute_uri(reverse("portal:track")),
        },
    )
    subject = (
        f"【{application.agency.name}】已收到您的政府信息公开申请（{application.case_number}）"
    )
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
    )


@never_cache
def receipt(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """The receipt: only in the browser session that submitted the application."""
    if pk not in request.session.get(RECEIPTS, []):
        raise Http404("未找到")
    application = get_object_or_404(
        Application.objects.select_related("agency"), pk=pk, agency__code=agency
    )
    return render(
        request,
        "portal/receipt.html",
        {
            "agency": application.agency,
            "status": public_status(application),
            "tracking_code": application.tracking_code,
            "section": "apply",
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Status by tracking code. A wrong code and a throttled client see the same page."""
    if request.method == "GET":
        return render(request, "portal/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/track.html", {"form": form}, status=400)
    if ratelimit.hit("track_ip", ratelimit.client_ip(request)):
        return render(request, "portal/track_not_found.html", {"throttled": True}, status=429)
    application = find_by_tracking_code(form.cleaned_data["code"])
    if application is None:
        return render(request, "portal/track_not_found.html", {}, status=404)
    _remember(request, TRACKED, application.pk)
    return render(
        request,
        "portal/track_result.html",
        {
            "status": public_status(application),
            "agency_obj": application.agency,
            "application_id": application.pk,
        },
    )


@never_cache
@require_http_methods(["POST"])
def amend(request: HttpRequest, application_id: int) -> HttpResponse:
    """The applicant's 补正, for a case tracked in this browser session (code already shown)."""
    if application_id not in request.session.get(TRACKED, []):
        raise Http404("未找到")
    application = get_object_or_404(Application.objects.select_related("agency"), pk=application_id)
    form = AmendmentForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        try:
            application = submit_amendment_online(
                application,
                text=form.cleaned_data["text"],
                uploads=form.cleaned_data["files"],
                on=timezone.localdate(),
            )
        except DomainError as exc:
            error = exc.message
        else:
            application.refresh_from_db()
            return render(
                request,
                "portal/track_result.html",
                {
                    "status": public_status(application),
                    "agency_obj": application.agency,
                    "application_id": application.pk,
                    "notice": "补正已提交。答复期限自收到补正之日起重新计算，见下方。",
                },
            )
    return render(
        request,
        "portal/track_result.html",
        {
            "status": public_status(application),
            "agency_obj": application.agency,
            "application_id": application.pk,
            "amend_form": form,
            "amend_error": error,
        },
        status=400,
    )


@never_cache
def letter_download(request: HttpRequest, letter_id: int, fmt: str) -> HttpResponse:
    """A letter addressed to the applicant, for a case tracked in this browser session."""
    from xxgk.applications.letters.render import build

    letter = get_object_or_404(
        Letter.objects.select_related("application__agency"), pk=letter_id, to_applicant=True
    )
    if letter.application_id not in request.session.get(TRACKED, []):
        raise Http404("未找到")
    content = build(letter, fmt)
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(content, content_type=content_type)
    filename = f"{letter.number}.{fmt}".replace("/", "-")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response


def deadline(request: HttpRequest) -> HttpResponse:
    """Public calculator: how a reply due date is computed (Art. 30, 31, 33; 调休)."""
    form = DeadlineForm(request.GET or None)
    result = None
    error = ""
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        pauses = []
        if d.get("pause_start") and d.get("pause_end"):
            pauses.append(Pause(d["pause_start"], d["pause_end"], note="征求意见或缴费等"))
        try:
            result = compute_deadline(
                d["received"],
                amended=d.get("amended"),
                pauses=pauses,
                extension_days=d.get("extension_days") or 0,
                calendar=db_calendar(),
            )
        except ValueError as exc:
            error = str(exc)
    return render(request, "portal/deadline.html", {"form": form, "result": result, "error": error})


def text_size(request: HttpRequest) -> HttpResponse:
    """No-JS fallback of the 大字版 toggle: set the cookie and go back."""
    from django.utils.http import url_has_allowed_host_and_scheme

    size = "large" if request.GET.get("size") == "large" else "normal"
    target = request.GET.get("next") or reverse("portal:home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("portal:home")
    response = redirect(target)
    response.set_cookie("xxgk_text", size, max_age=365 * 24 * 3600, samesite="Lax")
    return response


__all__ = ["amend", "apply", "deadline", "letter_download", "receipt", "text_size", "track"]
