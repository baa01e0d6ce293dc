"""The links to LLME applications that leaders adds to core's menus and to the hubs' slots,
from LeadersConfig.ready(): the hub staff area's "LLME applications" tab and the count of
applications waiting for a first look on the staff's home. It also loads the application
emails (application_tasks) so that every process, web or worker, has them registered."""

from django.urls import reverse

from hubwork.core.links import CountedLink
from hubwork.core.navigation import Link, register
from hubwork.hubs.links import WAITING_FOR_HUB_STAFF


def register_application_links() -> None:
    from hubwork.leaders import application_tasks  # noqa: F401  (registers the tasks)
    from hubwork.leaders.selectors.applications import llme_applications_waiting

    # Every member of a hub's staff reads and moves applications on.
    register(
        "hub_staff",
        Link("LLME applications", "leaders:hub_applications", active_below=True, order=33),
    )
    WAITING_FOR_HUB_STAFF.register(
        CountedLink(
            "LLME applications to decide",
            count=llme_applications_waiting,
            url=lambda hub: (
                reverse("leaders:hub_applications", kwargs={"hub_slug": hub.slug})
                + "?status=received"
            ),
            order=10,
        )
    )
