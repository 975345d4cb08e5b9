"""Staff screens of the review chain: the inbox and the chain configuration (系统管理员)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.models import Role
from xxgk.approvals import services
from xxgk.approvals.models import WorkflowKind
from xxgk.approvals.services import REVIEWER_ROLES, StepSpec
from xxgk.errors import DomainError

MAX_STEPS = 8


def _object_url(step_state: Any) -> str:
    obj = step_state.workflow_state.content_object
    return obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Steps waiting for the user's roles, earliest due first. Templates: approvals/inbox.html"""
    today = timezone.localdate()
    rows = [
        {
            "step": s,
            "object": s.workflow_state.content_object,
            "url": _object_url(s),
            "overdue": s.is_overdue(today),
        }
        for s in services.inbox(request.user)
    ]
    return render(request, "approvals/inbox.html", {"rows": rows, "today": today})


def dashboard_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The "待我审核" panel of the back-office dashboard."""
    steps = services.inbox(request.user)
    today = timezone.localdate()
    return {
        "title": "待我审核",
        "items": [
            {
                "text": f"{s.workflow_state.content_object} · {s.step_name}",
                "url": _object_url(s) or reverse("approvals:inbox"),
                "badge": "已超期"
                if s.is_overdue(today)
                else f"{s.due_on:%m-%d}前"
                if s.due_on
                else "",
            }
            for s in steps[:10]
        ],
        "empty": "没有待您审核的事项。",
    }


@login_required
def configure(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """Edit an agency's chain (系统管理员 only). Templates: approvals/configure.html"""
    agency = get_object_or_404(
        policy.visible_agencies(request.user, policy.Action.CONFIGURE_WORKFLOW), code=code
    )
    if kind not in WorkflowKind.values:
        raise Http404
    workflow = services.get_workflow(agency, kind)
    error = ""
    if request.method == "POST":
        specs = []
        for i in range(MAX_STEPS):
            name = request.POST.get(f"name-{i}", "").strip()
            if not name:
                continue
            role = request.POST.get(f"role-{i}", "")
            days = request.POST.get(f"days-{i}", "")
            alternate = request.POST.get(f"alternate-{i}", "")
            if role not in Role.values or not days.isdigit() or alternate not in ["", *Role.values]:
                error = f"第{i + 1}行的角色或办理时限无效。"
                break
            specs.append(
                StepSpec(
                    name,
                    Role(role),
                    int(days),
                    is_secrecy_review=bool(request.POST.get(f"secrecy-{i}")),
                    alternate_role=alternate,
                )
            )
        if not error:
            try:
                services.configure_workflow(agency, kind, specs, actor=request.user)
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(request, "审核流程已保存并记入配置日志。")
                return redirect("approvals:configure", code=code, kind=kind)
    steps = workflow.ordered_steps()
    slots = list(steps) + [None] * (MAX_STEPS - len(steps))
    return render(
        request,
        "approvals/configure.html",
        {
            "agency": agency,
            "workflow": workflow,
            "slots": slots,
            "roles": [(r.value, r.label) for r in Role if r in REVIEWER_ROLES],
            "error": error,
        },
    )
