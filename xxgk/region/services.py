"""State changes of the region (条例 Art. 49(1)): lines, 报送, 退回, 接收, imports, 催办.

Each service is atomic, takes a keyword-only `actor`, asks `xxgk.accounts.policy`, checks the
state through `TRANSITIONS` (one guard, `_move`) and writes a `RegionEvent`. The department
acts in its own agency (SUBMIT_TO_OFFICE); the 主管部门's staff act in the office agency
(REVIEW_SUBMISSIONS, IMPORT_REPORTS, SEND_REMINDER), so an office never touches another
region's submissions.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.models import Membership, Role
from xxgk.annual_reports.data import Finding, ReportData
from xxgk.annual_reports.models import AnnualReport, AnnualReportVersion, ReportStatus
from xxgk.annual_reports.rules import validate
from xxgk.annual_reports.schema import FORMATS
from xxgk.errors import DomainError
from xxgk.region.models import (
    TRANSITIONS,
    ImportedReport,
    Level,
    MemberKind,
    Region,
    RegionEvent,
    Reminder,
    ReportingLine,
    ReturnReason,
    Submission,
    SubmissionRound,
    SubmissionStatus,
)

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

Action = policy.Action

# Lower level of a member of a region at `level` (a county's towns are 乡级).
_LEVEL_BELOW = {
    Level.PROVINCE: Level.CITY,
    Level.CITY: Level.COUNTY,
    Level.COUNTY: Level.TOWNSHIP,
    Level.TOWNSHIP: Level.TOWNSHIP,
}


def _move(submission: Submission, status: SubmissionStatus) -> None:
    current = submission.status or ""
    if status not in TRANSITIONS[current]:
        label = submission.get_status_display() if current else "未报送"
        raise DomainError(f"报送当前状态为“{label}”，不能变为“{status.label}”。", code="bad_state")
    submission.status = status


def _event(
    region: Region,
    agency: Agency,
    type_: str,
    actor: User | None,
    year: int | None = None,
    **data: object,
) -> None:
    RegionEvent.objects.create(
        region=region, agency=agency, year=year, type=type_, actor=actor, data=data
    )


# ---------------------------------------------------------------- configuration


def _require_configure(actor: User | None, agency: Agency) -> None:
    if actor is not None:
        policy.require(actor, Action.CONFIGURE_REGION, agency)


@transaction.atomic
def create_region(
    government: Agency,
    office: Agency,
    *,
    actor: User | None,
    level: str,
    publication_waits_for_acceptance: bool = False,
    aggregate_townships: bool = False,
    aggregate_lower_governments: bool = False,
) -> Region:
    """Declare `office` the 政府信息公开工作主管部门 acting for `government` (None actor: setup)."""
    _require_configure(actor, government)
    if Region.objects.filter(government=government).exists():
        raise DomainError(f"“{government.name}”已设置主管部门。")
    if office.pk == government.pk:
        raise DomainError("主管部门应为本级政府的办公室等工作机构，不能是政府本身。")
    region = Region.objects.create(
        government=government,
        office=office,
        level=level,
        publication_waits_for_acceptance=publication_waits_for_acceptance,
        aggregate_townships=aggregate_townships,
        aggregate_lower_governments=aggregate_lower_governments,
    )
    _event(region, government, RegionEvent.Type.LINE_SET, actor, office=office.name)
    return region


def default_kind(agency: Agency) -> str:
    from xxgk.agencies.models import AgencyKind

    if agency.kind == AgencyKind.GOVERNMENT:
        return MemberKind.LOWER_GOVERNMENT
    if agency.kind == AgencyKind.TOWNSHIP:
        return MemberKind.SUBDISTRICT if agency.name.endswith("街道办事处") else MemberKind.TOWNSHIP
    return MemberKind.DEPARTMENT


def cycle_error(agency: Agency, region: Region) -> str | None:
    """Why `agency` may not report to `region` (a cycle in the reporting tree), or None."""
    if agency.pk == region.government_id:
        return f"“{agency.name}”不能向本级政府自己的主管部门报送。"
    # Walk up from the region's government: reaching `agency` would close a cycle.
    seen: set[int] = set()
    current: Agency | None = region.government
    while current is not None and current.pk not in seen:
        if current.pk == agency.pk:
            return (
                f"报送关系不能形成循环：“{region.government.name}”已（直接或间接）向"
                f"“{agency.name}”报送。"
            )
        seen.add(current.pk)
        line_up = (
            ReportingLine.objects.filter(agency=current)
            .select_related("region__government")
            .first()
        )
        current = line_up.region.government if line_up else None
    return None


@transaction.atomic
def set_reporting_line(
    agency: Agency,
    region: Region,
    *,
    actor: User | None,
    kind: str | None = None,
    level: str | None = None,
) -> ReportingLine:
    """Make `agency` report to `region`'s 主管部门; refuses a cycle in the reporting tree."""
    _require_configure(actor, region.government)
    error = cycle_error(agency, region)
    if error:
        raise DomainError(error)
    kind = kind or default_kind(agency)
    if kind not in MemberKind.values:
        raise DomainError(f"未知的机关类别：{kind}")
    if level is None:
        level = region.level if kind == MemberKind.DEPARTMENT else _LEVEL_BELOW[Level(region.level)]
    line, _ = ReportingLine.objects.update_or_create(
        agency=agency, defaults={"region": region, "kind": kind, "level": level}
    )
    _event(region, agency, RegionEvent.Type.LINE_SET, actor, office=region.office.name, kind=kind)
    return line


