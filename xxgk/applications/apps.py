from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from xxgk.applications.dashboard import awaiting_confirmation_panel, due_cases_panel
        from xxgk.backoffice.views import DASHBOARD_PANELS

        for panel in (awaiting_confirmation_panel, due_cases_panel):
            if panel not in DASHBOARD_PANELS:
                DASHBOARD_PANELS.append(panel)
