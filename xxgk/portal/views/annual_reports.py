"""Public pages of the annual reports produced in xxgk: the current version and every older one."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from xxgk.annual_reports.models import AnnualReport, AnnualReportVersion
from xxgk.annual_reports.views import version_response
from xxgk.portal.pagecache import public_page
from xxgk.portal.views.column import active_agency


def _published(agency_code: str, year: int) -> AnnualReport:
    agency = active_agency(agency_code)
    # Only a report with a published version exists for the public; drafts are 404.
    return get_object_or_404(
        AnnualReport.objects.published().select_related("agency", "current_version"),
        agency=agency,
        year=year,
    )


@public_page
def report(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """The year's report: the current version, its downloads, and the older versions.

    Templates: portal/report.html
    """
    obj = _published(agency, year)
    versions = list(obj.versions.order_by("-number"))
    return render(
        request,
        "portal/report.html",
        {
            "agency": obj.agency,
            "report": obj,
            "current": obj.current_version,
            "versions": versions,
            "section": "reports",
        },
    )


def report_file(
    request: HttpRequest, agency: str, year: int, number: int, kind: str
) -> HttpResponse:
    """One rendering (html, pdf, docx, xlsx) of one published version; old versions stay readable."""
    obj = _published(agency, year)
    version = get_object_or_404(AnnualReportVersion, report=obj, number=number)
    if kind not in ("html", "pdf", "docx", "xlsx"):
        raise Http404
    # A frozen version never changes (a correction is a new number): conditional GET from
    # its identity and publication time, answered before the file is opened.
    etag = quote_etag(f"{version.pk}-{version.sha256[:16]}-{kind}")
    stamp = int(version.published_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=stamp)
    if not_modified is not None:
        return not_modified
    response = version_response(version, kind)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stamp)
    return response
