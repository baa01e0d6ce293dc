from django.apps import AppConfig


class LeadersConfig(AppConfig):
    name = "hubwork.leaders"
    verbose_name = "LLME pathway and records"

    def ready(self) -> None:
        # Applications ------------------------------------------------------------------
        # The PD Lead pathway and LLME records -------------------------------------------
        # Development ---------------------------------------------------------------------
        pass
