from django.apps import AppConfig


class LeadersConfig(AppConfig):
    name = "hubwork.leaders"
    verbose_name = "LLME pathway and records"

    def ready(self) -> None:
        # Applications ------------------------------------------------------------------
        from hubwork.leaders.application_navigation import register_application_links

        register_application_links()
        # The PD Lead pathway and LLME records -------------------------------------------
        from hubwork.leaders.record_links import register_record_links

        register_record_links()
        # Development ---------------------------------------------------------------------
        from hubwork.leaders.development_links import register_development_links

        register_development_links()
