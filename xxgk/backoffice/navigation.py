"""The back office's main menu. Each app adds its entry here (label, URL name)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

NAV_ITEMS: list[tuple[str, str]] = [
    ("工作台", "backoffice:dashboard"),
    ("主动公开", "publications:index"),
    ("待我审核", "approvals:inbox"),
    ("依申请公开", "applications:index"),
    ("复议诉讼", "appeals:index"),
    ("年度报告", "annual_reports:index"),
    ("本地区报送", "region:dashboard"),
    ("机关", "backoffice:agencies"),
    ("审计日志", "audit:trail"),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    """Template context: the menu entries whose screens exist, for signed-in staff."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label, name in NAV_ITEMS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": label,
                "url": url,
                "active": request.path.startswith(url) and url != "/backoffice/",
            }
        )
    return {"nav_items": items}
