"""行政复议 / 行政诉讼 about the agency's disclosure work (条例 Art. 51; report table 3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from xxgk.audit.models import AuditedEvent


class Route(models.TextChoices):
    """The three groups of table 3; the values are the report's group codes."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼·未经复议直接起诉"
    LITIGATION_AFTER = "litigation_after", "行政诉讼·复议后起诉"


class Result(models.TextChoices):
    """The columns of table 3; the values are the report's column codes."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class Appeal(models.Model):
    """One review or lawsuit in which the agency is respondent/defendant for its FOI work."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="appeals"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="关联申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    description = models.TextField("案由/说明", blank=True)
    route = models.CharField("类型", max_length=20, choices=Route.choices)
    body = models.CharField("复议机关/法院", max_length=150)
    case_ref = models.CharField("案号", max_length=100, blank=True)
    filed_on = models.DateField("申请/起诉日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=Result.choices, default=Result.PENDING)
    # 国办公开办函〔2016〕201号: where the review body is co-defendant, only the original
    # acting agency counts the lawsuit; a row recorded by the review body is not counted.
    review_body_co_defendant = models.BooleanField(
        "本机关作为复议机关为共同被告（不计入表三）", default=False
    )
    warnings = models.JSONField("提示", default=list, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["-filed_on", "-id"]
        constraints = [
            # Decided ⇔ a result other than pending.
            models.CheckConstraint(
                condition=(Q(decided_on__isnull=True) & Q(result="pending"))
                | (Q(decided_on__isnull=False) & ~Q(result="pending")),
                name="appeals_decided_has_result",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("filed_on")),
                name="appeals_decided_after_filed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_route_display()} {self.case_ref or self.filed_on}"

    def get_absolute_url(self) -> str:
        return reverse("appeals:detail", kwargs={"pk": self.pk})


class AppealEvent(AuditedEvent):
    """Append-only log of changes to an appeal record."""

    audit_subject = "appeal"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    type = models.CharField("事件", max_length=30)
    data = models.JSONField("内容", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "复议诉讼记录"
        verbose_name_plural = "复议诉讼记录"
        ordering = ["at", "id"]