# ---------------------------------------------------------------- 报送


def _findings(data: ReportData, agency: Agency, year: int) -> list[Finding]:
    from xxgk.annual_reports.services import previous_report

    return validate(data, previous_report(agency, year))


def _counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.severity == "error")
    return errors, len(findings) - errors


@transaction.atomic
def submit_report(
    report: AnnualReport,
    *,
    actor: User,
    office: Agency | None = None,
    now: datetime | None = None,
) -> SubmissionRound:
    """报送: send the internally approved report to the agency's 主管部门 as a new round.

    `office`, when given, is the 主管部门 the sender means; a different one is refused.
    """
    policy.require(actor, Action.SUBMIT_TO_OFFICE, report.agency)
    report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    line = (
        ReportingLine.objects.select_related("region__office").filter(agency=report.agency).first()
    )
    if line is None:
        raise DomainError(f"“{report.agency.name}”尚未设置主管部门，无法报送。请联系系统管理员。")
    region = line.region
    if office is not None and office.pk != region.office_id:
        raise DomainError(
            f"“{report.agency.name}”的主管部门是“{region.office.name}”，不能报送给“{office.name}”。",
            code="wrong_office",
        )
    if report.status == ReportStatus.APPROVED:
        revision = report.revisions.order_by("-number").first()
        version: AnnualReportVersion | None = None
    elif report.status == ReportStatus.PUBLISHED and report.current_version is not None:
        version = report.current_version
        revision = version.revision
    else:
        raise DomainError(
            f"只有经本机关审核同意（已审定）的报告可以报送；当前状态为“{report.get_status_display()}”。",
            code="bad_state",
        )
    assert revision is not None
    now = now or timezone.now()
    submission = (
        Submission.objects.select_for_update()
        .filter(agency=report.agency, year=report.year)
        .first()
    )
    if submission is not None:
        last = submission.rounds.order_by("-number").first()
        if last is not None and last.revision_id == revision.pk:
            raise DomainError("该版本已报送过；请更正后重新审定，再报送。", code="unchanged")
    else:
        submission = Submission(
            agency=report.agency,
            year=report.year,
            region=region,
            report=report,
            status="",
            first_submitted_at=now,
            last_submitted_at=now,
        )
    _move(submission, SubmissionStatus.SUBMITTED)
    data = version.to_report_data() if version else ReportData.from_json(revision.data)
    findings = _findings(data, report.agency, report.year)
    errors, warnings = _counts(findings)
    submission.region = region
    submission.rounds_count += 1
    submission.last_submitted_at = now
    submission.decided_at = None
    submission.errors, submission.warnings = errors, warnings
    submission.save()
    round_ = SubmissionRound.objects.create(
        submission=submission,
        number=submission.rounds_count,
        revision=revision,
        version=version,
        data=data.to_json(),
        findings=[f.to_json() for f in findings],
        errors=errors,
        warnings=warnings,
        submitted_by=actor,
        submitted_at=now,
    )
    _event(
        region,
        report.agency,
        RegionEvent.Type.SUBMITTED,
        actor,
        report.year,
        round=round_.number,
        office=region.office.name,
    )
    return round_


def _open_round(submission: Submission, actor: User) -> tuple[Submission, SubmissionRound]:
    submission = (
        Submission.objects.select_for_update()
        .select_related("region__office", "agency", "report")
        .get(pk=submission.pk)
    )
    policy.require(actor, Action.REVIEW_SUBMISSIONS, submission.region.office)
    round_ = submission.rounds.order_by("-number").first()
    if submission.status != SubmissionStatus.SUBMITTED or round_ is None:
        raise DomainError(
            f"报送当前状态为“{submission.get_status_display()}”，没有待处理的报送。",
            code="bad_state",
        )
    return submission, round_


