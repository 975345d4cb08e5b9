"""Public pages: the index of agencies and each agency's 政府信息公开专栏."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from xxgk.agencies.models import Agency


def home(request: HttpRequest) -> HttpResponse:
    """Index of agencies by region. Templates: portal/home.html"""
    agencies = Agency.objects.active().select_related("parent")
    return render(request, "portal/home.html", {"agencies": agencies})


def agency(request: HttpRequest, agency: str) -> HttpResponse:
    """One agency's column. Templates: portal/agency.html"""
    obj = get_object_or_404(Agency.objects.active(), code=agency)
    return render(request, "portal/agency.html", {"agency": obj})
