"""Users and their roles per agency."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from xxgk.audit.models import AuditedEvent


class Role(models.TextChoices):
    DRAFTER = "drafter", "承办人"
    SECTION_HEAD = "section_head", "科室负责人"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
    DEPUTY_HEAD = "deputy_head", "分管负责人"
    HEAD = "head", "主要负责人"
    OFFICE_HEAD = "office_head", "政府信息公开工作机构负责人"
    OFFICE_STAFF = "office_staff", "公开办工作人员"
    ADMIN = "admin", "系统管理员"
    # Held in a supervising agency; grants read-only sight of every agency below it.
    SUPERVISOR = "supervisor", "上级监督（只读）"


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("电话", max_length=50, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            )
        ]
        ordering = ["agency__path", "role"]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class AuditEvent(AuditedEvent):
    """Append-only log of configuration changes (users, roles, agencies, review chains)."""

    audit_action_field = "kind"

    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(
        User, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("事件", max_length=50)
    data = models.JSONField("内容", default=dict, blank=True)

    class Meta:
        verbose_name = "配置日志"
        verbose_name_plural = "配置日志"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"