def _check_reason(fmt: str, target: str, ref: str, text: str) -> ReturnReason:
    text = (text or "").strip()
    if len(text) < 4:
        raise DomainError("请写明退回理由（每条至少4个字）。")
    if target == ReturnReason.Target.CELL:
        codes = FORMATS[fmt].all_codes() if fmt in FORMATS else []
        if ref not in codes:
            raise DomainError(f"报告中没有单元格“{ref}”。")
    elif target == ReturnReason.Target.SECTION:
        if ref not in {"1", "2", "3", "4", "5", "6"}:
            raise DomainError("正文部分应为第1至第6部分。")
    elif target == ReturnReason.Target.GENERAL:
        ref = ""
    else:
        raise DomainError(f"未知的退回位置类别：{target}")
    return ReturnReason(target=target, ref=ref, text=text)


@transaction.atomic
def return_submission(
    submission: Submission,
    reasons: list[tuple[str, str, str]],
    *,
    actor: User,
    comment: str = "",
    now: datetime | None = None,
) -> SubmissionRound:
    """退回: send the current round back with reasons, each (target, ref, text).

    target is "cell" (ref = cell code), "section" (ref = "1".."6") or "general". An approved,
    unpublished report becomes a draft again so the department can correct it.
    """
    submission, round_ = _open_round(submission, actor)
    if not reasons:
        raise DomainError("退回时请至少写明一条理由，并指明单元格或正文部分。")
    checked = [_check_reason(round_.data.get("format", ""), t, r, x) for (t, r, x) in reasons]
    now = now or timezone.now()
    _move(submission, SubmissionStatus.RETURNED)
    submission.decided_at = now
    submission.save()
    round_.outcome = SubmissionRound.Outcome.RETURNED
    round_.decided_by, round_.decided_at, round_.comment = actor, now, comment.strip()
    round_.save()
    for reason in checked:
        reason.round = round_
        reason.save()
    from xxgk.annual_reports.services import reopen_returned_report

    reopen_returned_report(
        submission.report, actor=actor, reasons=[f"{r.where}：{r.text}" for r in checked]
    )
    _event(
        submission.region,
        submission.agency,
        RegionEvent.Type.RETURNED,
        actor,
        submission.year,
        round=round_.number,
        reasons=[{"target": r.target, "ref": r.ref, "text": r.text} for r in checked],
    )
    _notify_department(
        submission.agency,
        f"{submission.year}年度报告被{submission.region.office.name}退回",
        "退回理由：\n" + "\n".join(f"- {r.where}：{r.text}" for r in checked),
    )
    return round_


@transaction.atomic
def accept_submission(
    submission: Submission, *, actor: User, comment: str = "", now: datetime | None = None
) -> SubmissionRound:
    """接收: the current round becomes the report that counts for the region."""
    submission, round_ = _open_round(submission, actor)
    now = now or timezone.now()
    _move(submission, SubmissionStatus.ACCEPTED)
    submission.decided_at = now
    submission.accepted_round = round_
    submission.save()
    round_.outcome = SubmissionRound.Outcome.ACCEPTED
    round_.decided_by, round_.decided_at, round_.comment = actor, now, comment.strip()
    round_.save()
    _event(
        submission.region,
        submission.agency,
        RegionEvent.Type.ACCEPTED,
        actor,
        submission.year,
        round=round_.number,
    )
    return round_


def link_published_version(version: AnnualReportVersion) -> None:
    """Record on the submitted round which published version it became (annual_reports calls
    this from `publish_report`, inside its transaction; no state changes)."""
    SubmissionRound.objects.filter(
        submission__report_id=version.report_id, revision_id=version.revision_id
    ).update(version=version)


# ---------------------------------------------------------------- imports


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


