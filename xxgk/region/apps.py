from django.apps import AppConfig


class RegionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.region"
    verbose_name = "本地区年报报送"

    def ready(self) -> None:
        # Explicit registration (no signals): the 催办 panel of the back-office dashboard.
        from xxgk.backoffice.views import DASHBOARD_PANELS
        from xxgk.region.views import reminder_panel

        if reminder_panel not in DASHBOARD_PANELS:
            DASHBOARD_PANELS.append(reminder_panel)
