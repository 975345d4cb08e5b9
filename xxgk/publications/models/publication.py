"""Publication (one 主动公开 item), its immutable revisions, attachments and event log."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from xxgk.audit.models import AuditedEvent
from xxgk.errors import DomainError


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    APPROVED = "approved", "已审核待发布"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


S = PublicationStatus
# A published item stays PUBLISHED while a correction goes through review: the portal keeps
# showing the live revision until `publish_correction` replaces it.
TRANSITIONS: dict[PublicationStatus, set[PublicationStatus]] = {
    S.DRAFT: {S.IN_REVIEW},
    S.IN_REVIEW: {S.DRAFT, S.APPROVED, S.IN_REVIEW},
    S.APPROVED: {S.IN_REVIEW, S.SCHEDULED, S.PUBLISHED},
    S.SCHEDULED: {S.PUBLISHED, S.IN_REVIEW, S.SCHEDULED},
    S.PUBLISHED: {S.PUBLISHED, S.WITHDRAWN},
    S.WITHDRAWN: set(),
}


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class Publication(models.Model):
    # What `__str__` reads, loaded with the item in review listings (approvals.attach_objects).
    REVIEW_LISTING_RELATED = ("latest_revision",)

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="publications",
    )
    index_number = models.CharField("索引号", max_length=60, unique=True)
    status = models.CharField(
        "状态", max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    validity = models.CharField(
        "有效性", max_length=20, choices=Validity.choices, default=Validity.VALID
    )
    # The portal reads only the live revision (wagtail DraftStateMixin.live_revision).
    live_revision = models.ForeignKey(
        "publications.PublicationRevision",
        verbose_name="在线版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    latest_revision = models.ForeignKey(
        "publications.PublicationRevision",
        verbose_name="最新版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    go_live_at = models.DateTimeField("定时发布时间", null=True, blank=True, db_index=True)
    # 谁上网: who put it online and when (first publication; corrections keep it).
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField("最近更正时间", null=True, blank=True)
    # Art. 26: within 20 working days of 成文日期; computed when it goes live.
    due_on = models.DateField("应公开期限", null=True, blank=True)
    is_late = models.BooleanField("超期公开", default=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        rev = self.latest_revision
        return f"{self.index_number} {rev.title if rev else ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("publications:detail", kwargs={"pk": self.pk})

    def portal_url(self) -> str:
        """Return the portal path of the item (H6's `portal:publication`), or ""."""
        try:
            return reverse("portal:publication", kwargs={"agency": self.agency.code, "pk": self.pk})
        except NoReverseMatch:
            return ""

    @property
    def is_live(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and self.live_revision_id is not None

    @property
    def has_unpublished_changes(self) -> bool:
        return self.latest_revision_id != self.live_revision_id

    def can_transition(self, target: PublicationStatus) -> bool:
        return target in TRANSITIONS[PublicationStatus(self.status)]

    def check_transition(self, target: PublicationStatus) -> None:
        """Raise DomainError unless the status may move to `target`."""
        if not self.can_transition(target):
            raise DomainError(
                f"当前状态为“{self.get_status_display()}”，不能变更为“{target.label}”。",
                code="bad_transition",
            )


class PublicationRevision(models.Model):
    """One version of the content. Immutable: an edit creates a new revision."""

    publication = models.ForeignKey(
        Publication, verbose_name="公开信息", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=300)
    issuer = models.CharField("发布机构", max_length=100)
    document_number = models.CharField("文号", max_length=100, blank=True)
    formed_on = models.DateField("成文日期")
    keywords = models.CharField("关键词", max_length=200, blank=True)
    summary = models.CharField("内容概述", max_length=500, blank=True)
    body = models.TextField("正文", blank=True)  # sanitised HTML (richtext.sanitise)
    category = models.ForeignKey(
        "publications.Category",
        verbose_name="主题分类",
        on_delete=models.PROTECT,
        related_name="+",
    )
    disclosure_method = models.CharField(
        "公开方式",
        max_length=20,
        choices=DisclosureMethod.choices,
        default=DisclosureMethod.PROACTIVE,
    )
    attachments = models.ManyToManyField(
        "publications.Attachment", verbose_name="附件", blank=True, related_name="revisions"
    )
    # 谁提供: the author of this revision.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撰稿人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="revision_unique_number")
        ]

    def __str__(self) -> str:
        return f"第{self.number}版 {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        # An approval is bound to this exact content (ADR 0004): never rewrite a revision.
        if self.pk is not None and not self._state.adding:
            raise ValidationError("版本一经保存不可修改，请另存为新版本。")
        super().save(*args, **kwargs)

    @property
    def agency(self) -> object:
        return self.publication.agency


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word（DOCX）"
    XLSX = "xlsx", "Excel（XLSX）"
    PNG = "png", "PNG 图片"
    JPEG = "jpeg", "JPEG 图片"
    GIF = "gif", "GIF 图片"


class Attachment(models.Model):
    """An uploaded file, checked by content and extension; immutable like revisions."""

    publication = models.ForeignKey(
        Publication, verbose_name="公开信息", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="publications/%Y/")
    original_name = models.CharField("文件名", max_length=255)
    kind = models.CharField("类型", max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    text = models.TextField("提取文本", blank=True)  # for the portal's search index
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class PublicationEvent(AuditedEvent):
    """Append-only log: one row per state change of a publication."""

    audit_subject = "publication"

    class Type(models.TextChoices):
        CREATED = "created", "创建草稿"
        EDITED = "edited", "修改"
        ATTACHMENT_ADDED = "attachment_added", "上传附件"
        SUBMITTED = "submitted", "提交审核"
        REVIEW_RESTARTED = "review_restarted", "修改后重新审核"
        STEP_APPROVED = "step_approved", "审核同意"
        STEP_REJECTED = "step_rejected", "审核退回"
        APPROVED = "approved", "审核通过"
        SCHEDULED = "scheduled", "设定定时发布"
        PUBLISHED = "published", "发布"
        CORRECTED = "corrected", "发布更正"
        WITHDRAWN = "withdrawn", "撤回"
        VALIDITY_CHANGED = "validity_changed", "变更有效性"
        CHANNEL_RECORDED = "channel_recorded", "登记发布渠道"

    publication = models.ForeignKey(
        Publication, verbose_name="公开信息", on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField("事件", max_length=30, choices=Type.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    revision_number = models.PositiveIntegerField("版本号", null=True, blank=True)
    data = models.JSONField("内容", default=dict, blank=True)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_type_display()}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError("操作记录只能追加，不能修改。")
        super().save(*args, **kwargs)
