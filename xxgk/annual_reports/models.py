"""The agency's own annual reports: the working copy, revisions under review, published versions.

Numbers are never typed in: `cells` is recomputed from the records (compute.py) whenever the
report is computed or submitted. Only the narrative and the justifications of warnings are
edited by people. A published version is immutable; a correction publishes a new, visibly
numbered version and the old one stays readable (domain.md §6: "发布后有变动").
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse

from xxgk.annual_reports.data import ReportData
from xxgk.audit.models import AuditedEvent


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    # Approved internally, not yet public: the agency reports to a 主管部门 (xxgk.region) and
    # publishes once it has submitted (or once the submission is accepted, per the region).
    APPROVED = "approved", "已审定待发布"
    PUBLISHED = "published", "已发布"


# The working copy's lifecycle; a correction reopens a published report as a draft.
TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFT: {ReportStatus.IN_REVIEW},
    ReportStatus.IN_REVIEW: {ReportStatus.DRAFT, ReportStatus.APPROVED, ReportStatus.PUBLISHED},
    # Back to draft when the 主管部门 returns the submission (退回).
    ReportStatus.APPROVED: {ReportStatus.DRAFT, ReportStatus.PUBLISHED},
    ReportStatus.PUBLISHED: {ReportStatus.DRAFT},
}


class AnnualReportQuerySet(models.QuerySet["AnnualReport"]):
    def published(self) -> AnnualReportQuerySet:
        return self.filter(current_version__isnull=False)


class AnnualReport(models.Model):
    # What `__str__` reads, loaded with the report in review listings (approvals.attach_objects).
    REVIEW_LISTING_RELATED = ("agency",)

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField("年度")
    format = models.CharField(
        "格式", max_length=4, choices=[("2019", "2019年格式"), ("2021", "2021年格式")]
    )
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # [{"heading": ..., "text": ...}] × 6, edited by the 公开办.
    sections = models.JSONField("正文", default=list)
    # Every cell of the format, as last computed from the records.
    cells = models.JSONField("表格数据", default=dict)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    # {"<code>|<where>": "说明"}: the written justification of each accepted warning.
    justifications = models.JSONField("警告说明", default=dict, blank=True)
    correction_note = models.TextField("更正说明", blank=True)
    current_version = models.ForeignKey(
        "AnnualReportVersion",
        verbose_name="现行版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="annualreport_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    def get_absolute_url(self) -> str:
        return reverse("annual_reports:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return str(self)

    def deadline(self) -> date:
        """The statutory date by which the report is due (条例 Art. 49)."""
        return self.agency.report_deadline(self.year)

    def to_report_data(self, dated: date | None = None) -> ReportData:
        return ReportData.from_json(
            {
                "agency": self.agency.name,
                "year": self.year,
                "format": self.format,
                "dated": dated.isoformat() if dated else None,
                "agency_kind": self.agency.kind,  # AgencyKind values are ReportData.AGENCY_KINDS
                "title": self.title,
                "sections": self.sections,
                "cells": self.cells,
            }
        )


class AnnualReportRevision(models.Model):
    """The content submitted for review: the approval chain is bound to one revision."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("修订号")
    data = models.JSONField("报告数据")
    justifications = models.JSONField("警告说明", default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告修订"
        verbose_name_plural = "年度报告修订"
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="reportrevision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} 修订{self.number}"

    @property
    def agency(self) -> object:
        return self.report.agency


def version_upload_to(instance: AnnualReportVersion, filename: str) -> str:
    return f"annual_reports/{instance.report.agency.code}/{instance.report.year}/v{instance.number}/{filename}"


class AnnualReportVersion(models.Model):
    """A published, frozen version: data and its renderings never change after creation."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    revision = models.ForeignKey(AnnualReportRevision, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField("报告数据")
    dated = models.DateField("成文日期")
    published_at = models.DateTimeField("发布时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    correction_note = models.TextField("更正说明", blank=True)
    html = models.TextField("HTML")
    docx = models.FileField("DOCX", upload_to=version_upload_to)
    pdf = models.FileField("PDF", upload_to=version_upload_to)
    xlsx = models.FileField("XLSX", upload_to=version_upload_to)
    sha256 = models.CharField("数据摘要", max_length=64)

    class Meta:
        verbose_name = "年度报告发布版本"
        verbose_name_plural = "年度报告发布版本"
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.report}（第{self.number}版）"

    def to_report_data(self) -> ReportData:
        return ReportData.from_json(self.data)


class ReferenceReport(models.Model):
    """A report published outside xxgk (e.g. last year's, before the agency used xxgk),
    imported with the reader so the cross-year rules have something to compare with."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="reference_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    source_name = models.CharField("来源文件", max_length=255)
    data = models.JSONField("报告数据")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "外部年度报告"
        verbose_name_plural = "外部年度报告"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="referencereport_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年（导入）"


class ReportEvent(AuditedEvent):
    audit_subject = "report"

    class Type(models.TextChoices):
        COMPUTED = "computed", "从业务记录计算"
        SECTIONS_EDITED = "sections_edited", "修改正文"
        WARNING_JUSTIFIED = "warning_justified", "说明警告"
        SUBMITTED = "submitted", "提交审核"
        STEP_APPROVED = "step_approved", "审核同意"
        STEP_REJECTED = "step_rejected", "审核退回"
        APPROVED = "approved", "审定（待报送、发布）"
        RETURNED_BY_OFFICE = "returned_by_office", "主管部门退回"
        PUBLISHED = "published", "发布"
        CORRECTION_STARTED = "correction_started", "开始更正"
        REFERENCE_IMPORTED = "reference_imported", "导入外部报告"
        AGGREGATED = "aggregated", "汇总本级政府报告"
        EXCLUDED = "excluded", "排除出汇总范围"
        INCLUDED = "included", "恢复计入汇总"

    report = models.ForeignKey(
        AnnualReport, null=True, on_delete=models.CASCADE, related_name="events"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    type = models.CharField("事件", max_length=30, choices=Type.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    data = models.JSONField("内容", default=dict, blank=True)

    class Meta:
        verbose_name = "年度报告事件"
        verbose_name_plural = "年度报告事件"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.at:%Y-%m-%d %H:%M}"


class AggregateExclusion(models.Model):
    """An agency the 本级政府 report of ``year`` does not cover, with the recorded reason.

    Without one, a member whose report is missing or returned blocks the aggregate (issue 14).
    """

    government = models.ForeignKey(
        "agencies.Agency", verbose_name="本级政府", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="排除的单位", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField("排除理由")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "汇总排除"
        verbose_name_plural = "汇总排除"
        ordering = ["government", "-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "year", "agency"], name="aggregateexclusion_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年度汇总不含{self.agency}"


class AggregateSnapshot(models.Model):
    """The last aggregation of a 本级政府 report: the JSON of ``AggregateReport.to_json`` (cells,
    covers, provenance, excluded, findings), kept so the screen and the drill-down read one row
    instead of recomputing the region on every page view."""

    government = models.ForeignKey(
        "agencies.Agency", verbose_name="本级政府", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    data = models.JSONField("汇总结果")
    computed_at = models.DateTimeField("汇总时间")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="汇总人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "本级政府汇总报告"
        verbose_name_plural = "本级政府汇总报告"
        constraints = [
            models.UniqueConstraint(fields=["government", "year"], name="aggregatesnapshot_once")
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年度汇总报告"
