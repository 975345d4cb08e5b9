"""The application (依申请公开 case), its event log, per-agency desk settings and numbering."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from xxgk.applications.models.choices import (
    OPEN_STATUSES,
    TRANSITIONS,
    ApplicantKind,
    Channel,
    Delivery,
    EventType,
    IdType,
    Outcome,
    RequestedForm,
    Status,
)
from xxgk.audit.models import AuditedEvent
from xxgk.errors import DomainError
from xxgk.privacy.fields import EncryptedCharField, EncryptedEmailField

DEFAULT_CASE_NUMBER_PATTERN = "{short}依申〔{year}〕第{seq}号"
DEFAULT_REPLY_NUMBER_PATTERN = "{short}依复〔{year}〕{seq}号"
DEFAULT_NOTICE_NUMBER_PATTERN = "{short}依告〔{year}〕{seq}号"
NUMBER_PLACEHOLDERS = {"short", "year", "seq"}


class CaseDeskSettings(models.Model):
    """Per-agency configuration of the case desk (numbering, mass-application range)."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="case_desk"
    )
    case_number_pattern = models.CharField(
        "申请编号格式",
        max_length=60,
        default=DEFAULT_CASE_NUMBER_PATTERN,
        help_text="可用占位符：{short} 机关简称，{year} 年份，{seq} 当年序号。",
    )
    reply_number_pattern = models.CharField(
        "答复书编号格式", max_length=60, default=DEFAULT_REPLY_NUMBER_PATTERN
    )
    notice_number_pattern = models.CharField(
        "告知书编号格式", max_length=60, default=DEFAULT_NOTICE_NUMBER_PATTERN
    )
    # 条例 Art. 35 / 42: "明显超过合理范围" is not defined by law; each agency sets its range.
    monthly_volume_limit = models.PositiveIntegerField(
        "同一申请人每月申请数合理上限",
        default=10,
        help_text="同一申请人在一个自然月内向本机关提出的申请超过此数时，系统提示可能属于大量申请（《条例》第三十五条）。",
    )

    class Meta:
        verbose_name = "依申请公开设置"
        verbose_name_plural = "依申请公开设置"

    def __str__(self) -> str:
        return f"{self.agency} 依申请公开设置"


