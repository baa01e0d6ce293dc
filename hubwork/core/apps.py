from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hubwork.core"
    label = "core"
    verbose_name = "Core"
