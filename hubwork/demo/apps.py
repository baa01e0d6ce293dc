from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying Hubwork out. Sits on top of every other app."""

    name = "hubwork.demo"
    label = "demo"
    verbose_name = "Demo data"
