"""A person's evaluation data: their copy holds every form they were sent and every answer with
the question's wording; erasing them keeps their answers only as anonymous counts (no
respondent, no invitation, no free text) so a form's totals do not change; school leaders'
contact details go with the participant who named them, or a year after the Work Group's
academic year ends (the retention rule), and a second run changes nothing."""

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import Sum
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.tests.factories import UserFactory
from hubwork.accounts.tests.test_erasure import rows_mentioning
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.core.privacy import personal_data_parts
from hubwork.core.retention import retention_rules, retention_run
from hubwork.evaluation.models import (
    Answer,
    EvaluationReport,
    Invitation,
    Item,
    Questionnaire,
    Response,
    Wave,
)
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

AGREE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def work_group(hub, llme) -> WorkGroup:
    return WorkGroupFactory.create(hub=hub, title="Mastering Number", leads=[llme])


@pytest.fixture
def session(work_group) -> Session:
    return SessionFactory.create(work_group=work_group)


@pytest.fixture
def feedback_form(national_admin) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        kind=Questionnaire.Kind.SESSION_FEEDBACK,
        title="How was the session?",
        created_by=national_admin,
    )
    Item.objects.create(
        questionnaire=questionnaire,
        position=1,
        kind=Item.Kind.SCALE,
        text="The session was useful for my teaching.",
        scale_labels=AGREE,
    )
    Item.objects.create(
        questionnaire=questionnaire,
        position=2,
        kind=Item.Kind.SINGLE_CHOICE,
        text="How much of it will you use?",
        choices=["None of it", "Some of it", "Most of it"],
    )
    Item.objects.create(
        questionnaire=questionnaire,
        position=3,
        kind=Item.Kind.FREE_TEXT,
        text="What will you try with your class?",
        required=False,
    )
    return questionnaire


def answer_feedback(
    questionnaire: Questionnaire, session: Session, person: User, *, scale: int, text: str
) -> Response:
    invitation = Invitation.objects.create(
        work_group=session.work_group,
        wave=Wave.SESSION,
        session=session,
        user=person,
        sent_at=timezone.now() - timedelta(days=3),
        reminders_sent=1,
        last_sent_at=timezone.now() - timedelta(days=1),
    )
    response = Response.objects.create(
        questionnaire=questionnaire,
        wave=Wave.SESSION,
        work_group=session.work_group,
        session=session,
        invitation=invitation,
        respondent=person,
        submitted_at=timezone.now(),
    )
    scale_item, choice_item, text_item = questionnaire.items.order_by("position")
    Answer.objects.create(response=response, item=scale_item, number=scale)
    Answer.objects.create(response=response, item=choice_item, number=2)
    Answer.objects.create(response=response, item=text_item, text=text)
    return response


@pytest.fixture
def rosa(work_group, hillside) -> User:
    """A participant who named her head teacher at sign-up and answered session feedback."""
    person = UserFactory.create(email="rosa.quinlan@example.org", display_name="Rosa Quinlan")
    EnrolmentFactory.create(
        work_group=work_group,
        user=person,
        school=hillside,
        school_leader_name="Henrietta Lowe",
        school_leader_email="h.lowe@hillside.example.org",
    )
    return person


def test_the_evaluation_part_covers_every_reference_to_a_person():
    part = next(part for part in personal_data_parts() if part.name == "evaluation")
    assert "evaluation.Response.respondent" in part.covers
    assert "evaluation.Invitation.user" in part.covers


