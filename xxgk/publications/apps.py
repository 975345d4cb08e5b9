from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.publications"
    label = "publications"
    verbose_name = "主动公开"
