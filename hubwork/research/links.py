"""The links research adds to core's menus, from ResearchConfig.ready()."""

from hubwork.accounts.models import Role
from hubwork.core.navigation import Link, register

# Those who add readings: the national team, hub staff and LLMEs.
CURATOR_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD, Role.ASSISTANT_HUB_LEAD, Role.LLME})


def register_links() -> None:
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
