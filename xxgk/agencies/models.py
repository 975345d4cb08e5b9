"""机关: the agency tree and each agency's 政府信息公开工作机构 contact data (条例 Art. 4, 12)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from xxgk.lib.report_deadline import report_due


class AgencyKind(models.TextChoices):
    # The kind decides the annual-report deadline (条例 Art. 49): a people's government's
    # own report is due 31 March, a department's 31 January.
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWNSHIP = "township", "乡镇人民政府/街道办事处"
    OTHER = "other", "其他"


CREDIT_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def validate_credit_code(value: str) -> None:
    """Check the shape of a 统一社会信用代码 (GB 32100-2015): 18 characters."""
    if value and not CREDIT_CODE_RE.match(value):
        raise ValidationError("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。")


class AgencyQuerySet(models.QuerySet["Agency"]):
    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)

    def subtree(self, root: Agency) -> AgencyQuerySet:
        """Return the agency and all agencies below it (by materialised path)."""
        return self.filter(path__startswith=root.path)


class Agency(models.Model):
    name = models.CharField("机关全称", max_length=100, unique=True)
    short_name = models.CharField("机关简称", max_length=20, help_text="用于文书编号，如“冶科”。")
    code = models.SlugField(
        "网址代码",
        max_length=50,
        unique=True,
        help_text="用于网址的英文或拼音代码，如 daye-kjj。",
    )
    kind = models.CharField("机关类型", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/4/9/" so a supervisor's subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    office_name = models.CharField("政府信息公开工作机构名称", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    office_postcode = models.CharField(
        "邮政编码",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "邮政编码应为6位数字。")],
    )
    website = models.URLField("网站", blank=True)
    is_active = models.BooleanField("启用", default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is None:
            super().save(*args, **kwargs)  # need the id for the path
            kwargs = {k: v for k, v in kwargs.items() if k != "force_insert"}
        self.path = (self.parent.path if self.parent else "/") + f"{self.pk}/"
        super().save(*args, **kwargs)
        # Keep descendants' paths right when an agency moves in the tree.
        for child in Agency.objects.filter(parent=self).exclude(path__startswith=self.path):
            child.save()

    def get_absolute_url(self) -> str:
        return reverse("portal:agency", kwargs={"agency": self.code})

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关。"})
            ancestor = ancestor.parent

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestors(self) -> list[Agency]:
        ids = [int(x) for x in self.path.strip("/").split("/")[:-1] if x]
        by_id = Agency.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def report_deadline(self, year: int) -> date:
        """Return the date by which this agency's report on `year` is due (条例 Art. 49).

        The rule lives in xxgk/lib/report_deadline.py (also used by the report rules)."""
        return report_due(year, self.kind)
