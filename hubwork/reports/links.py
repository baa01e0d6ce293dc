"""The links reports adds to the menus of the apps below it (core.navigation), from
ReportsConfig.ready(): a tab of each hub's staff area, and the national picture for the
national team."""

from hubwork.accounts.models import Role
from hubwork.core.navigation import Link, register


def register_links() -> None:
    """Each report registers its entry here as it lands."""
    # The hub's reach report: a tab of its staff area (its staff and national admins).
    register("hub_staff", Link("Reports", "reports:hub", active_below=True, order=60))
    # The national picture: every hub side by side, ten years, programmes across hubs.
    register(
        "service",
        Link(
            "Reports",
            "reports:national",
            active_prefixes=("/national/reports/",),
            roles=frozenset({Role.NATIONAL_ADMIN}),
            order=90,
        ),
    )
