"""State changes of the agency's annual report: compute, edit, submit, approve, publish, correct.

The numbers always come from `compute_report`; submitting recomputes them, so a table can
never be approved over records that changed since it was drafted. Errors block submission;
each warning needs a written justification kept with the report (and its frozen version).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.annual_reports.compute import compute_report, fees_of_year
from xxgk.annual_reports.data import Finding, ReportData
from xxgk.annual_reports.drafting import draft_findings, draft_sections
from xxgk.annual_reports.models import (
    TRANSITIONS,
    AnnualReport,
    AnnualReportRevision,
    AnnualReportVersion,
    ReferenceReport,
    ReportEvent,
    ReportStatus,
)
from xxgk.annual_reports.rules import validate
from xxgk.annual_reports.schema import FORMATS, HEADINGS
from xxgk.approvals import services as approvals
from xxgk.approvals.models import WorkflowKind, WorkflowStatus
from xxgk.errors import DomainError
from xxgk.portal import pagecache

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

Action = policy.Action


def _move(report: AnnualReport, status: ReportStatus) -> None:
    if status not in TRANSITIONS[report.status]:
        raise DomainError(
            f"报告当前状态为“{report.get_status_display()}”，不能变为“{status.label}”。",
            code="bad_state",
        )
    report.status = status


def _event(report: AnnualReport, type_: str, actor: User | None, **data: object) -> None:
    ReportEvent.objects.create(
        report=report, agency=report.agency, type=type_, actor=actor, data=data
    )


def finding_key(finding: Finding) -> str:
    """The stable key under which a warning's justification is stored."""
    return f"{finding.code}|{finding.where}"


def previous_report(agency: Agency, year: int) -> ReportData | None:
    """Last year's report: our published version, else one imported with the reader."""
    last = (
        AnnualReport.objects.filter(agency=agency, year=year - 1)
        .select_related("current_version")
        .first()
    )
    if last is not None and last.current_version is not None:
        return last.current_version.to_report_data()
    reference = ReferenceReport.objects.filter(agency=agency, year=year - 1).first()
    if reference is not None:
        return ReportData.from_json(reference.data)
    return None


def check_report(report: AnnualReport, *, dated: date | None = None) -> list[Finding]:
    """All rules over the working copy, with the date it would carry if published on `dated`.

    Without `dated`, a report already published is judged by the date of its first version
    (a 2019 report published on 2020-01-15 stays on time, also while a correction is drafted);
    a report never published by today's date, the earliest it could now be published.
    """
    if dated is None:
        first = report.versions.order_by("number").only("dated").first()
        dated = first.dated if first is not None else timezone.localdate()
    data = report.to_report_data(dated=dated)
    previous = previous_report(report.agency, report.year)
    _, collected = fees_of_year(report.agency, report.year)
    findings = validate(data, previous, fees_collected_yuan=collected)
    findings += draft_findings(data.sections, previous.sections if previous else None)
    return findings


@transaction.atomic
def compute_draft(
    agency: Agency,
    year: int,
    *,
    actor: User | None,
    format: str | None = None,
    redraft: bool = False,
) -> AnnualReport:
    """Create or refresh the year's working copy from the records.

    The narrative is drafted only when there is none yet (or `redraft`): the 公开办's edits
    are never overwritten silently.
    """
    if actor is not None:
        policy.require(actor, Action.EDIT_REPORT, agency)
    computed = compute_report(agency, year, format)
    report, created = AnnualReport.objects.select_for_update().get_or_create(
        agency=agency,
        year=year,
        defaults={"format": computed.report.format, "created_by": actor},
    )
    if report.status == ReportStatus.IN_REVIEW:
        raise DomainError("报告正在审核中，不能重新计算；如需修改请先退回。", code="bad_state")
    if report.status == ReportStatus.PUBLISHED:
        raise DomainError("报告已发布；如需更正，请先“开始更正”。", code="bad_state")
    if report.status == ReportStatus.APPROVED:
        raise DomainError("报告已审定，不能重新计算；如需修改请待主管部门退回。", code="bad_state")
    report.format = computed.report.format
    report.cells = computed.report.to_json()["cells"]
    report.computed_at = timezone.now()
    if created or redraft or not report.sections:
        report.sections = [
            {"heading": s.heading, "text": s.text} for s in draft_sections(computed.facts)
        ]
    report.save()
    _event(report, ReportEvent.Type.COMPUTED, actor, format=report.format, redraft=redraft)
    return report


