"""Letters sent to applicants and third parties, and the per-agency templates they come from."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xxgk.applications.models.case import Application
from xxgk.applications.models.choices import LetterKind


class LetterTemplate(models.Model):
    """An agency's editable text for a letter kind (and, for replies, an outcome).

    Without a row the shipped default (xxgk/applications/letters/defaults.py) is used.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("文书类型", max_length=30, choices=LetterKind.choices)
    outcome = models.CharField("办理结果", max_length=40, blank=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="可用占位符见页面说明，如 {applicant}、{received}。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "outcome"], name="applications_template_unique"
            )
        ]


class Letter(models.Model):
    """A numbered, dated letter of a case. DOCX/PDF are rendered from `body` on download."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField("文书类型", max_length=30, choices=LetterKind.choices)
    number = models.CharField("文号", max_length=60)
    dated = models.DateField("成文日期")
    recipient = models.CharField("收件人", max_length=150)
    # Whether the applicant sees it on the public tracking page (letters to third parties: no).
    to_applicant = models.BooleanField("致申请人", default=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["dated", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="applications_letter_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"
