"""Completing a Work Group: the rule applied as it ends, overrides, and school engagement."""

import pytest
from django.core.exceptions import ValidationError

from hubwork.core.models import AuditEvent
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Attendance, Enrolment, SchoolEngagement, Session, WorkGroup
from hubwork.workgroups.services.attendance import register_record
from hubwork.workgroups.services.completion import completion_apply, completion_override
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

BASE = "/hubs/glow/manage/work-groups/"


@pytest.fixture
def work_group(hub, llme):
    programme = ProgrammeFactory.create(completion_min_sessions=2)
    return WorkGroupFactory.create(hub=hub, programme=programme, leads=[llme], status="running")


@pytest.fixture
def year(work_group, llme, hillside):
    """A year of attendance: three sessions went ahead and one was cancelled.

    Hillside has one completer (Amy, present twice and late once) and one who falls short
    (Ben, once); Oakfield's only participant (Cara) came once, so Oakfield did not engage.
    """
    oakfield = SchoolFactory.create(
        name="Oakfield Academy", local_authority=hillside.local_authority
    )
    amy, ben = (
        EnrolmentFactory.create(work_group=work_group, school=hillside, user__display_name=name)
        for name in ["Amy Adams", "Ben Brown"]
    )
    cara = EnrolmentFactory.create(
        work_group=work_group, school=oakfield, user__display_name="Cara Cole"
    )
    sessions = [
        SessionFactory.create(work_group=work_group, date=days(-90 + 30 * n)) for n in range(3)
    ]
    cancelled = SessionFactory.create(
        work_group=work_group, date=days(-10), status=Session.Status.CANCELLED
    )
    marks = [
        {amy.pk: "present", ben.pk: "present", cara.pk: "absent"},
        {amy.pk: "late", ben.pk: "apologies", cara.pk: "present"},
        {amy.pk: "absent", ben.pk: "absent", cara.pk: "apologies"},
    ]
    for session, register in zip(sessions, marks, strict=True):
        register_record(session=session, marks=register, by=llme)
    # Present at a session that was cancelled (marked before it was) does not count.
    Attendance.objects.create(enrolment=ben, session=cancelled, status="present")
    return {"amy": amy, "ben": ben, "cara": cara, "hillside": hillside, "oakfield": oakfield}


def status_of(enrolment: Enrolment) -> str:
    return Enrolment.objects.get(pk=enrolment.pk).status


def test_a_year_of_attendance_ends_in_the_right_completions_and_engagements(
    client, hub_lead, work_group, year
):
    url = f"{BASE}{work_group.pk}/completion/"
    client.force_login(hub_lead)
    response = client.get(url)
    report = response.context["report"]
    assert (report.required, report.held) == (2, 3)
    assert [line.enrolment for line in report.completed] == [year["amy"]]
    assert [(line.enrolment, line.attended) for line in report.not_completed] == [
        (year["ben"], 1), (year["cara"], 1),
    ]  # fmt: skip
    assert not SchoolEngagement.objects.exists()  # a preview changes nothing

    response = client.post(url)
    assert response.url == url
    assert status_of(year["amy"]) == Enrolment.Status.COMPLETED
    assert status_of(year["ben"]) == status_of(year["cara"]) == Enrolment.Status.ENROLLED
    engagement = SchoolEngagement.objects.get()
    assert (engagement.school, engagement.academic_year) == (
        year["hillside"],
        work_group.academic_year,
    )
    assert engagement.first_completion == year["amy"]
    assert WorkGroup.objects.get(pk=work_group.pk).status == WorkGroup.Status.COMPLETED
    event = AuditEvent.objects.get(verb="work_group.completion_applied")
    assert event.actor == hub_lead
    assert event.hub_id == work_group.hub_id
    assert event.data["completed"] == [year["amy"].pk]
    assert event.data["not_completed"] == {str(year["ben"].pk): 1, str(year["cara"].pk): 1}
    assert "Apply the completion rule" not in client.get(url).content.decode()


