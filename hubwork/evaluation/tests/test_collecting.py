"""Collecting responses: the hourly job that sends each open form and reminds those who have
not answered, a lead's one extra nudge, the response rates and the Work Group's evaluation
page for its leads and hub staff."""

from datetime import time, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from hubwork.core.models import AuditEvent
from hubwork.evaluation.models import Invitation, Questionnaire, Wave
from hubwork.evaluation.selectors.rates import work_group_rates
from hubwork.evaluation.services.invitations import evaluation_requests_send, invitations_nudge
from hubwork.evaluation.tasks import send_evaluation_requests
from hubwork.evaluation.tests.factories import QuestionnaireFactory, ResponseFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment, Session
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

Kind = Questionnaire.Kind
NOW = timezone.now


@pytest.fixture
def questionnaires(db):
    """National defaults of every kind."""
    return {kind: QuestionnaireFactory.create(kind=kind) for kind in Kind.values}


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(
        hub=hub, leads=[llme], title="Mastering Number, Dudley", slug="mn-dudley"
    )


@pytest.fixture
def sessions(work_group):
    """Session 1 ended yesterday; session 2 is in three weeks."""
    return [
        SessionFactory.create(work_group=work_group, date=days(-1)),
        SessionFactory.create(work_group=work_group, date=days(21)),
    ]


def member(work_group, name, status=Enrolment.Status.ENROLLED, **extra):
    return EnrolmentFactory.create(
        work_group=work_group, user__display_name=name, status=status, **extra
    ).user


def run(capture, now=None):
    with capture(execute=True):
        return evaluation_requests_send(now=now)


def feedback_emails(mailoutbox):
    return [message for message in mailoutbox if "session 1" in message.subject]


# The first email ---------------------------------------------------------------------------