def test_a_participants_copy_holds_their_forms_answers_and_the_leader_they_named(
    client, media, rosa, session, feedback_form, django_capture_on_commit_callbacks
):
    answer_feedback(feedback_form, session, rosa, scale=4, text="Bar models with Year 5 on Monday")
    client.force_login(rosa)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/your-data/export/").status_code == 302
    page = client.get("/accounts/your-data/").content.decode()
    link = re.search(r'href="(/accounts/your-data/export/\d+/)"', page)
    assert link, page
    download = client.get(link[1])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))

    invitations = json.loads(archive.read("evaluation/invitations.json"))
    assert [(row["form"], row["work_group"], row["reminders_sent"]) for row in invitations] == [
        ("Session feedback", "Mastering Number", 1)
    ]
    assert invitations[0]["sent_at"]
    responses = json.loads(archive.read("evaluation/responses.json"))
    assert [(row["form"], row["questionnaire"]) for row in responses] == [
        ("Session feedback", "How was the session?")
    ]
    answers = json.loads(archive.read("evaluation/answers.json"))
    assert {row["question"]: row["answer"] for row in answers} == {
        "The session was useful for my teaching.": "4 – Agree",
        "How much of it will you use?": "Most of it",
        "What will you try with your class?": "Bar models with Year 5 on Monday",
    }
    assert "Bar models with Year 5" in archive.read("evaluation/answers.csv").decode()
    enrolments = archive.read("workgroups/enrolments.json").decode()
    assert "Henrietta Lowe" in enrolments
    assert "h.lowe@hillside.example.org" in enrolments


def test_erasure_keeps_answers_only_as_anonymous_counts(
    client,
    media,
    national_admin,
    llme,
    hub_lead,
    rosa,
    work_group,
    session,
    feedback_form,
    django_capture_on_commit_callbacks,
):
    mine = answer_feedback(
        feedback_form, session, rosa, scale=5, text="Rosa Quinlan will try bar models"
    )
    colleague = EnrolmentFactory.create(work_group=work_group).user
    theirs = answer_feedback(feedback_form, session, colleague, scale=3, text="Number lines")
    # Someone else named Rosa as their school leader, and she was asked as one.
    other_school = SchoolFactory.create()
    EnrolmentFactory.create(
        work_group=work_group,
        school=other_school,
        school_leader_name="Rosa Quinlan",
        school_leader_email="rosa.quinlan@example.org",
    )
    leader_request = Invitation.objects.create(
        work_group=work_group,
        wave=Wave.SCHOOL_LEADER,
        school=other_school,
        leader_name="Rosa Quinlan",
        leader_email="Rosa.Quinlan@example.org",
        sent_at=timezone.now(),
    )
    # Rosa also wrote a questionnaire, and submitted and decided reports (as staff might).
    Questionnaire.objects.filter(pk=feedback_form.pk).update(created_by=rosa)
    EvaluationReport.objects.create(
        work_group=work_group,
        status=EvaluationReport.Status.ACCEPTED,
        submitted_by=rosa,
        submitted_at=timezone.now(),
        decided_by=rosa,
        decided_at=timezone.now(),
    )
    count_before = Response.objects.filter(session=session).count()
    total_before = Answer.objects.filter(
        response__session=session, item__kind=Item.Kind.SCALE
    ).aggregate(total=Sum("number"))["total"]

    client.force_login(national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/erasures/?email={rosa.email}",
            {"note": "Asked by email", "confirm_email": rosa.email},
        )
    assert response.status_code == 302

    # The counts and totals are unchanged ...
    assert Response.objects.filter(session=session).count() == count_before
    assert (
        Answer.objects.filter(response__session=session, item__kind=Item.Kind.SCALE).aggregate(
            total=Sum("number")
        )["total"]
        == total_before
    )
    # ... but her response is nobody's, and her words are gone.
    mine.refresh_from_db()
    assert mine.respondent is None
    assert mine.invitation is None
    assert not mine.answers.filter(item__kind=Item.Kind.FREE_TEXT).exists()
    assert mine.answers.filter(item__kind=Item.Kind.SINGLE_CHOICE, number=2).exists()
    assert not Invitation.objects.filter(user_id=rosa.pk).exists()
    # A colleague's response is untouched.
    theirs.refresh_from_db()
    assert theirs.respondent == colleague
    assert theirs.invitation is not None
    assert theirs.answers.filter(text="Number lines").exists()
    # The school leader request addressed to her keeps its school and status, not her.
    leader_request.refresh_from_db()
    assert (leader_request.leader_name, leader_request.leader_email) == ("", "")
    assert leader_request.sent_at is not None
    # The head teacher she named goes from her enrolment.
    enrolment = Enrolment.objects.get(user_id=rosa.pk)
    assert (enrolment.school_leader_name, enrolment.school_leader_email) == ("", "")
    # What she wrote or decided stays, without her.
    report = EvaluationReport.objects.get(work_group=work_group)
    assert (report.submitted_by, report.decided_by, report.status) == (None, None, "accepted")
    feedback_form.refresh_from_db()
    assert feedback_form.created_by is None
    event = AuditEvent.objects.get(verb="account.erasure_carried_out")
    assert event.data["removed"]["evaluation.free_text_answers"] == 1
    assert event.data["removed"]["evaluation.responses_anonymised"] == 1
    # Nothing about her anywhere (her name was in her free text and on the leader request);
    # the school leader she named is gone too.
    assert rows_mentioning("rosa.quinlan@example.org", "Rosa Quinlan", "Henrietta Lowe") == []


