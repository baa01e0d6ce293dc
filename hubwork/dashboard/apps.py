from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Each person's dashboard, drawn from every part of Hubwork, so it sits on top of them."""

    name = "hubwork.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"

    def ready(self) -> None:
        from hubwork.core.navigation import Link, register, register_page

        register_page("home", "dashboard:home")
        register_page("dashboard", "dashboard:index")
        # Signed in, a person's dashboard is their home, and it is where the pages of their
        # work (a hub's staff area, a Work Group's pages for its leads: "/manage/") start.
        register("service", Link("Home", "dashboard:home", signed_out_only=True, order=10))
        register(
            "service",
            Link(
                "Your dashboard",
                "dashboard:index",
                active_within=("/manage/",),
                signed_in_only=True,
                order=10,
            ),
        )
        register("footer", Link("Home", "dashboard:home", order=10))
        register("footer", Link("Your dashboard", "dashboard:index", signed_in_only=True, order=20))
