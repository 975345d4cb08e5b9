from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.backoffice"
    label = "backoffice"
    verbose_name = "工作台"
