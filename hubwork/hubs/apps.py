from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "hubwork.hubs"
    label = "hubs"
    verbose_name = "Hubs"

    def ready(self) -> None:
        from hubwork.core.navigation import Link, register

        register("service", Link("Maths Hubs", "hubs:list", active_prefixes=("/hubs/",), order=30))
        register("hub_staff", Link("Team", "hubs:team", order=10))
