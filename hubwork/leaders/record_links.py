"""The links to the PD Lead pathway and LLME records that leaders adds to core's menus and
to the pages of the apps below it, from LeadersConfig.ready(): the hub staff area's "PD Lead
cohort" tab, the "llme_record" page (named in hubs' welcome email), and "LLME record" beside
each LLME on the hub's team page. Each URL is built from what the page already holds."""

from django.urls import reverse

from hubwork.core.links import SlotLink
from hubwork.core.navigation import Link, register, register_page
from hubwork.hubs.links import TEAM_MEMBER
from hubwork.hubs.models import HubRole
from hubwork.hubs.notifications import LLME_RECORD_PAGE


def llme_record_url(hub_role: HubRole) -> str:
    return reverse("leaders:llme_record", kwargs={"pk": hub_role.user_id})


def register_record_links() -> None:
    register("hub_staff", Link("PD Lead cohort", "leaders:pd_lead_cohort", order=37))
    register_page(LLME_RECORD_PAGE, "leaders:llme_record")
    TEAM_MEMBER.register(
        SlotLink(
            "LLME record",
            url=llme_record_url,
            hidden_text=lambda hub_role: f" of {hub_role.user.display_name}",
            condition=lambda hub_role: hub_role.role == HubRole.Kind.LLME,
        )
    )
