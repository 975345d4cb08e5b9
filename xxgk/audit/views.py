"""The agency's audit trail in the back office: filter, page, export (read-only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.audit import export, queries

PAGE_SIZE = 50
EXPORT_LIMIT = 50_000  # one export stays a bounded request; narrow the filter for more


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    """Audit rows of the user's agencies. Template: audit/trail.html"""
    agencies = list(policy.visible_agencies(request.user, Action.VIEW_AUDIT_TRAIL))
    if not agencies and not request.user.is_superuser:
        raise Http404
    chosen, problems = queries.TrailFilter.from_query(request.GET)
    rows = chosen.apply(queries.readable(request.user)).order_by("-seq")
    wanted = request.GET.get("format", "")
    if wanted in ("csv", "xlsx"):
        records = rows[:EXPORT_LIMIT]
        stamp = timezone.localdate().isoformat()
        if wanted == "csv":
            body, kind = export.to_csv(records), "text/csv; charset=utf-8"
        else:
            body = export.to_xlsx(records)
            kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{wanted}"'
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = (
        queries.readable(request.user)
        .values_list("action", flat=True)
        .distinct()
        .order_by("action")
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "audit/trail.html",
        {
            "page": page,
            "agencies": agencies,
            "actions": list(actions),
            "chosen": chosen,
            "problems": problems,
            "query": query.urlencode(),
        },
    )
