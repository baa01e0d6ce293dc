from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Each person's dashboard, drawn from every part of Hubwork, so it sits on top of them."""

    name = "hubwork.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
