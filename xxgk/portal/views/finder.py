"""全文检索 page: Chinese full-text search with filters and highlighted hits."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from xxgk.agencies.models import Agency
from xxgk.portal import finder, queries
from xxgk.portal.pagecache import public_page
from xxgk.publications.models import Validity


@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    """Templates: portal/search.html"""
    filters, errors = finder.parse(request.GET.dict())
    results = None
    if filters.q or filters.agency or filters.year or filters.category_id or filters.validity:
        results = finder.public_search(filters)
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    categories = queries.category_tree(filters.agency) if filters.agency else []
    years = list(range(_this_year(), _this_year() - 15, -1))
    return render(
        request,
        "portal/search.html",
        {
            "filters": filters,
            "errors": errors,
            "results": results,
            "agencies": Agency.objects.active().order_by("path"),
            "categories": categories,
            "years": years,
            "validities": Validity.choices,
            "query_prefix": urlencode(params) + "&" if params else "",
        },
    )


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year