def school_leader_request(work_group: WorkGroup, name: str) -> Invitation:
    school = SchoolFactory.create()
    EnrolmentFactory.create(
        work_group=work_group,
        school=school,
        school_leader_name=name,
        school_leader_email=f"{name.split()[0].lower()}@school.example.org",
    )
    return Invitation.objects.create(
        work_group=work_group,
        wave=Wave.SCHOOL_LEADER,
        school=school,
        leader_name=name,
        leader_email=f"{name.split()[0].lower()}@school.example.org",
        sent_at=timezone.now() - timedelta(days=400),
    )


def test_school_leaders_contact_details_go_a_year_after_the_academic_year(hub):
    now = timezone.now()
    this_year = AcademicYear.for_date(timezone.localdate(now))
    # Two years back: that year ended more than a year ago. Last year ended under a year ago.
    old = WorkGroupFactory.create(hub=hub, academic_year=this_year.start_year - 2)
    recent = WorkGroupFactory.create(hub=hub, academic_year=this_year.start_year - 1)
    gone = school_leader_request(old, "Gwen Oldfield")
    kept = school_leader_request(recent, "Kofi Recent")
    responses_before = Response.objects.count()

    assert "school-leader-contacts" in {rule.name for rule in retention_rules()}
    dry = retention_run(now=now, dry_run=True)
    assert dry.lines["school-leader-contacts"] == [
        f"Work Group '{old.title}' {old.year.label}: school leader contact details on "
        "1 request(s) and 1 enrolment(s)"
    ]
    # A dry run changes nothing, and its lines never name the leaders.
    gone.refresh_from_db()
    assert gone.leader_name == "Gwen Oldfield"
    assert "Gwen" not in " ".join(dry.lines["school-leader-contacts"])

    applied = retention_run(now=now, dry_run=False)
    assert applied.counts["school-leader-contacts"] == 1
    gone.refresh_from_db()
    assert (gone.leader_name, gone.leader_email) == ("", "")
    assert gone.sent_at is not None
    assert not Enrolment.objects.filter(work_group=old).exclude(school_leader_name="").exists()
    assert not Enrolment.objects.filter(work_group=old).exclude(school_leader_email="").exists()
    kept.refresh_from_db()
    assert (kept.leader_name, kept.leader_email) == ("Kofi Recent", "kofi@school.example.org")
    assert Enrolment.objects.get(work_group=recent).school_leader_name == "Kofi Recent"
    assert Response.objects.count() == responses_before
    event = AuditEvent.objects.get(verb="evaluation.leader_contacts_expired")
    assert (event.data["requests"], event.data["enrolments"]) == (1, 1)

    # Idempotent: a second run finds nothing and changes nothing.
    again = retention_run(now=now, dry_run=False)
    assert again.lines["school-leader-contacts"] == []
    assert AuditEvent.objects.filter(verb="evaluation.leader_contacts_expired").count() == 1
    kept.refresh_from_db()
    assert kept.leader_name == "Kofi Recent"

    # On 1 September after next, last year's go too.
    later = now.replace(year=this_year.start_year + 2, month=9, day=2)
    assert retention_run(now=later, dry_run=False).counts["school-leader-contacts"] == 1
    kept.refresh_from_db()
    assert kept.leader_name == ""
