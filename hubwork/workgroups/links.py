"""Links between Work Groups and the apps around them.

Slots: places on workgroups' pages where apps above (practice) add their links about a Work
Group, a session or a participant's place, without workgroups naming them (core.links). Each
page's view passes its slots to its template.

register_links(): what workgroups adds to the menus and pages of the apps below it
(core.navigation), from WorkGroupsConfig.ready().
"""

from hubwork.core.links import LinkSlot
from hubwork.core.navigation import Link, register, register_page
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

# A session's row on the staff Work Group page, after "Take the register" (sessions that
# are not cancelled).
SESSION_TOOLS: LinkSlot[Session] = LinkSlot("a session's tools on the staff Work Group page")
# The list of the Work Group's tools on its staff page, before attendance and completion.
WORK_GROUP_TOOLS: LinkSlot[WorkGroup] = LinkSlot("a Work Group's tools on its staff page")
# A participant's card for a Work Group in My Work Groups.
MEMBER_WORK_GROUP: LinkSlot[Enrolment] = LinkSlot("a participant's card in My Work Groups")


def register_links() -> None:
    register(
        "service",
        Link("Work Groups", "workgroups:catalogue", active_prefixes=("/work-groups/",), order=20),
    )
    register(
        "service",
        Link(
            "My Work Groups",
            "workgroups:mine",
            active_prefixes=("/my/work-groups/",),
            signed_in_only=True,
            order=50,
        ),
    )
    register("hub_staff", Link("Schools", "workgroups:hub_schools", order=20))
    register(
        "hub_staff", Link("Work Groups", "workgroups:manage_list", active_below=True, order=30)
    )
    # A hub's public page shows its offer of Work Groups, so it is served from here.
    register_page("hub", "workgroups:hub_detail")
