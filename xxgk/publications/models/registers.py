"""Art. 20 registers that feed table 1 of the annual report.

Each register can be kept item by item (one row per document, 事项, decision, fee item or
project) or as yearly figures (`RegisterFigure`); a yearly figure, when present, wins over
the count of items for that metric (see xxgk/publications/registers/table1.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NormativeKind(models.TextChoices):
    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class NormativeStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class NormativeDocument(models.Model):
    """规章 / 行政规范性文件 (Art. 20 (一))."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("类别", max_length=20, choices=NormativeKind.choices)
    title = models.CharField("标题", max_length=300)
    document_number = models.CharField("文号", max_length=100)
    issued_on = models.DateField("制发日期")
    published_on = models.DateField("公开日期", null=True, blank=True)
    repealed_on = models.DateField("废止/失效日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=NormativeStatus.choices, default=NormativeStatus.IN_FORCE
    )
    publication = models.ForeignKey(
        "publications.Publication",
        verbose_name="对应公开信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "规章和规范性文件"
        verbose_name_plural = "规章和规范性文件"
        ordering = ["agency", "-issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "document_number"], name="normative_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.document_number}）"


class ServiceRegister(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    OTHER_SERVICES = "other_services", "其他对外管理服务事项"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"


class ServiceItem(models.Model):
    """One 事项 on a register's list for one year (Art. 20 (五), (六))."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    register = models.CharField("事项类别", max_length=20, choices=ServiceRegister.choices)
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("事项名称", max_length=200)
    code = models.CharField("事项编码", max_length=60, blank=True)

    class Meta:
        verbose_name = "事项清单"
        verbose_name_plural = "事项清单"
        ordering = ["agency", "register", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "register", "year", "name"], name="serviceitem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class ServiceDecision(models.Model):
    """One decision (办件 / 处罚决定 / 强制决定), when decisions are kept one by one."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    register = models.CharField("事项类别", max_length=20, choices=ServiceRegister.choices)
    item_name = models.CharField("事项名称", max_length=200, blank=True)
    decided_on = models.DateField("决定日期")
    reference = models.CharField("决定书编号/办件号", max_length=100, blank=True)

    class Meta:
        verbose_name = "处理决定"
        verbose_name_plural = "处理决定"
        ordering = ["agency", "-decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decided_on} {self.reference}"


class FeeItem(models.Model):
    """行政事业性收费项目 of one year, with its basis, standard and amount collected (Art. 20 (八))."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("收费项目", max_length=200)
    basis = models.CharField("收费依据", max_length=300, blank=True)
    standard = models.CharField("收费标准", max_length=300, blank=True)
    amount = models.DecimalField("本年收费金额（元）", max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = "行政事业性收费项目"
        verbose_name_plural = "行政事业性收费项目"
        ordering = ["agency", "year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "name"], name="feeitem_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class ProcurementProject(models.Model):
    """政府集中采购项目 (Art. 20 (九)); the 2019 table counts them and sums completed ones."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("立项年度")
    name = models.CharField("项目名称", max_length=200)
    amount = models.DecimalField("采购金额（元）", max_digits=14, decimal_places=2, default=0)
    completed = models.BooleanField("已结项", default=False)

    class Meta:
        verbose_name = "政府集中采购项目"
        verbose_name_plural = "政府集中采购项目"
        ordering = ["agency", "year", "pk"]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class RegisterFigure(models.Model):
    """A yearly figure entered directly instead of item by item."""

    class Register(models.TextChoices):
        REGULATIONS = "regulations", "规章"
        NORMATIVE = "normative", "规范性文件"
        LICENSING = "licensing", "行政许可"
        OTHER_SERVICES = "other_services", "其他对外管理服务事项"
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        FEES = "fees", "行政事业性收费"
        PROCUREMENT = "procurement", "政府集中采购"

    class Metric(models.TextChoices):
        ITEMS = "items", "事项（项目）数量"
        DECISIONS = "decisions", "处理决定数量"
        MADE = "made", "本年新制作数量"
        PUBLISHED = "published", "本年新公开数量"
        TOTAL_PUBLISHED = "total_published", "对外公开总数量"
        ISSUED = "issued", "本年制发件数"
        REPEALED = "repealed", "本年废止件数"
        IN_FORCE = "in_force", "现行有效件数"
        AMOUNT = "amount", "金额（元）"
        PROJECTS = "projects", "采购项目数量"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    register = models.CharField("登记簿", max_length=20, choices=Register.choices)
    metric = models.CharField("指标", max_length=20, choices=Metric.choices)
    value = models.DecimalField("数值", max_digits=16, decimal_places=2)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = "年度数据"
        verbose_name_plural = "年度数据"
        ordering = ["agency", "year", "register", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "register", "metric"], name="registerfigure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_register_display()} {self.get_metric_display()}"
