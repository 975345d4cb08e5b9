from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"
