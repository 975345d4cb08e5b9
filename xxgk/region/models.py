"""The region (条例 Art. 49): who reports to which 主管部门, submissions, returns, imports, 催办.

* ``Region``: one per 本级政府 whose 政府信息公开工作主管部门 (``office``, e.g.
  大冶市人民政府办公室) collects the reports of its members; it carries the region's settings.
* ``ReportingLine``: an agency's membership of a region (its 主管部门 and the government it
  reports for), with its kind (部门/乡镇/街道/下级政府) and administrative level.
* ``Submission`` (one per agency-year) and its ``SubmissionRound``\\ s: every 报送 is a round
  holding the frozen report data and its findings; a return (退回) keeps its reasons
  (``ReturnReason``, attached to a cell or a section) on the round it answers.
* ``ImportedReport``: the published file of an agency not on the platform, read with the reader.
* ``Reminder``: a recorded 催办 to a department's 公开办 (in-app, and e-mailed).
* ``RegionEvent``: the append-only log of every state change above.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xxgk.annual_reports.data import ReportData
from xxgk.audit.models import AuditedEvent


class MemberKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    TOWNSHIP = "township", "乡镇"
    SUBDISTRICT = "subdistrict", "街道"
    LOWER_GOVERNMENT = "lower_government", "下级政府"


class Level(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class RegionStatus(models.TextChoices):
    """Where an agency's report of a year stands, as the dashboard and the CLI show it."""

    NOT_STARTED = "not_started", "未开始"
    DRAFTING = "drafting", "编制中"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已接收"
    PUBLISHED = "published", "已发布"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已接收"


# "" is a submission not yet created. An accepted report may be submitted again after a
# correction (the accepted round keeps counting until the new round is decided).
TRANSITIONS: dict[str, set[str]] = {
    "": {SubmissionStatus.SUBMITTED},
    SubmissionStatus.SUBMITTED: {SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED},
    SubmissionStatus.RETURNED: {SubmissionStatus.SUBMITTED},
    SubmissionStatus.ACCEPTED: {SubmissionStatus.SUBMITTED},
}


class Region(models.Model):
    """The reporting region of one 本级政府 and its settings."""

    government = models.OneToOneField(
        "agencies.Agency",
        verbose_name="本级政府",
        on_delete=models.PROTECT,
        related_name="region",
    )
    office = models.ForeignKey(
        "agencies.Agency",
        verbose_name="政府信息公开工作主管部门",
        on_delete=models.PROTECT,
        related_name="regions_managed",
        help_text="代表本级政府收集、审核下属机关年度报告的机构，如“大冶市人民政府办公室”。",
    )
    level = models.CharField("行政层级", max_length=20, choices=Level.choices)
    publication_waits_for_acceptance = models.BooleanField(
        "发布须经主管部门接收",
        default=False,
        help_text="勾选后，部门年度报告须经主管部门接收后方可发布；否则报送后即可发布。",
    )
    # Read by the aggregation of the 本级政府 report (issue 14 item 4).
    aggregate_townships = models.BooleanField("汇总乡镇（街道）报告", default=False)
    aggregate_lower_governments = models.BooleanField("汇总下级政府报告", default=False)

    class Meta:
        verbose_name = "报送地区"
        verbose_name_plural = "报送地区"
        ordering = ["government__path"]

    def __str__(self) -> str:
        return f"{self.government.name}（主管部门：{self.office.name}）"


class ReportingLine(models.Model):
    """An agency's 主管部门 and the government it reports for (one line per agency)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.CASCADE,
        related_name="reporting_line",
    )
    region = models.ForeignKey(
        Region, verbose_name="报送地区", on_delete=models.PROTECT, related_name="lines"
    )
    kind = models.CharField("类别", max_length=20, choices=MemberKind.choices)
    level = models.CharField("行政层级", max_length=20, choices=Level.choices)

    class Meta:
        verbose_name = "报送关系"
        verbose_name_plural = "报送关系"
        ordering = ["region", "agency__path"]
        indexes = [models.Index(fields=["region", "kind", "level"])]

    def __str__(self) -> str:
        return f"{self.agency.name} → {self.region.office.name}"

    @property
    def office(self) -> object:
        return self.region.office

    @property
    def government(self) -> object:
        return self.region.government


class Submission(models.Model):
    """An agency's 报送 of one year's report: the current state over all its rounds."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    region = models.ForeignKey(
        Region, verbose_name="报送地区", on_delete=models.PROTECT, related_name="submissions"
    )
    report = models.ForeignKey(
        "annual_reports.AnnualReport",
        verbose_name="年度报告",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField("状态", max_length=20, choices=SubmissionStatus.choices)
    # Denormalised from the current round so the dashboard needs one query per year.
    rounds_count = models.PositiveIntegerField("报送轮次", default=0)
    first_submitted_at = models.DateTimeField("首次报送时间")
    last_submitted_at = models.DateTimeField("最近报送时间")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    accepted_round = models.ForeignKey(
        "SubmissionRound",
        verbose_name="已接收轮次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "年报报送"
        verbose_name_plural = "年报报送"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="submission_one_per_year")
        ]
        indexes = [models.Index(fields=["region", "year", "status"])]

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年度报告报送（{self.get_status_display()}）"

    @property
    def current_round(self) -> SubmissionRound | None:
        return self.rounds.order_by("-number").first()


