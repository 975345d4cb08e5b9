"""The configuration screens (Django admin), opened to each agency's 系统管理员.

Every ModelAdmin of ours filters by `policy`, so an agency's administrator sees and edits
only the agencies where they hold the ADMIN role, and the users who work there.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class XxgkAdminSite(admin.AdminSite):
    site_header = "xxgk 政府信息公开工作平台 · 系统配置"
    site_title = "系统配置"
    index_title = "配置管理"

    def has_permission(self, request: HttpRequest) -> bool:
        from xxgk.accounts import policy  # lazy: this module loads before the app registry

        return policy.is_admin_anywhere(request.user)


class XxgkAdminConfig(AdminConfig):
    default_site = "xxgk.backoffice.admin_site.XxgkAdminSite"
