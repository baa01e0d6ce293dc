"""Leads (LLMEs, not hub staff) and participants can follow every link on the pages they use
between sessions: none leads to a page they are refused."""

import re
from datetime import timedelta

from django.utils import timezone

from hubwork.practice.tests.factories import (
    ActivityFactory,
    ClassroomTrialFactory,
    GapTaskFactory,
    OutputFactory,
    SessionPlanFactory,
)
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

LINK = re.compile(r'href="(/(?:hubs|work-groups|my|trials|files)/[^"#?]*)"')


def follow_every_link(client, pages: list[str], posting: tuple[str, ...]) -> set[str]:
    """Open each page, then every link on it once; links ending in `posting` lead to forms
    that post (or confirmations of them), not pages, and are not opened. Returns the links."""
    followed: set[str] = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        for link in set(LINK.findall(response.content.decode())) - followed:
            followed.add(link)
            if link.endswith(posting):
                continue
            assert client.get(link).status_code in {200, 302}, f"{link} from {page}"
    return followed


def lead_pages(hub, work_group) -> list[str]:
    """Every page a Work Group's lead uses, in a group with sessions before and after today,
    a plan, a gap task, a shared trial and a member."""
    today = timezone.localdate()
    first = SessionFactory.create(work_group=work_group, date=today - timedelta(days=14))
    second = SessionFactory.create(work_group=work_group, date=today + timedelta(days=14))
    ActivityFactory.create(plan=SessionPlanFactory.create(session=first))
    task = GapTaskFactory.create(session=first, due_on=second.date)
    member = EnrolmentFactory.create(work_group=work_group)
    ClassroomTrialFactory.create(
        work_group=work_group, author=member.user, gap_task=task, shared_at=timezone.now()
    )
    base = f"/hubs/{hub.slug}/manage/work-groups/{work_group.pk}/"
    return [
        "/dashboard/",
        base + "plans/",
        base + f"sessions/{first.pk}/plan/",
        base + f"sessions/{first.pk}/gap-tasks/",
        base + f"sessions/{second.pk}/what-we-tried/",
        base + f"sessions/{second.pk}/what-we-tried/print/",
        base + f"sessions/{second.pk}/rearrange/",
        base + f"sessions/{first.pk}/register/",
        base + "participants/",
        base + "participants/message/",
        base + f"participants/{member.pk}/move/",
        base + "attendance/",
        base + "completion/",
        base + f"completion/{member.pk}/",
        f"/work-groups/{work_group.slug}/space/",
    ]


POSTING = ("/delete/", "/remove/", "/contact/", "/share/")


def test_every_link_on_the_leads_pages_opens_for_the_lead(client, hub, llme):
    """For an LLME who is not on the hub's staff: no link (a back link, a cancel link, a
    tool) leads to the hub staff pages, which would answer 403."""
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    base = f"/hubs/{hub.slug}/manage/work-groups/{work_group.pk}/"
    client.force_login(llme)
    followed = follow_every_link(client, lead_pages(hub, work_group), POSTING)
    assert base + "plans/" in followed  # where "Back" and "Cancel" take the lead
    assert base not in followed  # the staff page


def test_every_link_on_the_leads_pages_opens_for_a_hub_lead(client, hub, hub_lead, llme):
    """The same pages (and the hub lead's home) for the hub's lead, whose back and cancel
    links go to the staff page."""
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    base = f"/hubs/{hub.slug}/manage/work-groups/{work_group.pk}/"
    pages = lead_pages(hub, work_group)
    client.force_login(hub_lead)
    pages.append(f"/hubs/{hub.slug}/manage/work-groups/")
    followed = follow_every_link(client, pages, POSTING)
    assert base in followed
    assert base + f"sessions/{work_group.sessions.get(number=1).pk}/register/" in followed


def test_every_link_on_a_participants_pages_opens_for_them(client, hub, participant):
    work_group = WorkGroupFactory.create(hub=hub)
    EnrolmentFactory.create(work_group=work_group, user=participant)
    today = timezone.localdate()
    first = SessionFactory.create(work_group=work_group, date=today - timedelta(days=14))
    task = GapTaskFactory.create(session=first, due_on=today + timedelta(days=7))
    trial = ClassroomTrialFactory.create(
        work_group=work_group, author=participant, gap_task=task, shared_at=timezone.now()
    )
    OutputFactory.create(work_group=work_group, author=participant)
    pages = [
        "/dashboard/",
        "/my/work-groups/",
        "/my/practice/",
        f"/trials/{trial.pk}/",
        f"/my/trials/{trial.pk}/",
        "/my/reflections/",
        "/my/outputs/",
        "/outputs/",
        f"/work-groups/{work_group.slug}/space/",
        f"/work-groups/{work_group.slug}/space/discussion/",
    ]
    client.force_login(participant)
    followed = follow_every_link(
        client, pages, ("/delete/", "/remove/", "/contact/", "/share/", "/withdraw/")
    )
    assert "/my/trials/new/" in followed