def test_members_get_the_feedback_form_once_the_session_has_ended(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    quinn = member(work_group, "Quinn Quiet")
    cara = member(work_group, "Cara Completed", Enrolment.Status.COMPLETED)
    member(work_group, "Wes Withdrawn", Enrolment.Status.WITHDRAWN)
    member(work_group, "Will Waiting", Enrolment.Status.WAITLISTED)
    # Not yet: session 1 has started (so the pre questionnaire has closed) and is still to end.
    Session.objects.filter(pk=sessions[0].pk).update(
        date=days(0), starts_at=time(0, 0), ends_at=time(23, 59)
    )
    assert run(django_capture_on_commit_callbacks) == 0
    Session.objects.filter(pk=sessions[0].pk).update(date=days(-1), ends_at=time(15, 30))

    with django_capture_on_commit_callbacks(execute=True):
        send_evaluation_requests.delay()

    assert sorted(message.to[0] for message in mailoutbox) == sorted([quinn.email, cara.email])
    message = next(message for message in mailoutbox if message.to == [quinn.email])
    assert message.subject == "Hubwork: your feedback on session 1 for Mastering Number, Dudley"
    assert "Hello Quinn Quiet" in message.body
    assert f"{settings.SITE_URL}/my/evaluation/mn-dudley/sessions/1/" in message.body
    closes = timezone.localtime(sessions[0].ends() + timedelta(days=14))
    assert f"It closes at 3:30pm on {closes:%-d %B %Y}." in message.body
    assert "fewer than 3 answers" in message.body  # who sees the answers
    assert Invitation.objects.filter(wave=Wave.SESSION, session=sessions[0]).count() == 2
    # The pre questionnaire closed when session 1 started; session 2 has not happened.
    assert not Invitation.objects.exclude(wave=Wave.SESSION).exists()


def test_no_questionnaire_no_email(
    work_group, sessions, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    QuestionnaireFactory.create(kind=Kind.PRE_POST)  # but none for session feedback
    assert run(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def test_the_pre_questionnaire_goes_out_on_getting_a_place(
    work_group, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    SessionFactory.create(work_group=work_group, date=days(10))
    quinn = member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [[quinn.email]]
    assert f"{settings.SITE_URL}/my/evaluation/mn-dudley/before/" in mailoutbox[0].body


def test_a_second_run_sends_nothing(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    member(work_group, "Rita Ready")
    assert run(django_capture_on_commit_callbacks) == 2
    assert run(django_capture_on_commit_callbacks) == 0
    assert run(django_capture_on_commit_callbacks, NOW() + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 2
    # Someone who gets a place later is asked too, once.
    member(work_group, "Nia New")
    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 3


# Reminders ---------------------------------------------------------------------------------


def test_non_respondents_are_reminded_at_most_twice_four_days_apart(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    quinn = member(work_group, "Quinn Quiet")
    start = NOW()
    expected = {0: 1, 1: 0, 3: 0, 4: 1, 5: 0, 8: 1, 9: 0, 12: 0}
    for day, count in expected.items():
        sent = run(django_capture_on_commit_callbacks, start + timedelta(days=day, minutes=5))
        assert sent == count, f"day {day}"
    assert len(mailoutbox) == 3
    assert [message.subject.split(":")[0] for message in mailoutbox] == [
        "Hubwork",
        "Reminder",
        "Reminder",
    ]
    invitation = Invitation.objects.get(user=quinn)
    assert invitation.reminders_sent == Invitation.MAX_REMINDERS


def test_respondents_are_not_reminded(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    quinn = member(work_group, "Quinn Quiet")
    rita = member(work_group, "Rita Ready")
    run(django_capture_on_commit_callbacks)
    # Rita answers from her dashboard (no link to her invitation needed).
    ResponseFactory.create(
        work_group=work_group,
        wave=Wave.SESSION,
        session=sessions[0],
        respondent=rita,
        questionnaire=questionnaires[Kind.SESSION_FEEDBACK],
    )
    mailoutbox.clear()
    run(django_capture_on_commit_callbacks, NOW() + timedelta(days=4, minutes=5))
    assert [message.to for message in mailoutbox] == [[quinn.email]]


def test_someone_who_answered_before_the_email_is_not_emailed(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    rita = member(work_group, "Rita Ready")
    ResponseFactory.create(
        work_group=work_group,
        wave=Wave.SESSION,
        session=sessions[0],
        respondent=rita,
        questionnaire=questionnaires[Kind.SESSION_FEEDBACK],
    )
    assert run(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_nothing_is_sent_after_closing_nor_in_the_last_twelve_hours(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    closes = sessions[0].ends() + timedelta(days=14)
    # A form that has closed asks nobody.
    assert run(django_capture_on_commit_callbacks, closes + timedelta(minutes=1)) == 0
    assert not Invitation.objects.exists()
    # Sent a week before closing; the reminder is due but the form closes within 12 hours.
    run(django_capture_on_commit_callbacks, closes - timedelta(days=7))
    assert len(mailoutbox) == 1
    assert run(django_capture_on_commit_callbacks, closes - timedelta(hours=11)) == 0
    assert run(django_capture_on_commit_callbacks, closes + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1


def test_someone_who_left_is_not_reminded(
    work_group, sessions, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    quinn = member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    Enrolment.objects.filter(user=quinn).update(status=Enrolment.Status.WITHDRAWN)
    assert run(django_capture_on_commit_callbacks, NOW() + timedelta(days=5)) == 0


# School leaders ----------------------------------------------------------------------------


def test_one_request_per_school_to_the_first_leader_named(
    work_group, questionnaires, mailoutbox, django_capture_on_commit_callbacks
):
    SessionFactory.create(work_group=work_group, date=days(-30))
    SessionFactory.create(work_group=work_group, date=days(-2))  # the last session
    hillside, oakfield, elmhurst = (
        SchoolFactory.create(name=name) for name in ("Hillside", "Oakfield", "Elmhurst")
    )
    member(work_group, "Ann Anon", school=hillside)  # named no one
    member(
        work_group,
        "Bea First",
        school=hillside,
        school_leader_name="Hetty Head",
        school_leader_email="head@hillside.example.org",
    )
    member(
        work_group,
        "Cal Second",
        school=hillside,
        school_leader_name="Dee Deputy",
        school_leader_email="deputy@hillside.example.org",
    )
    member(
        work_group,
        "Ola Oak",
        school=oakfield,
        school_leader_name="Omar Oak",
        school_leader_email="head@oakfield.example.org",
    )
    member(work_group, "Eli Elm", school=elmhurst)  # no leader named: not asked

    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)

    leaders = [message for message in mailoutbox if "school" in message.subject]
    assert sorted(message.to[0] for message in leaders) == [
        "head@hillside.example.org",
        "head@oakfield.example.org",
    ]
    invitation = Invitation.objects.get(wave=Wave.SCHOOL_LEADER, school=hillside)
    assert invitation.leader_name == "Hetty Head"
    message = next(m for m in leaders if m.to == ["head@hillside.example.org"])
    assert "Dear Hetty Head" in message.body
    assert f"{settings.SITE_URL}/evaluation/school-leader/{invitation.token}/" in message.body
    assert "Hillside" in message.body


# A lead's nudge ----------------------------------------------------------------------------


def nudge_url(work_group):
    return f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/evaluation/nudge/"


def overview_url(work_group):
    return f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/evaluation/"


def test_a_lead_nudges_non_respondents_once(
    client,
    llme,
    work_group,
    sessions,
    questionnaires,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    quinn = member(work_group, "Quinn Quiet")
    rita = member(work_group, "Rita Ready")
    run(django_capture_on_commit_callbacks)
    ResponseFactory.create(
        work_group=work_group,
        wave=Wave.SESSION,
        session=sessions[0],
        respondent=rita,
        questionnaire=questionnaires[Kind.SESSION_FEEDBACK],
    )
    mailoutbox.clear()
    client.force_login(llme)
    html = client.get(overview_url(work_group)).content.decode()
    assert "Send one more reminder" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nudge_url(work_group), {"wave": Wave.SESSION, "session": sessions[0].pk}, follow=True
        )
    assert response.redirect_chain[-1][0] == overview_url(work_group)
    assert "One more reminder is on its way to 1 person" in response.content.decode()
    assert [message.to for message in mailoutbox] == [[quinn.email]]
    assert mailoutbox[0].subject.startswith("Reminder from your Work Group leads")
    event = AuditEvent.objects.get(verb="evaluation.nudged")
    assert event.actor == llme
    assert event.data["emailed"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nudge_url(work_group), {"wave": Wave.SESSION, "session": sessions[0].pk}, follow=True
        )
    assert "has been sent for feedback on session 1 already" in response.content.decode()
    assert len(mailoutbox) == 1
    assert "One more reminder was sent." in response.content.decode()
    # The nudge does not use up a scheduled reminder, and pushes it back.
    assert Invitation.objects.get(user=quinn).reminders_sent == 0
    assert run(django_capture_on_commit_callbacks, NOW() + timedelta(days=3)) == 0


def test_no_nudge_after_closing(
    llme, work_group, sessions, questionnaires, django_capture_on_commit_callbacks
):
    member(work_group, "Quinn Quiet")
    run(django_capture_on_commit_callbacks)
    Session.objects.filter(pk=sessions[0].pk).update(date=days(-20))
    sessions[0].refresh_from_db()
    with pytest.raises(ValidationError, match="closed at 3:30pm on"):
        invitations_nudge(work_group=work_group, wave=Wave.SESSION, session=sessions[0], by=llme)
    with pytest.raises(ValidationError, match="not open yet"):
        invitations_nudge(work_group=work_group, wave=Wave.SESSION, session=sessions[1], by=llme)
    assert not Invitation.objects.filter(nudged_at__isnull=False).exists()


def test_a_nudge_with_a_bad_form_says_so(client, llme, work_group, sessions, questionnaires):
    client.force_login(llme)
    response = client.post(nudge_url(work_group), {"wave": "nonsense"}, follow=True)
    assert "Choose a form." in response.content.decode()
    response = client.post(
        nudge_url(work_group), {"wave": Wave.SESSION, "session": "x"}, follow=True
    )
    assert "Choose a session" in response.content.decode()
    assert client.get(nudge_url(work_group)).status_code == 405


# Response rates ------------------------------------------------------------------------------


def test_rates_per_form_with_a_flat_number_of_queries(
    work_group, sessions, questionnaires, django_assert_num_queries
):
    people = [member(work_group, f"Person {n}") for n in range(4)]
    member(work_group, "Wes Withdrawn", Enrolment.Status.WITHDRAWN)
    for person in people[:3]:
        ResponseFactory.create(
            work_group=work_group,
            wave=Wave.SESSION,
            session=sessions[0],
            respondent=person,
            questionnaire=questionnaires[Kind.SESSION_FEEDBACK],
        )
    ResponseFactory.create(
        work_group=work_group,
        wave=Wave.PRE,
        respondent=people[0],
        questionnaire=questionnaires[Kind.PRE_POST],
    )
    rates = work_group_rates(work_group)
    first = rates.sessions[0]
    assert (first.asked, first.responded, first.summary) == (4, 3, "3 of 4 (75%)")
    assert first.is_open
    assert first.may_nudge
    assert not rates.sessions[1].is_open
    assert rates.pre.summary == "1 of 4 (25%)"
    assert rates.pre.has_closed
    assert not rates.pre.may_nudge
    assert rates.school_leader.rate.summary == "No one asked yet"

    with django_assert_num_queries(7):
        work_group_rates(work_group)
    for _ in range(3):
        SessionFactory.create(work_group=work_group)
    for n in range(10):
        member(work_group, f"More {n}")
    with django_assert_num_queries(7):
        rates = work_group_rates(work_group)
    assert len(rates.sessions) == 5
    first = next(rate for rate in rates.sessions if rate.session == sessions[0])
    assert first.summary == "3 of 14 (21%)"


def test_the_overview_shows_rates_without_names(
    client, llme, hub_lead, work_group, sessions, questionnaires
):
    people = [member(work_group, f"Person {n}") for n in range(3)]
    ResponseFactory.create(
        work_group=work_group,
        wave=Wave.SESSION,
        session=sessions[0],
        respondent=people[0],
        questionnaire=questionnaires[Kind.SESSION_FEEDBACK],
    )
    for viewer in (llme, hub_lead):
        client.force_login(viewer)
        response = client.get(overview_url(work_group))
        assert response.status_code == 200
        html = response.content.decode()
        assert "1 of 3 (33%)" in html
        assert "Person 0" not in html
        assert (
            f"/hubs/glow/manage/work-groups/{work_group.pk}/evaluation/sessions/{sessions[0].pk}/"
            in html
        )
        assert f"/hubs/glow/manage/work-groups/{work_group.pk}/evaluation/report/" in html


def test_the_staff_work_group_page_links_to_the_evaluation(client, hub_lead, work_group):
    client.force_login(hub_lead)
    html = client.get(f"/hubs/glow/manage/work-groups/{work_group.pk}/").content.decode()
    assert overview_url(work_group) in html


def test_others_may_not_see_or_nudge(
    client, outsider, participant, work_group, sessions, questionnaires
):
    EnrolmentFactory.create(work_group=work_group, user=participant)
    for person in (outsider, participant):
        client.force_login(person)
        assert client.get(overview_url(work_group)).status_code == 403
        response = client.post(nudge_url(work_group), {"wave": Wave.PRE})
        assert response.status_code == 403
    client.logout()
    assert client.get(overview_url(work_group)).status_code == 302
