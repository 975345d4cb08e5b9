"""The sub-procedures of a case that move its clock (条例 Art. 30, 32–35, 42; 109号)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from xxgk.applications.models.case import Application


class AmendmentRequest(models.Model):
    """A 补正 notice (Art. 30): sent once, within 7 working days; restarts the clock."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="amendments"
    )
    items = models.TextField("需要补正的事项")
    sent_on = models.DateField("告知日期")
    notice_due = models.DateField("告知期限（第7个工作日）")
    notice_due_provisional = models.BooleanField("告知期限为临时期限", default=False)
    late = models.BooleanField("告知逾期", default=False)
    reply_by = models.DateField("补正期限")
    amended_on = models.DateField("收到补正申请之日", null=True, blank=True)
    # What the applicant sent when the 补正 came in through the public tracking page.
    amended_text = models.TextField("补正内容", blank=True)
    received_online = models.BooleanField("网上提交的补正", default=False)
    lapsed_on = models.DateField("认定逾期未补正之日", null=True, blank=True)
    letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amended_on__isnull=True) | Q(lapsed_on__isnull=True),
                name="applications_amendment_amended_or_lapsed",
            )
        ]

    @property
    def is_open(self) -> bool:
        return self.amended_on is None and self.lapsed_on is None


class Consultation(models.Model):
    """A written consultation of a third party (Art. 32) or co-producing agency (Art. 34)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见"
        OTHER_AGENCY = "other_agency", "征求共同制作机关意见"

    class Answer(models.TextChoices):
        AGREE = "agree", "同意公开"
        DISAGREE = "disagree", "不同意公开（附理由）"
        NO_REPLY = "no_reply", "逾期未答复"

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    party = models.CharField("被征求意见方", max_length=150)
    party_address = models.CharField("地址/联系方式", max_length=200, blank=True)
    sent_on = models.DateField("发出日期")
    # Art. 32/34: the 15 working days run from the party's receipt of the letter. Until the
    # signed receipt is recorded, reply_due counts from sent_on (the cautious reading).
    delivered_on = models.DateField(
        "送达日期（被征求意见方收到征求意见书之日）", null=True, blank=True
    )
    reply_due = models.DateField("答复期限（15个工作日）")
    reply_due_provisional = models.BooleanField("答复期限为临时期限", default=False)
    replied_on = models.DateField("收到答复之日", null=True, blank=True)
    answer = models.CharField("意见", max_length=20, choices=Answer.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Art. 32: despite the third party's objection the agency decides to disclose because
    # withholding would seriously affect the public interest; the party is told in writing.
    overridden_on = models.DateField("决定予以公开之日（公共利益）", null=True, blank=True)
    override_content = models.TextField("决定公开的内容", blank=True)
    override_reasons = models.TextField("公共利益理由", blank=True)
    override_letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "id"]

    @property
    def is_open(self) -> bool:
        return not self.answer

    @property
    def is_overridden(self) -> bool:
        return self.overridden_on is not None

    @property
    def can_be_overridden(self) -> bool:
        return (
            self.kind == self.Kind.THIRD_PARTY
            and self.answer == self.Answer.DISAGREE
            and self.overridden_on is None
        )


class Extension(models.Model):
    """An extension of the reply period (Art. 33 para 2): ≤ 20 working days, approved."""

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="extension"
    )
    days = models.PositiveSmallIntegerField("延长工作日数")
    reason = models.TextField("延期理由")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("批准日期")
    letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "延期答复"
        verbose_name_plural = "延期答复"
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=20), name="applications_extension_days"
            )
        ]


class Fee(models.Model):
    """A 信息处理费 notice (条例 Art. 42, 国办函〔2020〕109号): one method per case."""

    class Method(models.TextChoices):
        PER_REQUEST = "per_request", "按件计收"
        PER_PAGE = "per_page", "按量计收"

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="fee"
    )
    method = models.CharField("计收方式", max_length=20, choices=Method.choices)
    # per_request: the ordinal of this request in the applicant's calendar month; per_page: pages.
    units = models.PositiveIntegerField("件序号/页数")
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    explanation = models.JSONField("计算说明", default=list, blank=True)
    notice_sent_on = models.DateField("收费通知日期")
    # 109号 [R]: the payment period runs from the applicant's receipt of the notice. Until the
    # delivery is recorded, payment_due is estimated from notice_sent_on (for the pause) and
    # the fee can never be declared lapsed.
    notice_delivered_on = models.DateField(
        "送达日期（申请人收到收费通知之日）", null=True, blank=True
    )
    payment_due = models.DateField("缴费期限")
    payment_due_provisional = models.BooleanField("缴费期限为临时期限", default=False)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    lapsed_on = models.DateField("认定逾期未缴费之日", null=True, blank=True)
    letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "信息处理费"
        verbose_name_plural = "信息处理费"
        constraints = [
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(lapsed_on__isnull=True),
                name="applications_fee_paid_or_lapsed",
            )
        ]

    @property
    def is_open(self) -> bool:
        return self.paid_on is None and self.lapsed_on is None


class ReasonsRequest(models.Model):
    """Art. 35: the applicant of mass/repeated requests is asked to state reasons."""

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="reasons_request"
    )
    requested_on = models.DateField("告知日期")
    reply_by = models.DateField("说明理由期限")
    received_on = models.DateField("收到说明之日", null=True, blank=True)
    reasonable = models.BooleanField("理由合理", null=True)
    reasons = models.TextField("申请人说明的理由", blank=True)
    deferred_due = models.DateField("确定的延迟答复期限", null=True, blank=True)
    letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "说明理由"
        verbose_name_plural = "说明理由"

    @property
    def is_open(self) -> bool:
        return self.received_on is None


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"applications/{instance.application.agency_id}/{instance.application_id}/{filename}"


class Attachment(models.Model):
    """A file of the case (the signed form, a scan of the envelope, an ID copy …)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=attachment_path)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]
