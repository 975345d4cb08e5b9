from django.apps import AppConfig


class AppealsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.appeals"
    label = "appeals"
    verbose_name = "行政复议与行政诉讼"