@transaction.atomic
def edit_sections(report: AnnualReport, texts: list[str], *, actor: User) -> AnnualReport:
    """Replace the six sections' texts (headings stay the format's)."""
    policy.require(actor, Action.EDIT_REPORT, report.agency)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise DomainError("只有草稿状态的报告可以修改正文。", code="bad_state")
    if len(texts) != len(HEADINGS):
        raise DomainError("年度报告正文应有六个部分。")
    report.sections = [
        {"heading": h, "text": t.strip()} for h, t in zip(FORMATS[report.format].headings, texts)
    ]
    report.save(update_fields=["sections", "updated_at"])
    _event(report, ReportEvent.Type.SECTIONS_EDITED, actor)
    return report


@transaction.atomic
def justify_warning(report: AnnualReport, key: str, text: str, *, actor: User) -> AnnualReport:
    """Record why a warning is accepted; kept with the report and its published version."""
    policy.require(actor, Action.EDIT_REPORT, report.agency)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise DomainError("只有草稿状态的报告可以填写警告说明。", code="bad_state")
    text = text.strip()
    if len(text) < 4:
        raise DomainError("请写明接受该警告的理由（至少4个字）。")
    report.justifications = {**report.justifications, key: text}
    report.save(update_fields=["justifications", "updated_at"])
    _event(report, ReportEvent.Type.WARNING_JUSTIFIED, actor, key=key)
    return report


@transaction.atomic
def submit_report(
    report: AnnualReport, *, actor: User, now: datetime | None = None
) -> AnnualReportRevision:
    """Recompute the tables, check every rule and start the agency's review chain."""
    policy.require(actor, Action.EDIT_REPORT, report.agency)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise DomainError("只有草稿状态的报告可以提交审核。", code="bad_state")
    computed = compute_report(report.agency, report.year, report.format)
    report.cells = computed.report.to_json()["cells"]
    report.computed_at = timezone.now()
    findings = check_report(report, dated=(now or timezone.now()).date())
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise DomainError(
            "报告存在错误，不能提交审核："
            + "；".join(f"{f.code} {f.where}：{f.message}" for f in errors),
            code="report_errors",
        )
    unjustified = [
        f
        for f in findings
        if f.severity == "warning" and not report.justifications.get(finding_key(f))
    ]
    if unjustified:
        raise DomainError(
            "以下警告需要书面说明后才能提交："
            + "；".join(f"{f.code} {f.where}" for f in unjustified),
            code="unjustified_warnings",
        )
    number = (
        report.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    revision = AnnualReportRevision.objects.create(
        report=report,
        number=number,
        data=report.to_report_data().to_json(),
        justifications={finding_key(f): report.justifications[finding_key(f)] for f in findings},
        author=actor,
    )
    _move(report, ReportStatus.IN_REVIEW)
    report.save()
    approvals.start_review(report, revision, actor=actor, kind=WorkflowKind.ANNUAL_REPORT, now=now)
    _event(report, ReportEvent.Type.SUBMITTED, actor, revision=number)
    return revision


@transaction.atomic
def approve_report_step(
    report: AnnualReport, *, actor: User, comment: str = "", now: datetime | None = None
) -> AnnualReport:
    """Approve the open step; the final approval freezes and publishes the report."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.IN_REVIEW:
        raise DomainError("报告不在审核中。", code="bad_state")
    step = approvals.approve_step(report, actor=actor, comment=comment, now=now)
    _event(report, ReportEvent.Type.STEP_APPROVED, actor, step=step.step_name)
    state = step.workflow_state
    state.refresh_from_db()
    if state.status == WorkflowStatus.APPROVED:
        revision = AnnualReportRevision.objects.get(pk=state.revision_id)
        from xxgk.region.selectors import reporting_line_of

        if reporting_line_of(report.agency) is not None:
            # The agency reports to a 主管部门 (条例 Art. 49(1)): the approved revision waits
            # to be submitted (报送) and is published by `publish_report` (docs/region.md).
            _move(report, ReportStatus.APPROVED)
            report.save(update_fields=["status", "updated_at"])
            _event(report, ReportEvent.Type.APPROVED, actor, revision=revision.number)
        else:
            _publish(report, revision, actor=actor, now=now or timezone.now())
    return report


@transaction.atomic
def publish_report(
    report: AnnualReport, *, actor: User, now: datetime | None = None
) -> AnnualReportVersion:
    """Publish an approved report of an agency in a region (谁上网: the 公开办).

    The region decides whether it must first be accepted by the 主管部门 or only submitted.
    """
    from xxgk.region.selectors import publication_block
    from xxgk.region.services import link_published_version

    policy.require(actor, Action.PUBLISH_REPORT, report.agency)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.APPROVED:
        raise DomainError("只有已审定的报告可以发布。", code="bad_state")
    block = publication_block(report)
    if block:
        raise DomainError(block, code="awaiting_office")
    revision = report.revisions.order_by("-number").first()
    assert revision is not None  # APPROVED is only reached through an approved revision
    _publish(report, revision, actor=actor, now=now or timezone.now())
    version = report.current_version
    assert version is not None
    link_published_version(version)
    return version


def reopen_returned_report(report: AnnualReport, *, actor: User, reasons: list[str]) -> None:
    """The 主管部门 returned the submission: an approved, unpublished report becomes a draft again.

    Called only by `xxgk.region.services.return_submission`, inside its transaction, after it
    checked the office's permission; a published report stays online (it is corrected with
    `start_correction` and a new version).
    """
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.APPROVED:
        return
    _move(report, ReportStatus.DRAFT)
    report.save(update_fields=["status", "updated_at"])
    _event(report, ReportEvent.Type.RETURNED_BY_OFFICE, actor, reasons=reasons)


@transaction.atomic
def reject_report_step(report: AnnualReport, *, actor: User, comment: str) -> AnnualReport:
    """Send the report back to the 公开办 with a required comment."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.IN_REVIEW:
        raise DomainError("报告不在审核中。", code="bad_state")
    step = approvals.reject_step(report, actor=actor, comment=comment)
    _move(report, ReportStatus.DRAFT)
    report.save(update_fields=["status", "updated_at"])
    _event(report, ReportEvent.Type.STEP_REJECTED, actor, step=step.step_name, comment=step.comment)
    return report


