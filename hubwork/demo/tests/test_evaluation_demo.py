"""The demo's evaluation data (demo/evaluation.py): questionnaires for every programme; answers
that show the under-3 rule, matched pre/post pairs (enough for a confidence interval in one
group, too few in another), unmatched answers, school leader requests; class-level measures on
shared trials; reports in each state. Loading the demo again changes none of it."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.evaluation.analysis import MIN_FEEDBACK_RESPONSES, MIN_MATCHED_PAIRS
from hubwork.evaluation.models import (
    Answer,
    EvaluationReport,
    Invitation,
    OutcomeNarrative,
    Questionnaire,
    Response,
    Wave,
)
from hubwork.evaluation.selectors.feedback import TOO_FEW_REASON
from hubwork.practice.models import ClassroomTrial
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import Enrolment, WorkGroup


def matched(work_group: WorkGroup) -> tuple[int, int, int]:
    """(pairs, pre only, post only) among the Work Group's pre/post respondents."""
    pre = set(
        Response.objects.filter(work_group=work_group, wave=Wave.PRE).values_list(
            "respondent", flat=True
        )
    )
    post = set(
        Response.objects.filter(work_group=work_group, wave=Wave.POST).values_list(
            "respondent", flat=True
        )
    )
    return len(pre & post), len(pre - post), len(post - pre)


def fingerprint() -> list[tuple]:
    return list(
        Answer.objects.order_by("response__work_group__code", "response__wave", "pk").values_list(
            "response__work_group__code",
            "response__wave",
            "response__respondent__email",
            "item__text",
            "number",
            "choice_list",
            "text",
        )
    )


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")


def glow(code_prefix: str, year: AcademicYear) -> WorkGroup:
    return WorkGroup.objects.get(
        hub__slug="glow",
        academic_year=year.start_year,
        code__startswith=code_prefix,
        leads__email="llme@example.org",
    )


def test_every_programme_has_its_questionnaires(demo):
    for programme in Programme.objects.all():
        kinds = set(
            Questionnaire.objects.current()
            .filter(programme=programme)
            .values_list("kind", flat=True)
        )
        assert kinds == set(Questionnaire.Kind.values), programme


