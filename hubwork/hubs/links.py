"""Slots for what a hub's staff must act on, which the apps that hold it fill (core.links).

WAITING_FOR_HUB_STAFF: the things waiting for a hub's staff to decide, counted per hub. The
staff's home (the dashboard) shows each count with its link for their hub, and the national
team's list of hubs a column for each. Workgroups adds the sign-ups waiting for hub review.

LLME applications do not exist yet. When they are built here, in hubs, they join the home
pages by registering in this slot from HubsConfig.ready(), with nothing else to change:

    WAITING_FOR_HUB_STAFF.register(
        CountedLink(
            "LLME applications to decide",
            count=llme_applications_waiting,  # {hub pk: how many}, one query for all hubs
            url=lambda hub: reverse("hubs:llme_applications", kwargs={"slug": hub.slug}),
            order=10,
        )
    )
"""

from hubwork.core.links import CountSlot, LinkSlot
from hubwork.hubs.models import Hub, HubRole

WAITING_FOR_HUB_STAFF: CountSlot[Hub] = CountSlot(
    "what waits for a hub's staff to decide, on their home and the national list of hubs"
)

# A person's row on the hub's team page (current and past roles): leaders adds "LLME record"
# to each LLME's.
TEAM_MEMBER: LinkSlot[HubRole] = LinkSlot("a person's row on the hub's team page")
