"""Score cards of a region's annual reports from the database (the pure checks: scorecard.py).

What each indicator needs comes from the platform's own records: the published versions (first
publication date, correction notes), last year's report (ours or imported), and whether it is in
the 年报 column (a version published on the platform always is: the portal lists every version).
A report known only from an imported file (ReferenceReport) is scored on its content; its
publication date is the date printed on it, and it is not in the platform's column.

All agencies are loaded with a constant number of queries (no query per agency), so a score card
of a province's 20,000 agencies is one pass; it runs as a background job (xxgk/jobs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.models import AnnualReport, ReferenceReport
from xxgk.annual_reports.rules import deadline
from xxgk.annual_reports.scorecard import ScoreCard, Subject, VersionInfo, rank, score

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

Progress = Callable[[int, int, str], None]


def subjects(agencies: Sequence[Agency], year: int) -> list[Subject]:
    """What the score card needs for each agency, with four queries in all."""
    ids = [a.pk for a in agencies]
    reports = {
        (r.agency_id, r.year): r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year__in=(year, year - 1))
        .select_related("current_version")
        .prefetch_related("versions")
    }
    references = {
        (r.agency_id, r.year): r
        for r in ReferenceReport.objects.filter(agency_id__in=ids, year__in=(year, year - 1))
    }
    out = []
    for agency in agencies:
        out.append(_subject(agency, year, reports, references))
    return out


def _published(
    agency: Agency,
    year: int,
    reports: dict[tuple[int, int], AnnualReport],
    references: dict[tuple[int, int], ReferenceReport],
) -> ReportData | None:
    report = reports.get((agency.pk, year))
    if report is not None and report.current_version is not None:
        return report.current_version.to_report_data()
    reference = references.get((agency.pk, year))
    if reference is not None:
        return ReportData.from_json(reference.data)
    return None


def _subject(
    agency: Agency,
    year: int,
    reports: dict[tuple[int, int], AnnualReport],
    references: dict[tuple[int, int], ReferenceReport],
) -> Subject:
    due = deadline(year, agency.kind)
    data = _published(agency, year, reports, references)
    previous = _published(agency, year - 1, reports, references)
    report = reports.get((agency.pk, year))
    versions = sorted(report.versions.all(), key=lambda v: v.number) if report else []
    if versions:
        published_on = timezone.localtime(versions[0].published_at).date()
        in_column = True
    else:
        published_on = data.dated if data is not None else None
        in_column = False
    return Subject(
        agency=agency.name,
        year=year,
        report=data,
        due=due,
        published_on=published_on,
        previous=previous,
        in_column=in_column,
        versions=tuple(VersionInfo(v.number, v.correction_note) for v in versions),
        agency_kind=agency.kind,
    )


def region_scorecard(
    agencies: Sequence[Agency],
    year: int,
    *,
    weights: dict[str, int] | None = None,
    copy_threshold: Decimal | None = None,
    progress: Progress | None = None,
) -> list[ScoreCard]:
    """Score and rank every agency; ``progress(done, total, message)`` after each one."""
    weights = weights or settings.XXGK_SCORECARD_WEIGHTS
    threshold = copy_threshold or settings.XXGK_SCORECARD_COPY_THRESHOLD
    cards = []
    items = subjects(agencies, year)
    for index, subject in enumerate(items, start=1):
        cards.append(score(subject, weights, copy_threshold=threshold))
        if progress is not None and (index % 20 == 0 or index == len(items)):
            progress(index, len(items), f"已评分 {index}/{len(items)}：{subject.agency}")
    return rank(cards)