def test_with_no_minimum_every_session_that_went_ahead_counts(llme, hub, hillside):
    work_group = WorkGroupFactory.create(
        hub=hub, programme=ProgrammeFactory.create(completion_min_sessions=None)
    )
    amy, ben = EnrolmentFactory.create_batch(2, work_group=work_group, school=hillside)
    held = [SessionFactory.create(work_group=work_group, date=days(-20 + n)) for n in range(2)]
    SessionFactory.create(work_group=work_group, date=days(20))  # not yet: not required
    register_record(session=held[0], marks={amy.pk: "present", ben.pk: "present"}, by=llme)
    register_record(session=held[1], marks={amy.pk: "late", ben.pk: "absent"}, by=llme)
    report = completion_apply(work_group=work_group, by=llme)
    assert report.required == 2
    assert (status_of(amy), status_of(ben)) == ("completed", "enrolled")


def test_nothing_completes_before_any_session_went_ahead(llme, work_group):
    EnrolmentFactory.create(work_group=work_group)
    SessionFactory.create(work_group=work_group, date=days(5))
    with pytest.raises(ValidationError, match="No sessions have gone ahead"):
        completion_apply(work_group=work_group, by=llme)
    assert WorkGroup.objects.get(pk=work_group.pk).status == WorkGroup.Status.RUNNING


def test_override_needs_a_reason_is_audited_and_keeps_engagement_right(
    client, hub_lead, work_group, year
):
    completion_apply(work_group=work_group, by=hub_lead)
    amy, ben, cara = year["amy"], year["ben"], year["cara"]
    change = f"{BASE}{work_group.pk}/completion/{{}}/"
    client.force_login(hub_lead)

    response = client.post(change.format(cara.pk), {"completed": "yes", "reason": ""})
    assert "Give a reason" in response.content.decode()
    assert status_of(cara) == "enrolled"

    # Cara's absence was a recording mistake: she completes, and Oakfield engaged.
    response = client.post(change.format(cara.pk), {"completed": "yes", "reason": "Register error"})
    assert response.url == f"{BASE}{work_group.pk}/completion/"
    assert status_of(cara) == "completed"
    assert SchoolEngagement.objects.get(school=year["oakfield"]).first_completion == cara
    event = AuditEvent.objects.get(verb="enrolment.completion_overridden")
    assert event.data == {"completed": True, "reason": "Register error"}
    assert event.actor == hub_lead
    assert event.hub_id == work_group.hub_id

    # Ben completes too; then Amy did not after all: Hillside still engaged, through Ben.
    completion_override(enrolment=ben, completed=True, by=hub_lead, reason="Caught up")
    client.post(change.format(amy.pk), {"completed": "no", "reason": "Left in October"})
    assert status_of(amy) == "enrolled"
    assert SchoolEngagement.objects.get(school=year["hillside"]).first_completion == ben

    # Once nobody from Hillside completed, Hillside did not engage this year.
    completion_override(enrolment=ben, completed=False, by=hub_lead, reason="Mistake")
    assert not SchoolEngagement.objects.filter(school=year["hillside"]).exists()
    assert SchoolEngagement.objects.filter(school=year["oakfield"]).exists()
    assert AuditEvent.objects.filter(verb="enrolment.completion_overridden").count() == 4

    with pytest.raises(ValidationError):
        completion_override(enrolment=ben, completed=False, by=hub_lead, reason="Again")
    with pytest.raises(ValidationError):
        completion_override(enrolment=ben, completed=True, by=hub_lead, reason="  ")


def test_engagement_survives_when_the_same_school_completed_another_work_group(
    hub, hub_lead, work_group, year
):
    completion_apply(work_group=work_group, by=hub_lead)
    other = WorkGroupFactory.create(hub=hub, academic_year=work_group.academic_year)
    colleague = EnrolmentFactory.create(work_group=other, school=year["hillside"])
    completion_override(enrolment=colleague, completed=True, by=hub_lead, reason="Completed")
    completion_override(enrolment=year["amy"], completed=False, by=hub_lead, reason="Mistake")
    assert SchoolEngagement.objects.get(school=year["hillside"]).first_completion == colleague


def test_who_may_see_and_apply_completion(
    client, hub_lead, llme, outsider, participant, work_group, year
):
    url = f"{BASE}{work_group.pk}/completion/"
    change = f"{url}{year['amy'].pk}/"
    for user in (outsider, participant):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        assert client.post(change, {"completed": "no", "reason": "x"}).status_code == 403
    assert not SchoolEngagement.objects.exists()
    client.force_login(llme)
    assert client.get(change).status_code == 200
    withdrawn = EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WITHDRAWN)
    assert client.get(f"{url}{withdrawn.pk}/").status_code == 404
