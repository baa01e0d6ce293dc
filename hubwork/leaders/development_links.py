"""The links to an LLME's development that leaders adds to core's menus and to the pages of
the apps below it (workgroups' link slots), from LeadersConfig.ready(): the hub staff area's
"LLME development" tab, "Co-leads' notes" among a Work Group's tools, and "Record a quality
visit" on each session's row of the staff Work Group page. Each URL is built from what the
page already holds, with no query."""

from urllib.parse import urlencode

from django.urls import reverse

from hubwork.core.links import SlotLink
from hubwork.core.navigation import Link, register
from hubwork.workgroups.links import SESSION_TOOLS, WORK_GROUP_TOOLS
from hubwork.workgroups.models import Session, WorkGroup


def lead_notes_url(work_group: WorkGroup) -> str:
    return reverse(
        "leaders:lead_notes", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    )


def visit_url(session: Session) -> str:
    return (
        reverse("leaders:quality_visit_create", kwargs={"hub_slug": session.work_group.hub.slug})
        + "?"
        + urlencode({"session": session.pk})
    )


def register_development_links() -> None:
    register(
        "hub_staff",
        Link("LLME development", "leaders:hub_development", active_below=True, order=47),
    )
    WORK_GROUP_TOOLS.register(
        SlotLink(
            "Co-leads' notes",
            url=lead_notes_url,
            hidden_text=lambda work_group: f" on {work_group.title}",
            after=": the leads' shared planning notes",
            order=40,
        )
    )
    SESSION_TOOLS.register(
        SlotLink(
            "Record a quality visit",
            url=visit_url,
            hidden_text=lambda session: f" to session {session.number}",
            order=50,
        )
    )
