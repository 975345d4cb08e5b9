from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.approvals"
    label = "approvals"
    verbose_name = "审核流程"

    def ready(self) -> None:
        from xxgk.approvals.views import dashboard_panel
        from xxgk.backoffice.views import DASHBOARD_PANELS

        if dashboard_panel not in DASHBOARD_PANELS:
            DASHBOARD_PANELS.append(dashboard_panel)
