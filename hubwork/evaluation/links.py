"""The links evaluation adds to the menus and pages of the apps below it (core.navigation and
workgroups' link slots), from EvaluationConfig.ready()."""

from django.urls import reverse

from hubwork.accounts.models import Role
from hubwork.core.links import SlotLink
from hubwork.core.navigation import Link, register
from hubwork.workgroups.links import MEMBER_WORK_GROUP, TAKES_PART, WORK_GROUP_TOOLS
from hubwork.workgroups.models import Enrolment


def register_links() -> None:
    # The questionnaires (instruments) are the national team's.
    register(
        "service",
        Link(
            "Questionnaires",
            "evaluation:questionnaires",
            active_prefixes=("/national/questionnaires/",),
            roles=frozenset({Role.NATIONAL_ADMIN}),
            order=80,
        ),
    )
    # The roll-ups: a tab of the hub's staff area (its staff and national admins may open
    # it, as they may the area), and each programme across hubs for the national team.
    register("hub_staff", Link("Evaluation", "evaluation:hub_rollup", active_below=True, order=50))
    register(
        "service",
        Link(
            "Evaluation",
            "evaluation:national_rollup",
            active_prefixes=("/national/evaluation/",),
            roles=frozenset({Role.NATIONAL_ADMIN}),
            order=85,
        ),
    )
    # The Work Group's evaluation page (response rates, reminders, feedback, report), on
    # its staff page for its leads and hub staff.
    WORK_GROUP_TOOLS.register(
        SlotLink(
            "Evaluation: response rates and feedback",
            url=lambda work_group: reverse(
                "evaluation:overview", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
            ),
            hidden_text=lambda work_group: f" for {work_group.title}",
            order=40,
        )
    )

    # Participants: their own feedback forms, from the menu and from each Work Group's card in
    # My Work Groups (which forms are open is on the page it links to: the card holds no query).
    register(
        "service",
        Link(
            "Feedback forms",
            "evaluation:my_forms",
            active_prefixes=("/my/evaluation/",),
            audience=TAKES_PART,
            order=65,
        ),
    )
    MEMBER_WORK_GROUP.register(
        SlotLink(
            "Feedback forms",
            url=lambda enrolment: reverse("evaluation:my_forms"),
            hidden_text=lambda enrolment: f" for {enrolment.work_group.title}",
            after=": after each session, and before and after the Work Group",
            condition=lambda enrolment: enrolment.status in Enrolment.MEMBERS,
            order=30,
        )
    )
