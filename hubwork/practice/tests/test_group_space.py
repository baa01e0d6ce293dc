"""The group space: members see each other's names and schools, and emails only of those who
chose to show them; shared outputs, shared trials and gap tasks still due. Members, leads and
hub staff get in; nobody else does."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import ContactSharing, Output
from hubwork.practice.tests.factories import (
    ClassroomTrialFactory,
    GapTaskFactory,
    OutputFactory,
)
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
)


@pytest.fixture
def member(work_group, participant, hillside):
    """A member whose school the page shows."""
    EnrolmentFactory.create(work_group=work_group, user=participant, school=hillside)
    return participant


@pytest.fixture
def sharer(work_group):
    """A member who chose to show their email address."""
    user = UserFactory.create(display_name="Sam Sharer", email="sam@example.org", password=None)
    EnrolmentFactory.create(
        work_group=work_group,
        user=user,
        school=SchoolFactory.create(urn=880101, name="Oak Academy"),
        status=Enrolment.Status.COMPLETED,
    )
    ContactSharing.objects.create(work_group=work_group, user=user)
    return user


def url(work_group, rest=""):
    return f"/work-groups/{work_group.slug}/space/{rest}"


def test_members_see_names_and_schools_but_emails_only_of_those_who_opted_in(
    client, work_group, member, sharer
):
    withdrawn = EnrolmentFactory.create(
        work_group=work_group,
        status=Enrolment.Status.WITHDRAWN,
        user=UserFactory.create(display_name="Wendy Withdrawn", password=None),
    )
    client.force_login(member)
    response = client.get(url(work_group))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Priya Clarke (you)" in html
    assert "Hillside Primary School" in html
    assert "Sam Sharer" in html
    assert "Oak Academy" in html
    assert 'href="mailto:sam@example.org"' in html
    assert member.email not in html
    assert "Wendy Withdrawn" not in html
    assert withdrawn.user.email not in html
    members = response.context["space"].members
    assert [m.email for m in members] == ["", "sam@example.org"]
    assert "Liam Evans" in html  # the lead, by name


def test_a_member_opts_in_and_out_through_the_page(client, work_group, member, sharer):
    client.force_login(member)
    html = client.get(url(work_group)).content.decode()
    assert "Show my email address to the group" in html

    response = client.post(url(work_group, "contact/"), {"share": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == url(work_group)
    assert ContactSharing.objects.filter(work_group=work_group, user=member).exists()
    html = response.content.decode()
    assert "Your email address is now shown" in html
    assert f'href="mailto:{member.email}"' in html
    assert "Stop showing my email address" in html
    assert AuditEvent.objects.filter(verb="contact_sharing.started", actor=member).exists()

    # Seen by another member too.
    client.force_login(sharer)
    assert f'href="mailto:{member.email}"' in client.get(url(work_group)).content.decode()

    client.force_login(member)
    response = client.post(url(work_group, "contact/"), {"share": "no"}, follow=True)
    assert not ContactSharing.objects.filter(work_group=work_group, user=member).exists()
    assert "no longer shown" in response.content.decode()
    assert member.email not in response.content.decode()
    assert AuditEvent.objects.filter(verb="contact_sharing.stopped", actor=member).exists()


def test_opting_in_twice_keeps_one_row(client, work_group, member):
    client.force_login(member)
    client.post(url(work_group, "contact/"), {"share": "yes"})
    client.post(url(work_group, "contact/"), {"share": "yes"})
    assert ContactSharing.objects.filter(work_group=work_group, user=member).count() == 1


def test_a_lead_has_no_contact_choice_to_make(client, work_group, llme):
    client.force_login(llme)
    assert "Show my email address" not in client.get(url(work_group)).content.decode()
    response = client.post(url(work_group, "contact/"), {"share": "yes"}, follow=True)
    assert "Only members" in response.content.decode()
    assert not ContactSharing.objects.exists()


def test_contact_sharing_is_post_only(client, work_group, member):
    client.force_login(member)
    assert client.get(url(work_group, "contact/")).status_code == 405


@pytest.mark.parametrize(
    "status", [Enrolment.Status.WAITLISTED, Enrolment.Status.WITHDRAWN, Enrolment.Status.OFFERED]
)
def test_people_without_a_place_are_turned_away(client, work_group, participant, status):
    EnrolmentFactory.create(work_group=work_group, user=participant, status=status)
    client.force_login(participant)
    assert client.get(url(work_group)).status_code == 403
    assert client.post(url(work_group, "contact/"), {"share": "yes"}).status_code == 403
    assert not ContactSharing.objects.exists()


def test_outsiders_are_turned_away(client, work_group, participant, outsider):
    client.force_login(participant)
    assert client.get(url(work_group)).status_code == 403
    client.force_login(outsider)  # another hub's lead
    assert client.get(url(work_group)).status_code == 403
    client.logout()
    assert client.get(url(work_group)).status_code == 302


def test_leads_and_hub_staff_get_in(client, work_group, llme, hub_lead, member):
    for person in (llme, hub_lead):
        client.force_login(person)
        response = client.get(url(work_group))
        assert response.status_code == 200
        assert "Priya Clarke" in response.content.decode()


def test_an_unknown_work_group_is_not_found(client, member):
    client.force_login(member)
    assert client.get("/work-groups/no-such-group/space/").status_code == 404


def test_shared_outputs_and_trials_and_gap_tasks_still_due(client, work_group, member, sharer):
    other_group = WorkGroupFactory.create(hub=work_group.hub)
    for visibility in Output.Visibility:
        OutputFactory.create(
            work_group=work_group, author=sharer, visibility=visibility, title=f"{visibility}-out"
        )
    OutputFactory.create(work_group=other_group, title="Elsewhere output")
    ClassroomTrialFactory.create(
        work_group=work_group,
        author=sharer,
        own_idea="Shared idea",
        gap_task=None,
        shared_at=timezone.now(),
    )
    ClassroomTrialFactory.create(
        work_group=work_group, author=sharer, own_idea="Draft idea", gap_task=None
    )
    session = SessionFactory.create(work_group=work_group)
    due = GapTaskFactory.create(
        session=session, title="Try bar models", due_on=timezone.localdate() + timedelta(days=3)
    )
    GapTaskFactory.create(
        session=session, title="Long past task", due_on=timezone.localdate() - timedelta(days=1)
    )

    client.force_login(member)
    html = client.get(url(work_group)).content.decode()
    for shown in ("group", "hub", "national"):
        assert f"{shown}-out" in html
    assert "private-out" not in html
    assert "Elsewhere output" not in html
    assert "Shared idea" in html
    assert "Draft idea" not in html
    assert "Try bar models" in html
    assert "Long past task" not in html
    assert f"/my/trials/new/?work_group={work_group.slug}&amp;gap_task={due.pk}" in html


def test_queries_stay_fixed_as_the_group_grows(
    client, work_group, member, sharer, django_assert_num_queries
):
    client.force_login(member)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(work_group)).status_code == 200
    session = SessionFactory.create(work_group=work_group)
    for number in range(6):
        user = UserFactory.create(password=None)
        EnrolmentFactory.create(work_group=work_group, user=user)
        if number % 2:
            ContactSharing.objects.create(work_group=work_group, user=user)
        OutputFactory.create(work_group=work_group, author=user)
        task = GapTaskFactory.create(
            session=session, due_on=timezone.localdate() + timedelta(days=number)
        )
        ClassroomTrialFactory.create(
            work_group=work_group, author=user, gap_task=task, shared_at=timezone.now()
        )
    with django_assert_num_queries(len(few)):
        response = client.get(url(work_group))
    assert len(response.context["space"].members) == 8
