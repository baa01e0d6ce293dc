"""The links practice adds to the menus and pages of the apps below it (core.navigation and
workgroups' link slots), from PracticeConfig.ready(). Each URL is built from what the page
already holds, with no query."""

from urllib.parse import urlencode

from django.urls import reverse

from hubwork.core.links import LinkSlot, SlotLink
from hubwork.core.navigation import Link, register, register_page
from hubwork.workgroups.links import (
    LEADS_WORK_GROUP_PAGE,
    MEMBER_WORK_GROUP,
    SESSION_TOOLS,
    TAKES_PART,
    WORK_GROUP_TOOLS,
)
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

# Slots on practice's pages for the apps above it (core.links), each passed by its view:
# a session's links on the pages where its leads manage it (its row in the plans overview,
# its plan, gap tasks and What we tried pages) …
SESSION_PAGES: LinkSlot[Session] = LinkSlot("links on the pages where leads manage a session")
# … and the links in a Work Group's group space, for its members, leads and hub staff.
GROUP_SPACE: LinkSlot[WorkGroup] = LinkSlot("links in a Work Group's group space")


def register_links() -> None:
    # The plans overview is a Work Group's sessions page for its leads, with every tool
    # they may use: workgroups sends leads who are not hub staff back to it.
    register_page(LEADS_WORK_GROUP_PAGE, "practice:plans")
    register(
        "service",
        Link(
            "Between sessions",
            "practice:mine",
            active_prefixes=("/my/practice", "/my/tria", "/my/refl", "/my/outp"),
            # Trials, reflections and outputs are for people who take part in Work Groups.
            audience=TAKES_PART,
            order=60,
        ),
    )

    SESSION_TOOLS.register(
        SlotLink(
            "Plan",
            url=lambda session: _session_url("practice:plan", session),
            hidden_text=lambda session: f" session {session.number}",
            order=10,
        )
    )
    SESSION_TOOLS.register(
        SlotLink(
            "Gap tasks",
            url=lambda session: _session_url("practice:gap_tasks", session),
            hidden_text=lambda session: f" set at session {session.number}",
            order=20,
        )
    )
    SESSION_TOOLS.register(
        SlotLink(
            "What we tried",
            url=lambda session: _session_url("practice:what_we_tried", session),
            hidden_text=lambda session: f" before session {session.number}",
            # Trials come back between sessions, so there is nothing to see before the first.
            condition=lambda session: session.number > 1,
            order=30,
        )
    )

    WORK_GROUP_TOOLS.register(
        SlotLink(
            "Session plans and EEF mechanisms",
            url=lambda work_group: reverse(
                "practice:plans", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
            ),
            hidden_text=_for_work_group,
            order=10,
        )
    )
    WORK_GROUP_TOOLS.register(
        SlotLink(
            "Group space and discussion",
            url=lambda work_group: _group_space_url(work_group),
            hidden_text=_for_work_group,
            order=20,
        )
    )

    MEMBER_WORK_GROUP.register(
        SlotLink(
            "Group space",
            url=lambda enrolment: _group_space_url(enrolment.work_group),
            hidden_text=lambda enrolment: _for_work_group(enrolment.work_group),
            after=": members, shared outputs and the discussion",
            condition=lambda enrolment: enrolment.status in Enrolment.MEMBERS,
            order=10,
        )
    )
    MEMBER_WORK_GROUP.register(
        SlotLink(
            "Log a classroom trial",
            url=lambda enrolment: (
                reverse("practice:trial_create")
                + "?"
                + urlencode({"work_group": enrolment.work_group.slug})
            ),
            hidden_text=lambda enrolment: _for_work_group(enrolment.work_group),
            condition=lambda enrolment: enrolment.status == Enrolment.Status.ENROLLED,
            order=20,
        )
    )


def _session_url(url_name: str, session: Session) -> str:
    work_group = session.work_group
    return reverse(
        url_name,
        kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk, "session_pk": session.pk},
    )


def _group_space_url(work_group: WorkGroup) -> str:
    return reverse("practice:group_space", kwargs={"slug": work_group.slug})


def _for_work_group(work_group: WorkGroup) -> str:
    return f" for {work_group.title}"
