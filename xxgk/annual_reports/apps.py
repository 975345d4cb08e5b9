from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "xxgk.annual_reports"
    label = "annual_reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        # Explicit registration (no signals): the dashboard panel and the remind digest section.
        from xxgk.annual_reports.reminders import report_digest_section, report_panel
        from xxgk.applications.reminders import DIGEST_SECTIONS
        from xxgk.backoffice.views import DASHBOARD_PANELS

        if report_panel not in DASHBOARD_PANELS:
            DASHBOARD_PANELS.append(report_panel)
        if report_digest_section not in DIGEST_SECTIONS:
            DIGEST_SECTIONS.append(report_digest_section)
