"""Readings set for sessions, as members use them: what to read on the dashboard, My Work
Groups and the group space; their own page per reading (read or not, private notes, a
response they may share and take back); one reminder email before a session with the gap
tasks and readings still to do; and their progress in their data export and erasure."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hubwork.core.privacy import personal_data_parts
from hubwork.practice.models import ReminderSent
from hubwork.practice.tasks import send_reminders
from hubwork.practice.tests.factories import ClassroomTrialFactory, GapTaskFactory
from hubwork.research.models import ReadingProgress, SessionReading
from hubwork.research.services.session_readings import reading_progress_save
from hubwork.research.tests.factories import ReadingFactory, SessionReadingFactory
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory


def days(number):
    return timezone.localdate() + timedelta(days=number)


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, title="Mastering Number, Dudley", leads=[llme])


@pytest.fixture
def sessions(work_group):
    last = SessionFactory.create(work_group=work_group, date=days(-26), starts_at=time(9, 30))
    coming = SessionFactory.create(work_group=work_group, date=days(2), starts_at=time(9, 30))
    return last, coming


@pytest.fixture
def member(work_group, participant):
    EnrolmentFactory.create(work_group=work_group, user=participant)
    return participant


@pytest.fixture
def item(sessions):
    _, coming = sessions
    return SessionReadingFactory.create(
        session=coming,
        reading=ReadingFactory.create(title="Talk for maths"),
        guiding_question="Which talk move suits your class?",
    )


def test_members_see_what_to_read_on_the_dashboard_my_work_groups_and_the_group_space(
    client, member, item, work_group
):
    client.force_login(member)
    mine = reverse("research:my_reading", kwargs={"pk": item.pk})
    group = reverse("research:group_readings", kwargs={"slug": work_group.slug})
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert "Read before the next session" in dashboard
    assert mine in dashboard
    assert group in client.get(reverse("workgroups:mine")).content.decode()
    space = reverse("practice:group_space", kwargs={"slug": work_group.slug})
    assert group in client.get(space).content.decode()
    page = client.get(group).content.decode()
    assert "Talk for maths" in page
    assert "Which talk move suits your class?" in page


def test_a_member_marks_it_read_keeps_private_notes_and_shares_a_response(
    client, member, item, llme
):
    colleague = EnrolmentFactory.create(work_group=item.session.work_group).user
    page = reverse("research:my_reading", kwargs={"pk": item.pk})
    client.force_login(member)
    assert client.get(page).status_code == 200
    response = client.post(
        page,
        {"done": "on", "private_notes": "Only for me", "response": "Talk moves", "share": "on"},
    )
    assert response.status_code == 302
    progress = ReadingProgress.objects.get(user=member)
    assert progress.is_done
    assert progress.is_shared
    assert progress.private_notes == "Only for me"

    client.force_login(colleague)
    seen = client.get(
        reverse("research:group_readings", kwargs={"slug": item.session.work_group.slug})
    ).content.decode()
    assert "Talk moves" in seen
    assert "Only for me" not in seen
    assert member.display_name in seen

    # Unsharing takes it back from the group; the notes stay.
    client.force_login(member)
    client.post(page, {"done": "on", "private_notes": "Only for me", "response": "Talk moves"})
    progress.refresh_from_db()
    assert not progress.is_shared
    assert progress.response == "Talk moves"
    client.force_login(colleague)
    seen = client.get(reverse("research:my_reading", kwargs={"pk": item.pk})).content.decode()
    assert "Talk moves" not in seen


def test_sharing_needs_a_response_shown_by_the_field(client, member, item):
    client.force_login(member)
    page = client.post(
        reverse("research:my_reading", kwargs={"pk": item.pk}), {"share": "on", "response": ""}
    )
    assert page.status_code == 200
    assert "Enter your response to share it with the group" in page.content.decode()
    assert not ReadingProgress.objects.filter(shared_at__isnull=False).exists()


def test_marking_done_in_place_with_htmx_and_without_javascript(client, member, item):
    client.force_login(member)
    done = reverse("research:my_reading_done", kwargs={"pk": item.pk})
    fragment = client.post(
        done, {"done": "yes", "next": "/dashboard/"}, headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 200
    assert "Mark as not read" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    assert ReadingProgress.objects.get(user=member).is_done
    back = client.post(done, {"done": "no", "next": "https://evil.example/"})
    assert back.status_code == 302
    assert back["Location"] == reverse("research:my_reading", kwargs={"pk": item.pk})
    assert not ReadingProgress.objects.get(user=member).is_done


def test_only_members_reach_a_members_reading_page(client, item, llme, outsider, work_group):
    page = reverse("research:my_reading", kwargs={"pk": item.pk})
    waiting = EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WAITLISTED)
    for person in (llme, outsider, waiting.user):
        client.force_login(person)
        assert client.get(page).status_code == 404
        assert client.post(page, {"done": "on"}).status_code == 404
    completed = EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.COMPLETED)
    client.force_login(completed.user)
    assert client.get(page).status_code == 200


# --- The reminder before a session ------------------------------------------------------------


def run(capture, mailoutbox):
    """Run the reminders job; the members' reminders it sent (not the leads' about plans)."""
    with capture(execute=True):
        send_reminders.delay()
    return [message for message in mailoutbox if "no plan yet" not in message.subject]


def test_one_email_per_member_with_gap_tasks_and_readings_and_none_for_who_did_everything(
    work_group, sessions, item, mailoutbox, django_capture_on_commit_callbacks
):
    last, coming = sessions
    gap_task = GapTaskFactory.create(session=last, title="Try bar models", due_on=days(1))
    second = SessionReadingFactory.create(
        session=coming, reading=ReadingFactory.create(title="Stem sentences")
    )

    def person(name):
        return EnrolmentFactory.create(work_group=work_group, user__display_name=name).user

    behind = person("Bea Behind")  # no trial, nothing read
    tried = person("Tom Tried")  # logged a trial, read one of two
    ClassroomTrialFactory.create(work_group=work_group, author=tried, gap_task=gap_task)
    reading_progress_save(
        session_reading=item, user=tried, done=True, private_notes="", response="", share=False
    )
    done = person("Dee Done")  # logged a trial and read both
    ClassroomTrialFactory.create(work_group=work_group, author=done, gap_task=gap_task)
    for reading in (item, second):
        reading_progress_save(
            session_reading=reading,
            user=done,
            done=True,
            private_notes="",
            response="",
            share=False,
        )

    mailoutbox = run(django_capture_on_commit_callbacks, mailoutbox)

    assert sorted(message.to[0] for message in mailoutbox) == sorted([behind.email, tried.email])
    to_behind = next(message for message in mailoutbox if message.to == [behind.email])
    assert "Try bar models" in to_behind.body
    assert "Talk for maths" in to_behind.body
    assert "Stem sentences" in to_behind.body
    assert "Which talk move suits your class?" in to_behind.body
    to_tried = next(message for message in mailoutbox if message.to == [tried.email])
    assert to_tried.subject == "Hubwork: before session 2 of Mastering Number, Dudley"
    assert "Try bar models" not in to_tried.body
    assert "Stem sentences" in to_tried.body
    assert "Talk for maths" not in to_tried.body
    assert reverse("research:my_reading", kwargs={"pk": second.pk}) in to_tried.body

    # Again: nothing twice.
    assert len(run(django_capture_on_commit_callbacks, mail.outbox)) == 2
    assert ReminderSent.objects.filter(session=coming, kind="trial_due").count() == 2


def test_readings_alone_are_reminded_when_no_gap_tasks_were_set(
    work_group, sessions, item, member, mailoutbox, django_capture_on_commit_callbacks
):
    sent = run(django_capture_on_commit_callbacks, mailoutbox)
    assert [message.to for message in sent] == [[member.email]]
    assert "Talk for maths" in sent[0].body


# --- Personal data ------------------------------------------------------------------------------


def _part():
    return next(part for part in personal_data_parts() if part.name == "research_session_readings")


def test_progress_is_exported_and_erased_with_shared_responses(member, item, llme):
    SessionReading.objects.filter(pk=item.pk).update(set_by=llme)
    reading_progress_save(
        session_reading=item,
        user=member,
        done=True,
        private_notes="My notes",
        response="Shared thought",
        share=True,
    )
    other = EnrolmentFactory.create(work_group=item.session.work_group).user
    reading_progress_save(
        session_reading=item, user=other, done=True, private_notes="", response="", share=False
    )
    table = _part().export(member).tables["reading_progress"]
    assert [(row["private_notes"], row["response"]) for row in table] == [
        ("My notes", "Shared thought")
    ]
    assert _part().export(llme).tables["readings_set_for_sessions"][0]["guiding_question"]

    counts = _part().erase(member)
    assert counts["reading_progress"] == 1
    assert not ReadingProgress.objects.filter(user=member).exists()
    assert ReadingProgress.objects.filter(user=other).exists()
    _part().erase(llme)
    item.refresh_from_db()
    assert item.set_by is None
