"""The 政府信息公开年报 sub-column's data source.

Reports produced in xxgk (annual_reports app, frozen published versions) come first; reports
an agency published before it used xxgk may also sit as items in its annual-report category
(item code "annual_report", or a category whose name contains "年报"); a year that has an
xxgk report does not list such an item twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xxgk.agencies.models import Agency
from xxgk.portal import articles, queries

_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class PublishedReport:
    year: int
    title: str
    url: str


def published_reports(agency: Agency) -> list[PublishedReport]:
    """The agency's published annual reports, newest year first."""
    from django.urls import reverse

    from xxgk.annual_reports.models import AnnualReport

    out = [
        PublishedReport(
            year=r.year,
            title=r.title,
            url=reverse("portal:report", kwargs={"agency": agency.code, "year": r.year}),
        )
        for r in AnnualReport.objects.published().filter(agency=agency)
    ]
    own_years = {r.year for r in out}
    category = queries.special_category(agency, articles.ANNUAL_REPORT_ITEM_CODE, "年报")
    if category is None:
        return sorted(out, key=lambda r: r.year, reverse=True)
    ids = queries.descendant_ids(agency, category)
    for pub in queries.public_publications(agency).filter(live_revision__category_id__in=ids):
        rev = pub.live_revision
        if report_year(rev.title, rev.formed_on.year) in own_years:
            continue
        out.append(
            PublishedReport(
                year=report_year(rev.title, rev.formed_on.year), title=rev.title, url=pub_url(pub)
            )
        )
    out.sort(key=lambda r: r.year, reverse=True)
    return out


def report_year(title: str, fallback: int) -> int:
    """The report year printed in the title ("2024年政府信息公开工作年度报告"), else `fallback`."""
    match = _YEAR_RE.search(title)
    return int(match.group(1)) if match else fallback


def pub_url(pub: object) -> str:
    from django.urls import reverse

    return reverse(
        "portal:publication",
        kwargs={"agency": pub.agency.code, "pk": pub.pk},  # type: ignore[attr-defined]
    )
