"""主题分类 (the catalogue tree per agency) and the 索引号 pattern (条例 Art. 12)."""

from __future__ import annotations

from django.db import models

DEFAULT_INDEX_PATTERN = "{org}/{year}-{seq:05d}"


class Category(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="categories"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField("分类名称", max_length=100)
    # Art. 20 item code ("art20.1" … "art20.15", "art21"); empty for the agency's own headings.
    item_code = models.CharField("法定公开事项代码", max_length=20, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["agency", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "parent", "name"], name="category_unique_name_per_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CatalogueSettings(models.Model):
    """Per-agency catalogue configuration: the 索引号 pattern ([R]: format set by each province)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.CASCADE,
        related_name="catalogue_settings",
    )
    index_pattern = models.CharField(
        "索引号格式",
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        help_text="可用占位符：{org} 机构代码，{code} 网址代码，{year} 年份，{seq} 当年序号（如 {seq:05d}）。",
    )

    class Meta:
        verbose_name = "目录设置"
        verbose_name_plural = "目录设置"

    def __str__(self) -> str:
        return f"{self.agency} 目录设置"


class IndexCounter(models.Model):
    """The last 索引号 sequence number used per agency and year (locked when incremented)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="indexcounter_unique_year")
        ]