class SubmissionRound(models.Model):
    """One 报送: the frozen report data, its rule findings, and the 主管部门's decision."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "待处理"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已接收"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField("轮次")
    revision = models.ForeignKey(
        "annual_reports.AnnualReportRevision",
        verbose_name="报告修订",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The published version this round corresponds to, once there is one.
    version = models.ForeignKey(
        "annual_reports.AnnualReportVersion",
        verbose_name="发布版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField("报告数据")
    findings = models.JSONField("校验发现", default=list)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间")
    outcome = models.CharField(
        "处理结果", max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    comment = models.TextField("处理意见", blank=True)

    class Meta:
        verbose_name = "报送轮次"
        verbose_name_plural = "报送轮次"
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="round_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.submission.agency}{self.submission.year}年 第{self.number}次报送"

    def to_report_data(self) -> ReportData:
        return ReportData.from_json(self.data)


class ReturnReason(models.Model):
    """Why a round was returned, attached to a cell (code), a section (1–6) or the whole report."""

    class Target(models.TextChoices):
        CELL = "cell", "表格单元格"
        SECTION = "section", "正文部分"
        GENERAL = "general", "总体"

    round = models.ForeignKey(SubmissionRound, on_delete=models.CASCADE, related_name="reasons")
    target = models.CharField("位置类别", max_length=10, choices=Target.choices)
    # The cell code (docs/spec/report-cells.md) or the section number "1".."6"; "" if general.
    ref = models.CharField("位置", max_length=60, blank=True)
    text = models.TextField("退回理由")

    class Meta:
        verbose_name = "退回理由"
        verbose_name_plural = "退回理由"
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return f"{self.where}：{self.text}"

    @property
    def where(self) -> str:
        if self.target == self.Target.CELL:
            return f"单元格 {self.ref}"
        if self.target == self.Target.SECTION:
            return f"正文第{self.ref}部分"
        return "总体"


def import_upload_to(instance: ImportedReport, filename: str) -> str:
    return f"region_imports/{instance.agency.code}/{instance.year}/{filename}"


class ImportedReport(models.Model):
    """The published report of an agency not on the platform, read from its file."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    region = models.ForeignKey(
        Region, verbose_name="报送地区", on_delete=models.PROTECT, related_name="imports"
    )
    source_name = models.CharField("来源文件", max_length=255)
    file = models.FileField("文件", upload_to=import_upload_to, blank=True)
    sha256 = models.CharField("文件摘要", max_length=64, unique=True)
    # ReportData.to_json() as the reader returned it (its reader findings stay in `findings`).
    data = models.JSONField("报告数据")
    findings = models.JSONField("校验发现", default=list)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    published_on = models.DateField("成文日期", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间")

    class Meta:
        verbose_name = "导入的年度报告"
        verbose_name_plural = "导入的年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="importedreport_one_per_year")
        ]
        indexes = [models.Index(fields=["region", "year"])]

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年度报告（导入：{self.source_name}）"

    def to_report_data(self) -> ReportData:
        return ReportData.from_json(self.data)


class Reminder(models.Model):
    """A recorded 催办 from the 主管部门 to an agency's 公开办 about one year's report."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    region = models.ForeignKey(
        Region, verbose_name="报送地区", on_delete=models.CASCADE, related_name="reminders"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="催办人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField("催办时间")
    message = models.TextField("催办内容")
    emailed_to = models.JSONField("邮件收件人", default=list, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="阅读人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "催办"
        verbose_name_plural = "催办"
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"催办 {self.agency}{self.year}年度报告"


class RegionEvent(AuditedEvent):
    # Each event also appends its row to the hash-chained audit trail (xxgk.audit).
    audit_subject = "region"

    class Type(models.TextChoices):
        LINE_SET = "line_set", "设置主管部门"
        SUBMITTED = "submitted", "报送"
        RETURNED = "returned", "退回"
        ACCEPTED = "accepted", "接收"
        IMPORTED = "imported", "导入已发布报告"
        REMINDED = "reminded", "催办"
        REMINDER_READ = "reminder_read", "已阅催办"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="events")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    type = models.CharField("事件", max_length=20, choices=Type.choices)
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
        verbose_name = "报送事件"
        verbose_name_plural = "报送事件"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.agency} {self.at:%Y-%m-%d %H:%M}"
