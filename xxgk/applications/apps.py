from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.applications"
    label = "applications"
    verbose_name = "依申请公开"
