"""Participants log classroom trials: drafts, sharing, who may read them, and their page
"Between sessions"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import ClassroomTrial
from hubwork.practice.services import trials as trials_services
from hubwork.practice.tests.factories import (
    ClassroomTrialFactory,
    GapTaskFactory,
    OutputFactory,
    ReflectionFactory,
)
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
)


@pytest.fixture
def session(work_group):
    return SessionFactory.create(work_group=work_group)


@pytest.fixture
def gap_task(session):
    return GapTaskFactory.create(
        session=session,
        title="Try stem sentences",
        due_on=timezone.localdate() + timedelta(days=10),
    )


def make_trial(**fields) -> ClassroomTrial:
    # The factory's date reads `gap_task`, so it must always be given.
    fields.setdefault("gap_task", None)
    return ClassroomTrialFactory.create(**fields)


def trial_data(work_group, task=None, **changes):
    data = {
        "work_group": work_group.pk,
        "gap_task": task.pk if task else "own",
        "own_idea": "" if task else "Number talks",
        "class_or_year_group": "Year 4",
        "tried_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "what_tried": "Stem sentences for equivalent fractions.",
        "what_happened": "Most of the class used them.",
        "pupil_response": "Keen.",
        "impact_rating": "4",
        "next_steps": "Use them every lesson.",
        "action": "draft",
    }
    data.update(changes)
    return data


# Logging a trial ---------------------------------------------------------------------------


def test_signing_in_is_required(client, db):
    for url in ["/my/practice/", "/my/trials/new/", "/trials/1/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_the_form_warns_against_identifying_pupils(client, member, work_group, gap_task):
    client.force_login(member)
    response = client.get(f"/my/trials/new/?work_group={work_group.slug}&gap_task={gap_task.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do not name pupils or include anything that could identify them" in html
    assert "no pupils' names or faces" in html
    assert "Save as a private draft" in html
    assert "Save and share with your Work Group" in html
    form = response.context["form"]
    assert form.initial["work_group"] == work_group.pk
    assert form.initial["gap_task"] == str(gap_task.pk)


@pytest.mark.parametrize("value", ["%C2%B2", "99999999999999999999999", "-1", "x"])
def test_a_gap_task_that_is_not_an_id_prefills_nothing(client, member, work_group, gap_task, value):
    client.force_login(member)
    response = client.get(f"/my/trials/new/?gap_task={value}")
    assert response.status_code == 200
    assert "gap_task" not in response.context["form"].initial


def test_a_work_group_id_too_large_for_the_database_is_an_error_by_the_field(
    client, member, work_group, gap_task
):
    client.force_login(member)
    response = client.post(
        "/my/trials/new/",
        {**trial_data(work_group, gap_task), "work_group": "99999999999999999999999"},
    )
    assert response.status_code == 200
    assert 'href="#id_work_group"' in response.content.decode()
    assert not ClassroomTrial.objects.exists()


def test_saving_as_a_draft_keeps_it_private(client, member, work_group, gap_task):
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group, gap_task))
    trial = ClassroomTrial.objects.get()
    assert response.status_code == 302
    assert response.url == f"/trials/{trial.pk}/"
    assert trial.author == member
    assert trial.gap_task == gap_task
    assert trial.own_idea == ""
    assert trial.impact_rating == 4
    assert trial.shared_at is None
    event = AuditEvent.objects.get(verb="trial.created")
    assert event.data == {
        "work_group": work_group.pk,
        "gap_task": gap_task.pk,
        "shared": False,
    }
    assert event.hub_id == work_group.hub_id
    # No trial text goes into the log.
    assert "Stem sentences" not in str(event.data)


def test_saving_and_sharing_shares_it(client, member, work_group):
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group, action="share"))
    trial = ClassroomTrial.objects.get()
    assert response.status_code == 302
    assert trial.is_shared
    assert trial.gap_task is None
    assert trial.own_idea == "Number talks"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"gap_task": "own", "own_idea": ""}, "own_idea", "Say what your own idea was"),
        ({"tried_on": "2999-01-01"}, "tried_on", "The date must be today or in the past."),
        ({"class_or_year_group": ""}, "class_or_year_group", "This field is required."),
        ({"what_tried": ""}, "what_tried", "This field is required."),
        ({"impact_rating": "9"}, "impact_rating", "Select a valid choice."),
    ],
)
def test_invalid_trials_get_a_message_by_the_field(
    client, member, work_group, changes, field, message
):
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not ClassroomTrial.objects.exists()


def test_a_gap_task_must_belong_to_the_chosen_work_group(client, member, work_group, hub):
    other = WorkGroupFactory.create(hub=hub, title="Other group")
    EnrolmentFactory.create(work_group=other, user=member)
    other_task = GapTaskFactory.create(session=SessionFactory.create(work_group=other))
    client.force_login(member)
    response = client.post("/my/trials/new/", trial_data(work_group, other_task))
    assert response.status_code == 200
    assert "Choose a gap task set in Mastering Number." in response.content.decode()
    assert not ClassroomTrial.objects.exists()
    with pytest.raises(Exception, match="Choose a gap task set in this Work Group"):
        trials_services.trial_create(
            author=member,
            work_group=work_group,
            gap_task=other_task,
            class_or_year_group="Year 4",
            tried_on=timezone.localdate(),
            what_tried="Something",
        )


def test_a_non_member_cannot_log_a_trial_for_a_work_group(client, participant, work_group, hub):
    # Interested, waitlisted or withdrawn is not a member; neither is a stranger.
    EnrolmentFactory.create(
        work_group=work_group, user=participant, status=Enrolment.Status.WAITLISTED
    )
    client.force_login(participant)
    response = client.post("/my/trials/new/", trial_data(work_group))
    assert response.status_code == 200
    assert "You can log classroom trials once you have a place" in response.content.decode()
    # A member of another Work Group sees the form, with a message by the field.
    EnrolmentFactory.create(work_group=WorkGroupFactory.create(hub=hub), user=participant)
    response = client.post("/my/trials/new/", trial_data(work_group))
    assert response.status_code == 200
    assert 'id="id_work_group_error"' in response.content.decode()
    assert not ClassroomTrial.objects.exists()
    with pytest.raises(Exception, match="only for a Work Group you take part in"):
        trials_services.trial_create(
            author=participant,
            work_group=work_group,
            gap_task=None,
            own_idea="Idea",
            class_or_year_group="Year 4",
            tried_on=timezone.localdate(),
            what_tried="Something",
        )


def test_a_completed_member_can_still_log(client, participant, work_group):
    EnrolmentFactory.create(
        work_group=work_group, user=participant, status=Enrolment.Status.COMPLETED
    )
    client.force_login(participant)
    response = client.post("/my/trials/new/", trial_data(work_group))
    assert response.status_code == 302
    assert ClassroomTrial.objects.filter(author=participant).count() == 1


# Editing, sharing, deleting -----------------------------------------------------------------


def test_the_author_edits_a_trial(client, member, work_group, gap_task):
    trial = make_trial(author=member, work_group=work_group, own_idea="Old")
    client.force_login(member)
    assert client.get(f"/my/trials/{trial.pk}/").status_code == 200
    response = client.post(
        f"/my/trials/{trial.pk}/",
        trial_data(work_group, gap_task, class_or_year_group="Year 5"),
    )
    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.class_or_year_group == "Year 5"
    assert trial.gap_task == gap_task
    assert trial.own_idea == ""
    assert trial.shared_at is None
    assert AuditEvent.objects.filter(verb="trial.updated", object_id=str(trial.pk)).exists()


def test_nobody_else_can_edit_share_or_delete_a_trial(client, member, colleague, work_group):
    trial = make_trial(author=member, work_group=work_group, shared_at=timezone.now())
    client.force_login(colleague)
    assert client.get(f"/my/trials/{trial.pk}/").status_code == 404
    assert client.post(f"/my/trials/{trial.pk}/", trial_data(work_group)).status_code == 404
    assert client.post(f"/my/trials/{trial.pk}/share/", {"share": "no"}).status_code == 404
    assert client.post(f"/my/trials/{trial.pk}/delete/").status_code == 404
    trial.refresh_from_db()
    assert trial.is_shared


def test_sharing_and_making_private_again(client, member, work_group):
    trial = make_trial(author=member, work_group=work_group, own_idea="Idea")
    client.force_login(member)
    response = client.post(f"/my/trials/{trial.pk}/share/", {"share": "yes"})
    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.shared_at is not None
    client.post(f"/my/trials/{trial.pk}/share/", {"share": "no"})
    trial.refresh_from_db()
    assert trial.shared_at is None
    verbs = list(
        AuditEvent.objects.filter(object_id=str(trial.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["trial.shared", "trial.unshared"]
    assert client.get(f"/my/trials/{trial.pk}/share/").status_code == 405


def test_deleting_asks_first(client, member, work_group):
    trial = make_trial(author=member, work_group=work_group, own_idea="Idea")
    client.force_login(member)
    response = client.get(f"/my/trials/{trial.pk}/delete/")
    assert "Delete your trial “Idea”?" in response.content.decode()
    assert ClassroomTrial.objects.exists()
    response = client.post(f"/my/trials/{trial.pk}/delete/")
    assert response.status_code == 302
    assert response.url == "/my/practice/"
    assert not ClassroomTrial.objects.exists()
    assert AuditEvent.objects.filter(verb="trial.deleted").count() == 1


# Who may read a trial -----------------------------------------------------------------------


def test_a_draft_is_seen_by_its_author_alone(client, member, colleague, llme, hub_lead, work_group):
    trial = make_trial(author=member, work_group=work_group, own_idea="Idea")
    client.force_login(member)
    assert client.get(f"/trials/{trial.pk}/").status_code == 200
    for person in [colleague, llme, hub_lead]:
        client.force_login(person)
        assert client.get(f"/trials/{trial.pk}/").status_code == 404


def test_a_shared_trial_is_seen_by_the_group_its_leads_and_hub_staff(
    client, member, colleague, llme, hub_lead, outsider, work_group, hub
):
    trial = make_trial(
        author=member, work_group=work_group, own_idea="Idea", shared_at=timezone.now()
    )
    for person in [colleague, llme, hub_lead]:
        client.force_login(person)
        response = client.get(f"/trials/{trial.pk}/")
        assert response.status_code == 200
        assert "Logged by Priya Clarke" in response.content.decode()
        assert "Delete this trial" not in response.content.decode()
    someone_else = EnrolmentFactory.create(work_group=WorkGroupFactory.create(hub=hub)).user
    for person in [outsider, someone_else, UserFactory.create()]:
        client.force_login(person)
        assert client.get(f"/trials/{trial.pk}/").status_code == 404


def test_a_trial_out_of_reach_answers_alike_whether_shared_or_a_draft(
    client, member, outsider, work_group
):
    # A different answer would tell anyone signed in which trial ids are shared.
    shared = make_trial(
        author=member, work_group=work_group, own_idea="Shared", shared_at=timezone.now()
    )
    draft = make_trial(author=member, work_group=work_group, own_idea="Draft")
    missing = max(shared.pk, draft.pk) + 100
    client.force_login(outsider)
    answers = {client.get(f"/trials/{pk}/").status_code for pk in (shared.pk, draft.pk, missing)}
    assert answers == {404}


# Between sessions --------------------------------------------------------------------------


def test_my_practice_shows_what_is_due_and_what_is_logged(
    client, member, work_group, session, gap_task
):
    today = timezone.localdate()
    overdue = GapTaskFactory.create(
        session=session, title="Overdue task", due_on=today - timedelta(days=3)
    )
    done = GapTaskFactory.create(
        session=session, title="Done and past", due_on=today - timedelta(days=3)
    )
    make_trial(author=member, work_group=work_group, gap_task=done, shared_at=timezone.now())
    make_trial(author=member, work_group=work_group, own_idea="My draft")
    OutputFactory.create(author=member, work_group=work_group, title="Fractions wall")
    ReflectionFactory.create(author=member)
    client.force_login(member)
    response = client.get("/my/practice/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Between sessions</h1>' in html
    assert [task.title for task in response.context["groups"][0].gap_tasks_due] == [
        "Overdue task",
        "Try stem sentences",
    ]
    assert overdue.title in html
    assert f"?work_group={work_group.slug}&amp;gap_task={gap_task.pk}" in html
    assert "Done and past" in html  # as a logged trial, not as due
    assert "My draft" in html
    assert ">Draft<" in html
    assert ">Shared<" in html
    assert "Fractions wall" in html
    assert "Your reflections (1)" in html


def test_my_practice_makes_the_same_queries_however_much_there_is(
    client, member, hub, django_assert_max_num_queries
):
    def add_group():
        work_group = WorkGroupFactory.create(hub=hub)
        EnrolmentFactory.create(work_group=work_group, user=member)
        session = SessionFactory.create(work_group=work_group)
        task = GapTaskFactory.create(session=session, due_on=timezone.localdate())
        make_trial(author=member, work_group=work_group, gap_task=task)
        make_trial(author=member, work_group=work_group, own_idea="Idea")
        OutputFactory.create(author=member, work_group=work_group)
        ReflectionFactory.create(author=member, work_group=work_group)

    add_group()
    client.force_login(member)
    with django_assert_max_num_queries(50) as queries:
        assert client.get("/my/practice/").status_code == 200
    count = len(queries)
    for _ in range(4):
        add_group()
    with django_assert_max_num_queries(count) as queries:
        response = client.get("/my/practice/")
    # The `member` fixture's own Work Group, and the five added here.
    assert len(response.context["groups"]) == 6


def test_single_line_answers_refuse_line_breaks_and_control_characters(client, member, work_group):
    client.force_login(member)
    response = client.post(
        "/my/trials/new/",
        trial_data(work_group, own_idea="Number\r\ntalks", class_or_year_group="Year 4\x07"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["own_idea"] == ["Enter this without line breaks or control characters"]
    assert errors["class_or_year_group"] == ["Enter this without line breaks or control characters"]
    assert not ClassroomTrial.objects.exists()
