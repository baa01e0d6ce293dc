"""What readings set for sessions add to the pages and reminders of the apps below research,
from ResearchConfig.ready(): links in workgroups' and practice's slots (core.links) and the
unread readings folded into practice's reminder before a session. Each URL is built from what
the page already holds, with no query."""

from django.urls import reverse

from hubwork.core.links import SlotLink
from hubwork.practice.links import GROUP_SPACE, SESSION_PAGES
from hubwork.practice.reminder_items import register_before_session_items
from hubwork.research.selectors.session_readings import readings_not_done
from hubwork.workgroups.links import MEMBER_WORK_GROUP, SESSION_TOOLS
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


def session_readings_url(session: Session) -> str:
    work_group = session.work_group
    return reverse(
        "research:session_readings",
        kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk, "session_pk": session.pk},
    )


def group_readings_url(work_group: WorkGroup) -> str:
    return reverse("research:group_readings", kwargs={"slug": work_group.slug})


def register_session_reading_links() -> None:
    readings = SlotLink[Session](
        "Readings",
        url=session_readings_url,
        hidden_text=lambda session: f" for session {session.number}",
        after=": set them, add them to the plan, see who has read them",
        order=25,
    )
    # On the staff Work Group page, for sessions going ahead; and on the leads' own pages
    # for a session (its row in the plans overview, its plan, gap tasks and What we tried).
    SESSION_TOOLS.register(
        SlotLink[Session](
            "Readings",
            url=session_readings_url,
            hidden_text=lambda session: f" for session {session.number}",
            order=25,
        )
    )
    SESSION_PAGES.register(readings)
    GROUP_SPACE.register(
        SlotLink[WorkGroup](
            "Readings",
            url=group_readings_url,
            hidden_text=lambda work_group: f" for {work_group.title}",
            after=": what to read before each session, and the responses members shared",
            order=10,
        )
    )
    MEMBER_WORK_GROUP.register(
        SlotLink[Enrolment](
            "Readings",
            url=lambda enrolment: group_readings_url(enrolment.work_group),
            hidden_text=lambda enrolment: f" for {enrolment.work_group.title}",
            after=": what to read before the next session",
            condition=lambda enrolment: enrolment.status in Enrolment.MEMBERS,
            order=15,
        )
    )
    register_before_session_items("research.readings", readings_not_done)
