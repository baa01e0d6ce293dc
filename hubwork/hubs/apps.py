from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "hubwork.hubs"
    label = "hubs"
    verbose_name = "Hubs"
