from django.apps import AppConfig


class LeadersConfig(AppConfig):
    name = "hubwork.leaders"
    verbose_name = "LLME pathway and records"
