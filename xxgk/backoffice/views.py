"""The staff shell: login, dashboard, agencies visible to the user, error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from xxgk.accounts import policy
from xxgk.accounts.models import Membership, Role
from xxgk.agencies.models import Agency
from xxgk.backoffice.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show the user's agencies and roles, and what each module has waiting for them.

    Templates: backoffice/dashboard.html
    """
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("agency")
        .order_by("agency__path", "role")
    )
    by_agency: dict[int, dict[str, object]] = {}
    for m in memberships:
        entry = by_agency.setdefault(m.agency_id, {"agency": m.agency, "roles": []})
        entry["roles"].append(Role(m.role).label)  # type: ignore[union-attr]
    supervised = policy.visible_agencies(request.user).exclude(
        pk__in=[m.agency_id for m in memberships if m.role != Role.SUPERVISOR]
    )
    panels = []
    for loader in DASHBOARD_PANELS:
        panel = loader(request)
        if panel:
            panels.append(panel)
    return render(
        request,
        "backoffice/dashboard.html",
        {"agencies": list(by_agency.values()), "supervised": supervised, "panels": panels},
    )


# Apps append callables (request) -> dict | None giving a dashboard panel:
# {"title": str, "items": [{"text": str, "url": str, "badge": str}], "empty": str}
DASHBOARD_PANELS: list = []


@login_required
def agencies(request: HttpRequest) -> HttpResponse:
    """List the agencies the user may see. Templates: backoffice/agencies.html"""
    visible = policy.visible_agencies(request.user).select_related("parent")
    return render(request, "backoffice/agencies.html", {"agencies": visible})


@login_required
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One agency's configuration, or 404 when the user may not see it."""
    agency = get_object_or_404(policy.visible_agencies(request.user), code=code)
    members = (
        Membership.objects.filter(agency=agency).select_related("user").order_by("role")
        if policy.can(request.user, policy.Action.MANAGE_USERS, agency)
        else None
    )
    return render(
        request,
        "backoffice/agency_detail.html",
        {
            "agency": agency,
            "members": members,
            "children": Agency.objects.filter(parent=agency),
            "can_manage": policy.can(request.user, policy.Action.MANAGE_AGENCY, agency),
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    # The API answers in JSON even when Django (not DRF) produces the error response.
    return request.path.startswith("/api/")


def _error(request: HttpRequest, status: int, template: str, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"detail": message}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, template, {"message": message}, status=status)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Bad requests Django refuses before a view runs; an oversized body is a 413."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = f"提交的内容过大（不超过{limit}MB），请删减后重新提交。"
        return _error(request, 413, "413.html", message)
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return _error(request, 400, "400.html", "提交的项目过多，请检查后重新提交。")
    return _error(request, 400, "400.html", "请求无效，请检查填写的内容后重新提交。")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"detail": "没有权限。"}, status=403, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"detail": "未找到。"}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"detail": "服务器内部错误，请稍后再试。"},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "500.html", status=500)
