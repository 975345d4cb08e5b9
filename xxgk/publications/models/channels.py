"""公开渠道: where an agency publishes (条例 Art. 23–24), and where each item appeared."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ChannelKind(models.TextChoices):
    OWN_PORTAL = "own_portal", "本机关政府信息公开专栏"
    SERVICE_PORTAL = "service_portal", "政务服务网"
    GOVERNMENT_PORTAL = "government_portal", "政府门户网站"
    NEW_MEDIA = "new_media", "新媒体客户端"
    BULLETIN_BOARD = "bulletin_board", "政务公开栏"
    PRESS = "press", "报刊"
    TELEVISION = "television", "电视"
    MESSAGING_GROUP = "messaging_group", "微信/QQ群"
    OTHER = "other", "其他"


class Channel(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="channels"
    )
    name = models.CharField("渠道名称", max_length=100)
    kind = models.CharField("渠道类型", max_length=20, choices=ChannelKind.choices)
    url = models.URLField("网址", blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "公开渠道"
        verbose_name_plural = "公开渠道"
        ordering = ["agency", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="channel_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def records_automatically(self) -> bool:
        # The agency's own xxgk column shows every published item by itself.
        return self.kind == ChannelKind.OWN_PORTAL


class ChannelPublication(models.Model):
    publication = models.ForeignKey(
        "publications.Publication",
        verbose_name="公开信息",
        on_delete=models.CASCADE,
        related_name="channel_records",
    )
    channel = models.ForeignKey(
        Channel, verbose_name="渠道", on_delete=models.PROTECT, related_name="records"
    )
    appeared_on = models.DateField("发布日期")
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "渠道发布记录"
        verbose_name_plural = "渠道发布记录"
        ordering = ["appeared_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "channel"], name="channelpublication_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.appeared_on}"