def test_the_demo_shows_each_rule_of_the_evaluation(demo):
    this_year = AcademicYear.current()
    last_year = this_year.previous()

    # Session feedback from most members, and one session with under three answers.
    sfm_last = glow("GLOW-SfM", last_year)
    per_session = dict(
        Response.objects.filter(work_group=sfm_last, wave=Wave.SESSION)
        .values_list("session__number")
        .annotate(count=Count("pk"))
    )
    members = sfm_last.enrolments.filter(status__in=Enrolment.MEMBERS).count()
    assert per_session[2] < MIN_FEEDBACK_RESPONSES
    assert per_session[1] == per_session[3] == members - 1 >= MIN_FEEDBACK_RESPONSES

    # A finished group with enough matched pairs for a change with its CI, and unmatched.
    oracy = glow("GLOW-ORA", last_year)
    pairs, pre_only, post_only = matched(oracy)
    assert pairs >= MIN_MATCHED_PAIRS
    assert pre_only + post_only >= 1
    # Post answers differ from pre: there is a change to show.
    assert (
        Answer.objects.filter(
            response__work_group=oracy, response__wave=Wave.POST, item__kind="scale"
        )
        .values("number")
        .distinct()
        .count()
        > 1
    )

    # School leader requests, one per school, three answered (enough to be shown).
    requests = Invitation.objects.filter(work_group=oracy, wave=Wave.SCHOOL_LEADER)
    schools = oracy.enrolments.filter(status__in=Enrolment.MEMBERS).values("school").distinct()
    assert requests.count() == schools.count() >= 2
    assert not requests.filter(leader_email="").exists()
    assert Response.objects.filter(invitation__in=requests).count() == 3

    # This year's finished taster: too few matched pairs so far (counts only).
    taster = WorkGroup.objects.get(hub__slug="glow", code="GLOW-Y58-AT")
    pairs, pre_only, _post_only = matched(taster)
    assert 0 < pairs < MIN_MATCHED_PAIRS
    assert pre_only >= 1

    # The twilight group's second session: open, two answers so far.
    twilight = WorkGroup.objects.get(hub__slug="glow", code="GLOW-MN-TW")
    second = twilight.sessions.get(number=2)
    assert Response.objects.filter(session=second).count() == 2
    assert Invitation.objects.filter(session=second).count() == (
        twilight.enrolments.filter(status__in=Enrolment.MEMBERS).count()
    )

    # The participant answered in this year's group (pre, and the first session if held).
    assert Response.objects.filter(
        respondent__email="participant@example.org",
        work_group__academic_year=this_year.start_year,
        wave=Wave.PRE,
    ).exists()

    # Shared trials with class-level measures, counts within the pupils measured.
    measured = ClassroomTrial.objects.exclude(measure="").filter(shared_at__isnull=False)
    assert measured.filter(work_group=oracy).exists()
    assert measured.count() >= 3
    for before, after, pupils in measured.values_list(
        "succeeded_before", "succeeded_after", "pupils_measured"
    ):
        assert pupils is not None
        assert before is not None
        assert after is not None
        assert before <= pupils
        assert after <= pupils

    # Reports in each state.
    reports = {
        report.work_group_id: report
        for report in EvaluationReport.objects.filter(work_group__hub__slug="glow")
    }
    assert reports[sfm_last.pk].status == EvaluationReport.Status.ACCEPTED
    assert reports[sfm_last.pk].snapshot
    decided_by = reports[sfm_last.pk].decided_by
    assert decided_by is not None
    assert decided_by.email == "hub-lead@example.org"
    assert reports[oracy.pk].status == EvaluationReport.Status.SUBMITTED
    assert reports[taster.pk].status == EvaluationReport.Status.DRAFT
    assert OutcomeNarrative.objects.filter(report=reports[taster.pk]).exclude(text="").exists()


def test_loading_the_demo_again_changes_no_evaluation_data(demo):
    before = fingerprint()
    counts = [
        model.objects.count()
        for model in (Questionnaire, Invitation, Response, Answer, EvaluationReport, AuditEvent)
    ]
    measures = list(ClassroomTrial.objects.order_by("pk").values_list("measure", "succeeded_after"))
    call_command("seed_demo")
    assert fingerprint() == before
    assert [
        model.objects.count()
        for model in (Questionnaire, Invitation, Response, Answer, EvaluationReport, AuditEvent)
    ] == counts
    assert (
        list(ClassroomTrial.objects.order_by("pk").values_list("measure", "succeeded_after"))
        == measures
    )


def test_each_role_sees_the_demo_evaluation(demo, client):
    """The lead sees a session with two answers held back and why; the report of last year's
    Oracy group shows the matched change with its confidence interval to the lead and to the
    hub lead (who may decide on it); the participant sees the forms she answered."""
    last_year = AcademicYear.current().previous()
    twilight = WorkGroup.objects.get(hub__slug="glow", code="GLOW-MN-TW")
    second = twilight.sessions.get(number=2)
    oracy = glow("GLOW-ORA", last_year)
    base = "/hubs/glow/manage/work-groups/{}/evaluation/"

    client.force_login(User.objects.get(email="llme@example.org"))
    page = client.get(base.format(twilight.pk) + f"sessions/{second.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Answered: 2 of 12" in text
    assert TOO_FEW_REASON in text
    report = client.get(base.format(oracy.pk) + "report/")
    assert report.status_code == 200
    assert "95% CI" in report.content.decode()

    client.force_login(User.objects.get(email="hub-lead@example.org"))
    report = client.get(base.format(oracy.pk) + "report/")
    assert report.status_code == 200
    assert "95% CI" in report.content.decode()

    client.force_login(User.objects.get(email="participant@example.org"))
    assert client.get("/my/evaluation/").status_code == 200
