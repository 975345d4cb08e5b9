from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.approvals"
    label = "approvals"
    verbose_name = "审核流程"
