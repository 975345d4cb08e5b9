from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.backoffice"
    label = "backoffice"
    verbose_name = "工作台"

    def ready(self) -> None:
        from django.core.validators import ProhibitNullCharactersValidator

        # Django's Chinese catalogue renders "Null characters are not allowed." as
        # "不允许是用空字符串" ("empty string"), which tells a person the field was empty.
        # Every form and API serializer uses this validator class, so its message is set once.
        ProhibitNullCharactersValidator.message = (
            "含有无效字符（空字符 NUL，\\x00），请删除后重新填写。"
        )