@transaction.atomic
def import_published_report(
    region: Region,
    data: ReportData,
    content: bytes,
    *,
    actor: User | None,
    source_name: str,
    agency: Agency | None = None,
    year: int | None = None,
    now: datetime | None = None,
) -> ImportedReport:
    """Register the published file of an agency not on the platform (read by the reader).

    The agency is the one named in the file (or `agency`, which must match it); refused:
    an agency outside the region, a year other than `year`, a file already imported, an
    agency-year already imported, or an agency-year with a report made on the platform.
    """
    if actor is not None:
        policy.require(actor, Action.IMPORT_REPORTS, region.office)
    members = {
        line.agency.name: line.agency
        for line in ReportingLine.objects.filter(region=region).select_related("agency")
    }
    named = next((a for name, a in members.items() if _same_name(name, data.agency)), None)
    if agency is not None:
        if agency.name not in members:
            raise DomainError(f"“{agency.name}”不属于{region.government.name}的报送范围。")
        if not _same_name(agency.name, data.agency):
            raise DomainError(
                f"文件“{source_name}”是“{data.agency or '未识别机关'}”的报告，不是“{agency.name}”的。",
                code="wrong_agency",
            )
    elif named is None:
        raise DomainError(
            f"文件“{source_name}”中的机关“{data.agency or '未识别'}”不属于"
            f"{region.government.name}的报送范围。",
            code="wrong_agency",
        )
    target = agency or named
    assert target is not None
    if year is not None and data.year != year:
        raise DomainError(
            f"文件“{source_name}”是{data.year}年度的报告，不是{year}年度的。", code="wrong_year"
        )
    sha = hashlib.sha256(content).hexdigest()
    duplicate = ImportedReport.objects.filter(sha256=sha).select_related("agency").first()
    if duplicate is not None:
        raise DomainError(
            f"重复上传：文件“{source_name}”已于{timezone.localtime(duplicate.imported_at):%Y-%m-%d}"
            f"导入为{duplicate.agency.name}{duplicate.year}年度报告。",
            code="duplicate",
        )
    if AnnualReport.objects.filter(agency=target, year=data.year).exists():
        raise DomainError(
            f"{target.name}{data.year}年度报告已在平台上编制，导入的文件不会覆盖它。",
            code="platform_report",
        )
    if ImportedReport.objects.filter(agency=target, year=data.year).exists():
        raise DomainError(
            f"{target.name}{data.year}年度报告已导入过另一份文件；不会覆盖。", code="duplicate"
        )
    findings = list(data.findings) + validate(data, _previous_import(target, data.year))
    errors, warnings = _counts(findings)
    imported = ImportedReport(
        agency=target,
        year=data.year,
        region=region,
        source_name=source_name[:255],
        sha256=sha,
        data=data.to_json(),
        findings=[f.to_json() for f in findings],
        errors=errors,
        warnings=warnings,
        published_on=data.dated,
        imported_by=actor,
        imported_at=now or timezone.now(),
    )
    imported.file.save(source_name.rsplit("/", 1)[-1][:100], ContentFile(content), save=False)
    imported.save()
    _event(region, target, RegionEvent.Type.IMPORTED, actor, data.year, source=source_name[:255])
    return imported


def _previous_import(agency: Agency, year: int) -> ReportData | None:
    previous = ImportedReport.objects.filter(agency=agency, year=year - 1).first()
    return previous.to_report_data() if previous else None


# ---------------------------------------------------------------- 催办


def _office_addresses(agency: Agency) -> list[str]:
    """The department's 公开办: its public e-mail and its office staff's e-mail addresses."""
    users = (
        Membership.objects.filter(
            agency=agency, role__in=[Role.OFFICE_STAFF, Role.OFFICE_HEAD], user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    addresses = ([agency.office_email] if agency.office_email else []) + list(users)
    return sorted(set(addresses))


def _notify_department(agency: Agency, subject: str, body: str) -> list[str]:
    to = _office_addresses(agency)
    if to:
        transaction.on_commit(
            lambda: send_mail(
                f"【政府信息公开】{subject}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                to,
                fail_silently=True,
            )
        )
    return to


@transaction.atomic
def send_reminder(
    agency: Agency,
    year: int,
    *,
    actor: User,
    message: str = "",
    now: datetime | None = None,
) -> Reminder:
    """催办: a recorded notice to the agency's 公开办, shown in-app and e-mailed."""
    line = ReportingLine.objects.select_related("region__office").filter(agency=agency).first()
    if line is None:
        raise DomainError(f"“{agency.name}”不在任何报送地区中。")
    policy.require(actor, Action.SEND_REMINDER, line.region.office)
    text = (message or "").strip() or (
        f"请于规定期限内完成{year}年度政府信息公开工作年度报告的编制、报送和发布"
        f"（条例第四十九条）。"
    )
    subject = f"{line.region.office.name}催办：{year}年度报告"
    to = _notify_department(agency, subject, text)
    reminder = Reminder.objects.create(
        agency=agency,
        year=year,
        region=line.region,
        sender=actor,
        sent_at=now or timezone.now(),
        message=text,
        emailed_to=to,
    )
    _event(line.region, agency, RegionEvent.Type.REMINDED, actor, year, emailed_to=to)
    return reminder


@transaction.atomic
def mark_reminder_read(reminder: Reminder, *, actor: User) -> Reminder:
    policy.require(actor, Action.SUBMIT_TO_OFFICE, reminder.agency)
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.read_at is None:
        reminder.read_at, reminder.read_by = timezone.now(), actor
        reminder.save(update_fields=["read_at", "read_by"])
        _event(
            reminder.region, reminder.agency, RegionEvent.Type.REMINDER_READ, actor, reminder.year
        )
    return reminder
