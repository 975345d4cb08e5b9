"""The index of agencies and each agency's column: home, 指南, 制度, 年报."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from xxgk.agencies.models import Agency
from xxgk.lib.deadlines import ClockRules
from xxgk.portal import articles, queries, reports
from xxgk.portal.pagecache import public_page


def active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """Index of agencies as a tree under their region. Templates: portal/home.html"""
    agencies = list(Agency.objects.active().order_by("path"))
    return render(request, "portal/home.html", {"agencies": agencies})


@public_page
def agency(request: HttpRequest, agency: str) -> HttpResponse:
    """One agency's column. Templates: portal/agency.html"""
    obj = active_agency(agency)
    latest = list(queries.public_list(obj)[:10])
    children = list(Agency.objects.active().filter(parent=obj).order_by("name"))
    return render(
        request,
        "portal/agency.html",
        {"agency": obj, "latest": latest, "children": children, "section": "home"},
    )


@public_page
def guide(request: HttpRequest, agency: str) -> HttpResponse:
    """政府信息公开指南 generated from the configuration (条例 Art. 12). Printable."""
    obj = active_agency(agency)
    return render(
        request,
        "portal/guide.html",
        {
            "agency": obj,
            "tree": [
                (c, depth, articles.item_reference(c.item_code))
                for c, depth in queries.category_tree(obj)
            ],
            "rules": ClockRules(),
            "section": "guide",
        },
    )


@public_page
def rules(request: HttpRequest, agency: str) -> HttpResponse:
    """政府信息公开制度: the agency's own rules plus the national ones."""
    obj = active_agency(agency)
    category = queries.special_category(obj, articles.RULES_ITEM_CODE, "制度")
    items = []
    if category is not None:
        ids = queries.descendant_ids(obj, category)
        items = list(queries.public_publications(obj).filter(live_revision__category_id__in=ids))
    return render(
        request,
        "portal/rules.html",
        {
            "agency": obj,
            "items": items,
            "national": articles.national_rules(),
            "section": "rules",
        },
    )


@public_page
def annual_reports(request: HttpRequest, agency: str) -> HttpResponse:
    """政府信息公开年报, listed by year (see xxgk/portal/reports.py)."""
    obj = active_agency(agency)
    return render(
        request,
        "portal/reports.html",
        {"agency": obj, "reports": reports.published_reports(obj), "section": "reports"},
    )
