from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "hubwork.hubs"
    label = "hubs"
    verbose_name = "Hubs"

    def ready(self) -> None:
        from hubwork.core.navigation import Link, register, register_page

        # The public list of hubs, with each hub's contact details (core's help page).
        register_page("hubs", "hubs:list")

        # The public pages about hubs; a hub's staff area sits under /hubs/ too, but is not one.
        register(
            "service",
            Link(
                "Maths Hubs",
                "hubs:list",
                active_prefixes=("/hubs/",),
                inactive_within=("/manage/",),
                order=30,
            ),
        )
        register("hub_staff", Link("Team", "hubs:team", order=10))