class NumberCounter(models.Model):
    """The last number used per agency, year and series; incremented under a row lock."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "series"], name="applications_counter_unique"
            )
        ]


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_confirmation(self) -> ApplicationQuerySet:
        """Online submissions not yet confirmed by the office (Art. 31), oldest first."""
        return self.filter(status=Status.AWAITING_CONFIRMATION).order_by("created_at", "id")

    def due_by(self, last: object) -> ApplicationQuerySet:
        """Open cases whose reply is due on or before `last` (inbox and `xxgk remind`)."""
        return self.open().filter(due_date__isnull=False, due_date__lte=last)


class Application(models.Model):
    """One application for disclosure (条例 Art. 27–29), from receipt to its single outcome."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    case_number = models.CharField("申请编号", max_length=60)
    tracking_code = models.CharField("查询码", max_length=32, unique=True)
    idempotency_key = models.CharField("提交标识", max_length=100, null=True, blank=True)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    # Empty while an online submission waits as 待确认 (Art. 31: 双方确认之日 is the receipt date).
    received_on = models.DateField(
        "收到申请之日",
        null=True,
        blank=True,
        help_text="《条例》第三十一条：当面为提交之日，邮寄签收为签收之日，平信、网上、传真、电子邮件为双方确认之日。",
    )
    # Applicant (条例 Art. 29 item 1). The kind's values are table 2's column codes.
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名/名称", max_length=100)
    organisation_name = models.CharField("工作单位/组织名称", max_length=150, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    # Encrypted at rest (xxgk.privacy, ADR 0009); repeat applicants are found by applicant_key.
    id_number = EncryptedCharField("证件号码", max_length=40, blank=True)
    phone = EncryptedCharField("联系电话", max_length=40, blank=True)
    email = EncryptedEmailField("电子邮箱", blank=True)
    address = EncryptedCharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # A normalised identity (证件号码 / 信用代码 / 名称) to find the same applicant's other cases
    # for the 109号 per-request ordinal, Art. 35 volume and 重复申请 suggestions.
    applicant_key = models.CharField(max_length=200, db_index=True, editable=False)
    # Information sought (条例 Art. 29 items 2–3).
    information_title = models.CharField("所需信息名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    index_number = models.CharField("索引号", max_length=100, blank=True)
    description = models.TextField("所需信息的内容描述")
    requested_form = models.CharField(
        "指定提供载体形式",
        max_length=20,
        choices=RequestedForm.choices,
        default=RequestedForm.PAPER,
    )
    delivery = models.CharField(
        "获取信息方式", max_length=20, choices=Delivery.choices, default=Delivery.MAIL
    )
    status = models.CharField(
        "状态", max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    # The clock (see docs/adr/0003-case-clock.md). Only services write these fields, each time
    # through `clock.recompute()`, so the stored values always match the procedure rows.
    amended_on = models.DateField("收到补正申请之日", null=True, blank=True)
    deferred_due = models.DateField("第三十五条延迟答复期限", null=True, blank=True)
    # Denormalised reply due date (extended if an extension was approved). Consumers: the
    # inbox ordering/highlighting and `xxgk remind` (ApplicationQuerySet.due_by) — hence the index.
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限为临时期限", default=False)
    clock_years = models.JSONField("计算期限用到的年份", default=list, blank=True)
    clock_steps = models.JSONField("期限计算说明", default=list, blank=True)
    volume_flag = models.BooleanField("可能超出合理范围", default=False)
    mass_request_note = models.TextField("超出合理范围的认定（第四十二条）", blank=True)
    # Outcome: exactly one table-2 row, set once by close_application.
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    closed_on = models.DateField("答复日期", null=True, blank=True)
    # Set by `xxgk purge` (xxgk.privacy.services.purge_personal_data) once the retention
    # period is over: the applicant's personal data are gone, the statistics stay.
    personal_data_purged_on = models.DateField("个人信息清除日期", null=True, blank=True)
    reply_letter = models.OneToOneField(
        "applications.Letter",
        verbose_name="答复书",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "case_number"], name="applications_case_number_unique"
            ),
            # A double submission (same key, same agency) must never create a second case.
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="applications_idempotency_unique",
            ),
            # 待确认 ⇔ no receipt date yet (Art. 31).
            models.CheckConstraint(
                condition=(Q(status="awaiting_confirmation") & Q(received_on__isnull=True))
                | (~Q(status="awaiting_confirmation") & Q(received_on__isnull=False)),
                name="applications_confirmed_has_receipt_date",
            ),
            # Closed ⇔ one outcome and a reply date.
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(outcome="") & Q(closed_on__isnull=False))
                | (~Q(status="closed") & Q(outcome="") & Q(closed_on__isnull=True)),
                name="applications_closed_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["agency", "received_on"])]

    def __str__(self) -> str:
        return f"{self.case_number} {self.information_title}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def awaiting_confirmation(self) -> bool:
        return self.status == Status.AWAITING_CONFIRMATION

    def age_days(self, today: date) -> int:
        """Days since the submission was registered (the 工作台 shows it for 待确认 cases)."""
        return (today - timezone.localdate(self.created_at)).days

    @property
    def is_organisation(self) -> bool:
        return self.applicant_kind != ApplicantKind.NATURAL

    @property
    def display_name(self) -> str:
        return self.applicant_name

    def ensure_can_move_to(self, target: str) -> None:
        """Raise DomainError unless the TRANSITIONS table allows status → target."""
        if target not in TRANSITIONS[self.status]:
            raise DomainError(
                f"当前状态为“{self.get_status_display()}”，不能转为“{Status(target).label}”。",
                code="bad_state",
            )


class ApplicationEvent(AuditedEvent):
    """Append-only log of everything that happened to a case (one row per service call)."""

    audit_subject = "application"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField("事件", max_length=40, choices=EventType.choices)
    data = models.JSONField("内容", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on = models.DateField("业务日期", null=True, blank=True)
    at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.at:%Y-%m-%d}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise DomainError("办理记录只能追加，不能修改。")
        super().save(*args, **kwargs)
