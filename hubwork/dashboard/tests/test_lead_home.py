"""An LLME's home summarises each Work Group they lead with counts, links every tool a lead
may use, and lists who has shared nothing in natural order (Teacher 2 before Teacher 10)."""

import re

from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.practice.tests.factories import (
    ActivityFactory,
    ClassroomTrialFactory,
    SessionPlanFactory,
)
from hubwork.workgroups.models import Attendance, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)


def test_each_led_work_group_is_summarised_with_counts_and_every_tool(client, hub, llme):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme], title="Mastering Number")
    base = f"/hubs/glow/manage/work-groups/{work_group.pk}/"
    members = [
        EnrolmentFactory.create(
            work_group=work_group,
            user=UserFactory.create(display_name=f"{'teacher' if n % 3 else 'Teacher'} {n}"),
        )
        for n in (1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9)
    ]
    first = SessionFactory.create(work_group=work_group, date=days(-30))
    Attendance.objects.create(enrolment=members[0], session=first, status="present")
    second = SessionFactory.create(work_group=work_group, date=days(-7))  # no register
    third = SessionFactory.create(work_group=work_group, date=days(10))  # no plan
    fourth = SessionFactory.create(work_group=work_group, date=days(20))
    ActivityFactory.create(plan=SessionPlanFactory.create(session=fourth))
    fifth = SessionFactory.create(work_group=work_group, date=days(60))
    for member in members[4:6]:  # Teacher 2 and 3 shared something since session 2
        ClassroomTrialFactory.create(
            work_group=work_group, author=member.user, gap_task=None, shared_at=timezone.now()
        )

    client.force_login(llme)
    response = client.get("/dashboard/")
    [led] = response.context["leading"]
    assert (led.members, led.held, len(led.sessions)) == (12, 2, 5)
    assert led.unplanned_soon == [third]
    assert led.registers_to_take == [second]
    assert led.what_we_tried == third
    assert not led.completion_due

    html = response.content.decode()
    assert "12 members · 2 of 5 sessions held" in html
    assert "1 session in the next four weeks with no plan" in html
    assert "nothing yet from 10 of 12 members" in html
    quiet = re.search(r'data-testid="quiet-\d+">(.*?)</ul>', html, re.S)
    assert quiet
    assert re.findall(r"<li>(.*?)</li>", quiet.group(1)) == [
        "teacher 1", "teacher 4", "teacher 5", "Teacher 6", "teacher 7", "teacher 8",
        "Teacher 9", "teacher 10", "teacher 11", "Teacher 12",
    ]  # fmt: skip
    # Every tool a lead may use, from the home.
    for link in (
        f"{base}plans/",
        f"{base}participants/",
        f"{base}attendance/",
        f"{base}completion/",
        f"/work-groups/{work_group.slug}/space/",
        f"{base}sessions/{third.pk}/plan/",
        f"{base}sessions/{third.pk}/rearrange/",
        f"{base}sessions/{second.pk}/register/",
        f"{base}sessions/{third.pk}/what-we-tried/",
    ):
        assert f'href="{link}"' in html, link
    # A summary, not every session of the year.
    assert f"{base}sessions/{fifth.pk}/" not in html
    assert f"{base}sessions/{first.pk}/" not in html


def test_a_work_group_whose_sessions_have_all_gone_ahead_asks_for_completion(client, hub, llme):
    work_group = WorkGroupFactory.create(
        hub=hub, leads=[llme], title="Oracy", status=WorkGroup.Status.RUNNING
    )
    member = EnrolmentFactory.create(work_group=work_group)
    for offset in (-60, -40):
        session = SessionFactory.create(work_group=work_group, date=days(offset))
        Attendance.objects.create(enrolment=member, session=session, status="present")
    client.force_login(llme)
    response = client.get("/dashboard/")
    assert response.context["leading"][0].completion_due
    assert response.context["leading"][0].next_session is None
    html = response.content.decode()
    assert "Every session has gone ahead: decide who completes" in html
    assert f'href="/hubs/glow/manage/work-groups/{work_group.pk}/completion/">Decide' in html

    # Once applied, it asks no more.
    WorkGroup.objects.filter(pk=work_group.pk).update(status=WorkGroup.Status.COMPLETED)
    assert not client.get("/dashboard/").context["leading"][0].completion_due
