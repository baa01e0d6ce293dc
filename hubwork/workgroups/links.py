"""Links between Work Groups and the apps around them.

Slots: places on workgroups' pages where apps above (practice) add their links about a Work
Group, a session or a participant's place, without workgroups naming them (core.links). Each
page's view passes its slots to its template.

register_links(): what workgroups adds to the menus and pages of the apps below it
(core.navigation), from WorkGroupsConfig.ready().

work_group_home_url(): where "Back" and "Cancel" on a Work Group's pages for its leads and
hub staff go, so that each person is sent somewhere they may go.
"""

from django.urls import reverse

from hubwork.core.links import CountedLink, LinkSlot
from hubwork.core.navigation import Link, page_url, register, register_audience, register_page
from hubwork.hubs.links import WAITING_FOR_HUB_STAFF
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.selectors.hub_work_groups import sign_ups_to_review
from hubwork.workgroups.selectors.my_work_groups import takes_part

# The Work Group's page for its leads, who are not always hub staff: its sessions with their
# plans and tools. An app above registers it (core.navigation.register_page) with the
# arguments hub_slug and pk.
LEADS_WORK_GROUP_PAGE = "work_group_sessions"

# The people who take part in Work Groups (a core.navigation audience): see takes_part.
TAKES_PART = "takes_part"

# A session's row on the staff Work Group page, after "Take the register" (sessions that
# are not cancelled).
SESSION_TOOLS: LinkSlot[Session] = LinkSlot("a session's tools on the staff Work Group page")
# The list of the Work Group's tools on its staff page, before attendance and completion.
WORK_GROUP_TOOLS: LinkSlot[WorkGroup] = LinkSlot("a Work Group's tools on its staff page")
# A participant's card for a Work Group in My Work Groups.
MEMBER_WORK_GROUP: LinkSlot[Enrolment] = LinkSlot("a participant's card in My Work Groups")


def register_links() -> None:
    # My Work Groups is for the people it answers "takes part" for (teachers, and staff or
    # leads with a place somewhere); a Work Group's group space is theirs too.
    register_audience(TAKES_PART, takes_part)
    register(
        "service",
        Link(
            "Work Groups",
            "workgroups:catalogue",
            active_prefixes=("/work-groups/",),
            inactive_within=("/space/",),
            order=20,
        ),
    )
    register(
        "service",
        Link(
            "My Work Groups",
            "workgroups:mine",
            active_prefixes=("/my/work-groups/",),
            active_within=("/space/",),
            audience=TAKES_PART,
            order=50,
        ),
    )
    register("hub_staff", Link("Schools", "workgroups:hub_schools", order=20))
    register(
        "hub_staff", Link("Work Groups", "workgroups:manage_list", active_below=True, order=30)
    )
    register("hub_staff", Link("LLME load", "workgroups:llme_load", order=35))
    # A hub's public page shows its offer of Work Groups, so it is served from here.
    register_page("hub", "workgroups:hub_detail")
    WAITING_FOR_HUB_STAFF.register(
        CountedLink(
            "Sign-ups to review",
            count=sign_ups_to_review,
            url=lambda hub: reverse("workgroups:manage_list", kwargs={"hub_slug": hub.slug}),
            order=20,
        )
    )


def work_group_home_url(work_group: WorkGroup, *, is_hub_staff: bool) -> str:
    """The Work Group's own page for this person: its staff page for the hub's staff, its
    sessions page for a lead who is not (the staff page would answer 403)."""
    kwargs = {"hub_slug": work_group.hub.slug, "pk": str(work_group.pk)}
    if is_hub_staff:
        return reverse("workgroups:manage", kwargs=kwargs)
    return page_url(LEADS_WORK_GROUP_PAGE, **kwargs)
