"""Letter templates per agency, and the list of records that would make a wrong table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render.html import render_tables_fragment
from xxgk.annual_reports.schema import FORMATS, format_for_year
from xxgk.applications import forms as f
from xxgk.applications import services as s
from xxgk.applications.letters.defaults import PLACEHOLDERS
from xxgk.applications.letters.render import template_text
from xxgk.applications.models import LetterKind, LetterTemplate
from xxgk.applications.tables import application_tables, data_problems
from xxgk.errors import DomainError


@login_required
def templates(request: HttpRequest, code: str) -> HttpResponse:
    """Edit the agency's letter templates. Template: applications/templates.html"""
    agency = get_object_or_404(
        policy.visible_agencies(request.user, Action.EDIT_LETTER_TEMPLATES), code=code
    )
    kind = request.GET.get("kind", LetterKind.RECEIPT)
    outcome = request.GET.get("outcome", "")
    if kind not in LetterKind.values:
        kind = LetterKind.RECEIPT
    title, body = template_text(agency, kind, outcome if kind == LetterKind.REPLY else "")
    form = f.TemplateForm(
        request.POST or None,
        initial={"kind": kind, "outcome": outcome, "title": title, "body": body},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s.save_letter_template(
                agency=agency,
                actor=request.user,
                kind=d["kind"],
                outcome=d["outcome"],
                title=d["title"],
                body=d["body"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "模板已保存。")
            return redirect(f"{request.path}?kind={d['kind']}&outcome={d['outcome']}")
    return render(
        request,
        "applications/templates.html",
        {
            "agency": agency,
            "form": form,
            "placeholders": PLACEHOLDERS.items(),
            "custom": LetterTemplate.objects.filter(agency=agency).order_by("kind", "outcome"),
        },
    )


@login_required
def tables(request: HttpRequest, code: str) -> HttpResponse:
    """Tables 2 and 3 of an agency-year as computed from the cases, and data problems."""
    agency = get_object_or_404(
        policy.visible_agencies(request.user, Action.VIEW_APPLICATIONS), code=code
    )
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    cells = application_tables(agency, year)
    # The statutory tables in the report's own layout and labels (the renderer escapes).
    fmt = format_for_year(year)
    report = ReportData(
        agency.name,
        year,
        fmt,
        cells={
            c: cells.get(c, 0) for c in FORMATS[fmt].all_codes() if c.startswith(("t2.", "t3."))
        },
    )
    return render(
        request,
        "applications/tables.html",
        {
            "agency": agency,
            "year": year,
            "format": fmt,
            "tables": mark_safe(render_tables_fragment(report, ("t2", "t3"))),  # noqa: S308
            "problems": data_problems(agency, year),
        },
    )
