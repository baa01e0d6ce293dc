"""The links research adds to core's menus, from ResearchConfig.ready()."""

from django.urls import reverse

from hubwork.accounts.models import Role
from hubwork.core.links import CountedLink
from hubwork.core.navigation import Link, register
from hubwork.hubs.links import WAITING_FOR_HUB_STAFF
from hubwork.research.selectors.reviews import projects_to_review

# Those who add readings: the national team, hub staff and LLMEs.
CURATOR_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD, Role.ASSISTANT_HUB_LEAD, Role.LLME})


def register_links() -> None:
    # Published findings are for everyone, signed in or not: in every page's footer.
    register("footer", Link("Research findings", "research:findings", order=30))
    register(
        "service",
        Link(
            "Research library",
            "research:library",
            active_prefixes=("/library/",),
            roles=CURATOR_ROLES,
            order=70,
        ),
    )
    # Reviewing research projects: a tab of the hub's staff area and a count on their home
    # page; the national team's queue in their menu.
    register(
        "hub_staff", Link("Research reviews", "research:hub_reviews", active_below=True, order=45)
    )
    WAITING_FOR_HUB_STAFF.register(
        CountedLink(
            "Research projects to review",
            count=projects_to_review,
            url=lambda hub: reverse("research:hub_reviews", kwargs={"hub_slug": hub.slug}),
            order=40,
        )
    )
    register(
        "service",
        Link(
            "Research reviews",
            "research:national_reviews",
            active_prefixes=("/national/research-reviews/",),
            roles=frozenset({Role.NATIONAL_ADMIN}),
            order=75,
        ),
    )
