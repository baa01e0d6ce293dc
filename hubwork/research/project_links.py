"""The links to research projects that research adds to core's menus and to the pages of the
apps below it (workgroups' link slots), from ResearchConfig.ready(). Kept beside links.py so
each subject's links stay in one small module. Each URL is built from what the page already
holds, with no query."""

from django.urls import reverse

from hubwork.accounts.models import Role
from hubwork.core.links import SlotLink
from hubwork.core.navigation import Link, register
from hubwork.practice.links import GROUP_SPACE
from hubwork.programmes.models import Programme
from hubwork.workgroups.links import MEMBER_WORK_GROUP, WORK_GROUP_TOOLS
from hubwork.workgroups.models import Enrolment, WorkGroup

# Who finds research projects in the menu: the national team, hub staff and LLMEs.
# Participants reach their project from My Work Groups and their group space.
PROJECT_MENU_ROLES = frozenset(
    {Role.NATIONAL_ADMIN, Role.HUB_LEAD, Role.ASSISTANT_HUB_LEAD, Role.LLME}
)


def _is_riwg(work_group: WorkGroup) -> bool:
    return work_group.programme.kind == Programme.Kind.RIWG


def work_group_project_url(work_group: WorkGroup) -> str:
    return reverse("research:work_group_project", kwargs={"slug": work_group.slug})


def register_project_links() -> None:
    register(
        "service",
        Link(
            "Research projects",
            "research:projects",
            active_prefixes=("/research-projects/", "/national/research-projects/"),
            roles=PROJECT_MENU_ROLES,
            order=72,
        ),
    )
    register(
        "hub_staff",
        Link("Research projects", "research:hub_projects", active_below=True, order=44),
    )
    WORK_GROUP_TOOLS.register(
        SlotLink(
            "Research project",
            url=work_group_project_url,
            hidden_text=lambda work_group: f" of {work_group.title}",
            after=": question, method, ethics, enquiry cycles and write-up",
            condition=_is_riwg,
            order=30,
        )
    )
    GROUP_SPACE.register(
        SlotLink(
            "The group's research project",
            url=work_group_project_url,
            hidden_text=lambda work_group: f": {work_group.title}",
            after=": question, method, ethics and everyone's enquiry cycles",
            condition=_is_riwg,
            order=30,
        )
    )
    MEMBER_WORK_GROUP.register(
        SlotLink(
            "Research project",
            url=lambda enrolment: work_group_project_url(enrolment.work_group),
            hidden_text=lambda enrolment: f" of {enrolment.work_group.title}",
            after=": the group's research, and your enquiry cycles",
            condition=lambda enrolment: (
                enrolment.status in Enrolment.MEMBERS and _is_riwg(enrolment.work_group)
            ),
            order=15,
        )
    )