def _publish(
    report: AnnualReport, revision: AnnualReportRevision, *, actor: User, now: datetime
) -> None:
    """Freeze the approved revision as a numbered version with its renderings, and publish it."""
    from xxgk.annual_reports.render import render

    dated = timezone.localtime(now).date()
    data = ReportData.from_json({**revision.data, "dated": dated.isoformat()})
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    payload = data.to_json()
    version = AnnualReportVersion(
        report=report,
        number=number,
        revision=revision,
        data=payload,
        dated=dated,
        published_at=now,
        published_by=actor,
        correction_note=report.correction_note if number > 1 else "",
        html=render(data, "html").decode("utf-8"),
        sha256=hashlib.sha256(
            json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest(),
    )
    stem = f"{report.agency.code}-{report.year}-v{number}"
    version.docx.save(f"{stem}.docx", ContentFile(render(data, "docx")), save=False)
    version.pdf.save(f"{stem}.pdf", ContentFile(render(data, "pdf")), save=False)
    version.xlsx.save(f"{stem}.xlsx", ContentFile(render(data, "xlsx")), save=False)
    version.save()
    _move(report, ReportStatus.PUBLISHED)
    report.current_version = version
    report.correction_note = ""
    report.save(update_fields=["status", "current_version", "correction_note", "updated_at"])
    _event(report, ReportEvent.Type.PUBLISHED, actor, version=number, dated=dated.isoformat())
    pagecache.bump_agency(report.agency)  # the public 年报 column shows the new version


@transaction.atomic
def start_correction(report: AnnualReport, *, actor: User, note: str) -> AnnualReport:
    """Reopen a published report as a draft; the published version stays online until replaced."""
    policy.require(actor, Action.EDIT_REPORT, report.agency)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.PUBLISHED:
        raise DomainError("只有已发布的报告可以更正。", code="bad_state")
    if len(note.strip()) < 4:
        raise DomainError("请写明更正的原因和内容（至少4个字），它将随新版本公开。")
    _move(report, ReportStatus.DRAFT)
    report.correction_note = note.strip()
    report.save(update_fields=["status", "correction_note", "updated_at"])
    _event(report, ReportEvent.Type.CORRECTION_STARTED, actor, note=note.strip())
    return report


@transaction.atomic
def import_reference_report(
    agency: Agency, year: int, data: ReportData, *, actor: User | None, source_name: str
) -> ReferenceReport:
    """Keep a report published outside xxgk (read with the reader) for the cross-year rules."""
    if actor is not None:
        policy.require(actor, Action.EDIT_REPORT, agency)
    if data.year != year:
        raise DomainError(f"文件中的报告年度为{data.year}年，与所选的{year}年不一致。")
    reference, _ = ReferenceReport.objects.update_or_create(
        agency=agency,
        year=year,
        defaults={"data": data.to_json(), "source_name": source_name[:255], "imported_by": actor},
    )
    ReportEvent.objects.create(
        report=None,
        agency=agency,
        type=ReportEvent.Type.REFERENCE_IMPORTED,
        actor=actor,
        data={"year": year, "source": source_name[:255]},
    )
    return reference
