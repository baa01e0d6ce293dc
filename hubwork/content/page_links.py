"""The pages part's links in core's menus and its section on Hubwork's home page."""

from hubwork.accounts.models import CONTENT_ROLES, Role
from hubwork.core.navigation import Link, register
from hubwork.core.panels import register_panel


def register_pages() -> None:
    register("footer", Link("Spotlights and news", "content:articles", order=25))
    register(
        "service",
        Link("Edit the public site", "wagtailadmin_home", roles=CONTENT_ROLES, order=90),
    )
    register(
        "service",
        Link(
            "Public site editors",
            "content:roles",
            active_prefixes=("/national/content-roles/",),
            roles=frozenset({Role.NATIONAL_ADMIN}),
            order=95,
        ),
    )
    # The latest spotlights and news on Hubwork's home page.
    register_panel("home", "content/includes/home_section.html")
