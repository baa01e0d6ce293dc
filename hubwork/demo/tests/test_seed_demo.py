import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from hubwork.accounts.models import Role, User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import Hub, HubRole
from hubwork.practice.models import ClassroomTrial, GapTask, SessionPlan
from hubwork.practice.selectors.plans import plan_summary, session_minutes
from hubwork.practice.selectors.what_we_tried import what_we_tried
from hubwork.programmes.models import Mode, Programme
from hubwork.schools.models import School
from hubwork.workgroups.models import Attendance, ColleagueInvitation, Enrolment, WorkGroup

POST16_LEAD = "assistant-hub-lead-post16@example.org"


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
    for email in (
        "participant@example.org",
        "hub-lead@example.org",
        "llme@example.org",
        POST16_LEAD,
    ):
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
        leads__email="llme@example.org",  # the primary group (the post-16 lead runs another)
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


def test_seed_demo_has_a_post16_lead_with_four_groups_and_oracy_co_leads_across_hubs(
    db, settings, tmp_path
):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    this_year = AcademicYear.current().start_year
    today = timezone.localdate()

    # Developing Core Maths Pedagogy at GLOW: three full days face to face, with plans that fit.
    lead = User.objects.get(email=POST16_LEAD)
    core_maths = WorkGroup.objects.get(
        hub__slug="glow", academic_year=this_year, programme__slug="developing-core-maths-pedagogy"
    )
    assert list(core_maths.leads.all()) == [lead]
    sessions = list(core_maths.sessions.order_by("date"))
    assert len(sessions) == 3
    assert all(session.mode == Mode.FACE_TO_FACE for session in sessions)
    assert all(session_minutes(session) >= 6 * 60 for session in sessions)
    for session in sessions[:2]:
        summary = plan_summary(
            activities=session.plan.activities.all(),
            length_minutes=session_minutes(session),
            session_number=session.number,
        )
        assert summary.fits
        assert not summary.warnings
    if sessions[0].date < today:
        assert GapTask.objects.filter(session=sessions[0]).exists()
        assert ClassroomTrial.objects.filter(
            work_group=core_maths, shared_at__isnull=False
        ).exists()

    # Its lead is GLOW's assistant hub lead for post-16 and an LLME there, leading four groups
    # for post-16 and secondary teachers.
    assert set(
        HubRole.objects.current().filter(user=lead, hub__slug="glow").values_list("role", "phase")
    ) == {(HubRole.Kind.ASSISTANT_HUB_LEAD, Phase.POST16), (HubRole.Kind.LLME, "")}
    led = WorkGroup.objects.filter(leads=lead, academic_year=this_year, hub__slug="glow")
    assert led.count() == 4
    for work_group in led.select_related("programme"):
        phases = set(work_group.programme.phases.values_list("phase", flat=True))
        assert phases & {Phase.SECONDARY, Phase.POST16}, work_group
        members = work_group.enrolments.filter(status__in=Enrolment.MEMBERS)
        assert members.count() >= 5
        assert not members.exclude(
            school__phase__in=[School.Phase.SECONDARY, School.Phase.SIXTEEN_PLUS, "all_through"]
        ).exists()
        # Sessions held by today have a register with everyone on it; later ones have none.
        for session in work_group.sessions.all():
            marked = Attendance.objects.filter(session=session)
            if session.date < today:
                assert marked.count() == members.count()
            else:
                assert not marked.filter(status__in=Attendance.ATTENDED).exists()

    # A second Oracy RIWG at GLOW, co-led by two LLMEs who each lead for another hub as well.
    oracy = WorkGroup.objects.get(
        hub__slug="glow",
        academic_year=this_year,
        programme__slug="riwg-oracy",
        programme__kind=Programme.Kind.RIWG,
        leads__email="grace.adeyemi@example.org",
    )
    co_leads = list(oracy.leads.all())
    assert len(co_leads) == 2
    assert oracy.enrolments.filter(status__in=Enrolment.MEMBERS).count() >= 6
    other_hubs = set()
    for co_lead in co_leads:
        llme_of = set(
            HubRole.objects.current()
            .filter(user=co_lead, role=HubRole.Kind.LLME)
            .values_list("hub__slug", flat=True)
        )
        assert len(llme_of) == 2
        assert "glow" in llme_of
        (elsewhere,) = llme_of - {"glow"}
        assert WorkGroup.objects.filter(
            leads=co_lead, hub__slug=elsewhere, academic_year=this_year
        ).exists()
        other_hubs.add(elsewhere)
    assert len(other_hubs) == 2


def test_seed_demo_shows_a_colleague_asked_to_confirm(db, settings, client):
    """The participant's school has a teacher who named her on a sign-up: her My Work Groups
    asks her to confirm, and nothing is booked for her until she does (issue 11)."""
    settings.DEBUG = True
    call_command("seed_demo")
    invitation = ColleagueInvitation.objects.get(email="participant@example.org")
    assert invitation.status == ColleagueInvitation.Status.PENDING
    assert not Enrolment.objects.filter(
        work_group=invitation.work_group, user__email="participant@example.org"
    ).exists()
    client.force_login(User.objects.get(email="participant@example.org"))
    html = client.get("/my/work-groups/").content.decode()
    assert "Waiting for you to confirm" in html
    assert invitation.work_group.title in html
