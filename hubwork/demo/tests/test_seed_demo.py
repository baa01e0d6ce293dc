import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from hubwork.accounts.models import Role, User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import Hub, HubRole
from hubwork.practice.models import ClassroomTrial, SessionPlan
from hubwork.practice.selectors.plans import plan_summary, session_minutes
from hubwork.practice.selectors.what_we_tried import what_we_tried
from hubwork.schools.models import School
from hubwork.workgroups.models import WorkGroup


def test_seed_demo_is_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_gives_one_sign_in_per_role_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first_run = capsys.readouterr().out
    roles = {role for user in User.objects.all() for role in user.roles}
    assert roles == set(Role)
    assert {"glow", "origin", "code", "shaw"} <= set(Hub.objects.values_list("slug", flat=True))
    assert School.objects.count() >= 5
    for email in ("participant@example.org", "hub-lead@example.org", "llme@example.org"):
        assert email in first_run

    counts = [model.objects.count() for model in (User, Hub, HubRole, School, AuditEvent)]
    call_command("seed_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert [model.objects.count() for model in (User, Hub, HubRole, School, AuditEvent)] == counts


def test_seed_demo_shows_the_loop_between_sessions(db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    work_group = WorkGroup.objects.get(
        hub__slug="glow",
        academic_year=AcademicYear.current().start_year,
        programme__slug="sustaining-teaching-for-mastery",
    )
    first, second = work_group.sessions.order_by("date")[:2]
    summaries = [
        plan_summary(
            activities=session.plan.activities.all(),
            length_minutes=session_minutes(session),
            session_number=session.number,
        )
        for session in (first, second)
    ]
    assert summaries[0].fits
    assert not summaries[0].warnings
    assert summaries[1].over_by > 0
    assert "There is no time for group discussion." in summaries[1].warnings
    assert (
        SessionPlan.objects.filter(programme__slug="sustaining-teaching-for-mastery").count() == 2
    )
    if first.date < timezone.localdate():
        shared = ClassroomTrial.objects.filter(work_group=work_group, shared_at__isnull=False)
        assert shared.count() == 2
        assert ClassroomTrial.objects.filter(work_group=work_group, shared_at=None).count() == 1
        items = [item.trial.pk for group in what_we_tried(second).groups for item in group.items]
        assert sorted(items) == sorted(shared.values_list("pk", flat=True))
