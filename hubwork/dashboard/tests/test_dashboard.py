from hubwork.accounts.models import Role
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory


def test_dashboard_lists_roles_and_hub_team_roles(client, llme, hub):
    Accreditation.objects.create(user=llme, kind=Accreditation.Kind.PD_LEAD, year_achieved=2019)
    client.force_login(llme)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response.context["roles"] == [Role.LLME, Role.PARTICIPANT]
    html = response.content.decode()
    assert "GLOW Maths Hub" in html
    assert "LLME (Work Group lead)" in html
    assert "PD Lead programme, 2019" in html


def test_dashboard_queries_stay_fixed_as_roles_grow(client, llme, django_assert_max_num_queries):
    client.force_login(llme)
    with django_assert_max_num_queries(100) as few_roles:
        client.get("/dashboard/")
    for _ in range(5):
        HubRoleFactory.create(user=llme, hub=HubFactory.create(), role=HubRole.Kind.LLME)
    with django_assert_max_num_queries(len(few_roles)) as many_roles:
        response = client.get("/dashboard/")
    assert len(response.context["hub_roles"]) == 6
    assert len(many_roles) == len(few_roles)


def test_dashboard_shows_work_groups_taken_part_in_and_led(
    client, llme, participant, hub, hillside
):
    from datetime import time, timedelta

    from django.utils import timezone

    from hubwork.core.academic_years import AcademicYear
    from hubwork.programmes.models import Programme
    from hubwork.workgroups.models import Enrolment, Session, WorkGroup

    programme = Programme.objects.create(name="Oracy", slug="oracy", summary="x")
    work_group = WorkGroup.objects.create(
        programme=programme, hub=hub, academic_year=AcademicYear.current().start_year,
        code="ORA", slug="ora", title="Oracy in Birmingham", capacity=10, status="open",
    )  # fmt: skip
    work_group.leads.add(llme)
    Session.objects.create(
        work_group=work_group, number=1, date=timezone.localdate() + timedelta(days=7),
        starts_at=time(13), ends_at=time(16), mode="online", joining_link="https://meet.example.org/o",
    )  # fmt: skip
    Enrolment.objects.create(
        work_group=work_group, user=participant, school=hillside, status="enrolled"
    )

    client.force_login(participant)
    html = client.get("/dashboard/").content.decode()
    assert "Oracy in Birmingham" in html
    assert "https://meet.example.org/o" in html
    assert "Rearrange" not in html

    client.force_login(llme)
    html = client.get("/dashboard/").content.decode()
    assert "Work Groups you lead" in html
    assert f"/manage/work-groups/{work_group.pk}/sessions/" in html


def test_a_participant_sees_what_is_due_between_sessions_and_what_they_logged(
    client, participant, hub, django_assert_num_queries, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    from hubwork.practice.tests.factories import ClassroomTrialFactory, GapTaskFactory
    from hubwork.workgroups.tests.factories import (
        EnrolmentFactory,
        SessionFactory,
        WorkGroupFactory,
    )

    work_group = WorkGroupFactory.create(hub=hub, title="Mastering Number, Dudley")
    EnrolmentFactory.create(work_group=work_group, user=participant)
    session = SessionFactory.create(
        work_group=work_group, date=timezone.localdate() - timedelta(days=14)
    )
    due = GapTaskFactory.create(session=session, title="Use a stem sentence")
    done = GapTaskFactory.create(
        session=session, title="Try a bar model", due_on=timezone.localdate() - timedelta(days=1)
    )
    ClassroomTrialFactory.create(
        work_group=work_group, author=participant, gap_task=done, shared_at=timezone.now()
    )
    ClassroomTrialFactory.create(work_group=work_group, author=participant, gap_task=None)

    client.force_login(participant)
    response = client.get("/dashboard/")
    html = response.content.decode()
    assert "Between sessions" in html
    assert f"gap_task={due.pk}" in html
    assert f"gap_task={done.pk}" not in html  # past its date and logged
    assert "You have logged 2 trials (1 shared, 1 private draft)" in html

    # The section costs the same queries however many gap tasks and trials there are.
    with django_assert_max_num_queries(100) as before:
        client.get("/dashboard/")
    for number in range(4):
        task = GapTaskFactory.create(session=session, title=f"Task {number}")
        ClassroomTrialFactory.create(work_group=work_group, author=participant, gap_task=task)
    with django_assert_num_queries(len(before)):
        client.get("/dashboard/")
