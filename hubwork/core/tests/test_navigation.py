"""The navigation shows each person what is for them and where they are, for a fixed number of
queries: links by sign-in, role and audience; the staff area is not the public hub pages."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from hubwork.core import navigation
from hubwork.core.navigation import Link, Person
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory


def menu(html: str) -> list[str]:
    """The service navigation's labels, the active one in brackets."""
    block = html[html.index('<ul class="govuk-service-navigation__list"') :]
    block = block[: block.index("</ul>")]
    labels = []
    for item in re.findall(r"<li class=\"([^\"]*)\">(.*?)</li>", block, re.S):
        label = re.sub(r"<[^>]+>", "", item[1]).strip()
        labels.append(f"[{label}]" if "--active" in item[0] else label)
    return labels


def account_links(html: str) -> list[str]:
    block = html[html.index('<nav aria-label="Your account"') :]
    block = block[: block.index("</nav>")]
    return [text.strip() for text in re.findall(r">([^<>]+)</(?:a|button)>", block)]


def test_signed_out_people_see_the_public_service(client, db):
    html = client.get("/work-groups/").content.decode()
    assert menu(html) == ["Home", "[Work Groups]", "Maths Hubs"]
    assert account_links(html) == ["Sign in", "Create an account"]


def test_a_teacher_sees_their_own_tools(client, participant):
    client.force_login(participant)
    html = client.get("/dashboard/").content.decode()
    assert menu(html) == [
        "[Your dashboard]",
        "Work Groups",
        "Maths Hubs",
        "My Work Groups",
        "Between sessions",
        "Feedback forms",
    ]
    assert account_links(html) == ["Your account", "Sign out"]
    assert "[Between sessions]" in menu(client.get("/my/practice/").content.decode())
    assert "[Feedback forms]" in menu(client.get("/my/evaluation/").content.decode())


def test_staff_who_take_part_in_nothing_do_not_see_a_participant_s_tools(client, hub_lead):
    client.force_login(hub_lead)
    html = client.get("/dashboard/").content.decode()
    assert menu(html) == [
        "[Your dashboard]",
        "Work Groups",
        "Maths Hubs",
        "Research library",
        "Research projects",
    ]


def test_staff_who_take_part_in_a_work_group_do(client, hub_lead, hub):
    EnrolmentFactory.create(user=hub_lead, work_group=WorkGroupFactory.create(hub=hub))
    client.force_login(hub_lead)
    assert "Between sessions" in menu(client.get("/dashboard/").content.decode())


def test_the_staff_area_is_not_the_public_maths_hubs_pages(client, hub_lead, hub):
    client.force_login(hub_lead)
    html = client.get("/hubs/glow/manage/team/").content.decode()
    assert menu(html) == [
        "[Your dashboard]",
        "Work Groups",
        "Maths Hubs",
        "Research library",
        "Research projects",
    ]
    # Its breadcrumb goes to the hub's staff area, not to the public hub page.
    breadcrumbs = html[html.index('aria-label="Breadcrumb"') :]
    breadcrumbs = breadcrumbs[: breadcrumbs.index("</nav>")]
    assert 'href="/hubs/glow/manage/">GLOW Maths Hub staff area</a>' in breadcrumbs
    assert 'href="/hubs/glow/"' not in breadcrumbs
    # The public pages about hubs are still "Maths Hubs".
    assert "[Maths Hubs]" in menu(client.get("/hubs/glow/").content.decode())


def test_leads_who_are_not_hub_staff_get_no_staff_area_breadcrumb(client, llme, hub):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    client.force_login(llme)
    html = client.get(f"/hubs/glow/manage/work-groups/{work_group.pk}/plans/").content.decode()
    breadcrumbs = html[html.index('aria-label="Breadcrumb"') :]
    breadcrumbs = breadcrumbs[: breadcrumbs.index("</nav>")]
    assert "/hubs/glow/manage/" not in breadcrumbs
    assert "[Your dashboard]" in menu(html)


# The rules themselves, and what they cost.


@pytest.fixture
def menus(monkeypatch):
    """A clean set of menus and audiences for one test."""
    monkeypatch.setattr(navigation, "_menus", {})
    monkeypatch.setattr(navigation, "_audiences", {})


def test_links_for_roles_and_audiences(menus, hub_lead, participant):
    asked = []

    def reads(user) -> bool:
        asked.append(user)
        return True

    navigation.register_audience("readers", reads)
    navigation.register("footer", Link("Everyone", "core:help"))
    navigation.register("footer", Link("Out", "core:privacy", signed_out_only=True))
    navigation.register("footer", Link("Leads", "core:cookies", roles=frozenset({"hub_lead"})))
    navigation.register("footer", Link("Readers", "core:accessibility", audience="readers"))

    def labels(person: Person) -> list[str]:
        return [item.label for item in navigation.menu_items("footer", path="/", person=person)]

    assert labels(Person()) == ["Everyone", "Out"]
    lead = Person(hub_lead)
    assert labels(lead) == ["Everyone", "Leads", "Readers"]
    assert labels(lead) == ["Everyone", "Leads", "Readers"]
    assert asked == [hub_lead]  # once per person, however many menus ask
    assert labels(Person(participant)) == ["Everyone", "Readers"]


def test_active_within_and_inactive_within(menus):
    navigation.register(
        "footer",
        Link("Hubs", "core:help", active_prefixes=("/hubs/",), inactive_within=("/manage/",)),
    )
    navigation.register("footer", Link("Home", "core:privacy", active_within=("/manage/",)))

    def active(path: str) -> list[str]:
        items = navigation.menu_items("footer", path=path, person=Person())
        return [item.label for item in items if item.active]

    assert active("/hubs/glow/") == ["Hubs"]
    assert active("/hubs/glow/manage/team/") == ["Home"]


def test_the_menus_cost_at_most_one_query_whatever_their_links(rf: RequestFactory, hub_lead):
    request = rf.get("/dashboard/")
    request.user = hub_lead
    assert hub_lead.roles  # the request has read the roles already (the two-factor check)
    template = Template(
        "{% load navigation %}{% navigation_menu 'service' as a %}"
        "{% navigation_menu 'footer' as b %}{% navigation_menu 'account' as c %}"
    )
    with CaptureQueriesContext(connection) as queries:
        template.render(Context({"request": request}))
    assert len(queries) == 1  # does this member of staff take part in anything?
