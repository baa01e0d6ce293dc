from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hubwork.reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from hubwork.reports.links import register_links

        register_links()
