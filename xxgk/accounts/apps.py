from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.accounts"
    label = "accounts"
    verbose_name = "用户与角色"
