"""Participants and school leaders answer their forms: saved, changed, never doubled, and
never lost when the form has closed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hubwork.evaluation.models import Invitation, Item, Questionnaire, Response, Wave
from hubwork.evaluation.selectors.my_forms import forms_for_user
from hubwork.evaluation.tests.factories import ItemFactory, QuestionnaireFactory
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback():
    questionnaire = QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    scale = ItemFactory.create(questionnaire=questionnaire, text="The session was useful")
    count = ItemFactory.create(
        questionnaire=questionnaire,
        kind=Item.Kind.NUMBER,
        text="Lessons tried",
        scale_labels=[],
        min_value=0,
        max_value=20,
        required=False,
    )
    comment = ItemFactory.create(
        questionnaire=questionnaire,
        kind=Item.Kind.FREE_TEXT,
        text="Anything else",
        scale_labels=[],
        required=False,
    )
    return questionnaire, scale, count, comment


@pytest.fixture
def held(hub, participant):
    work_group = WorkGroupFactory.create(hub=hub, title="Mastering Number")
    session = SessionFactory.create(work_group=work_group, date=days(-2))
    SessionFactory.create(work_group=work_group, date=days(30))
    EnrolmentFactory.create(work_group=work_group, user=participant)
    return work_group, session


def url(work_group, session):
    return reverse(
        "evaluation:form_session", kwargs={"slug": work_group.slug, "number": session.number}
    )


def test_save_then_change_is_one_response(client, participant, held, feedback):
    work_group, session = held
    _, scale, count, comment = feedback
    client.force_login(participant)
    page = client.get(url(work_group, session))
    assert page.status_code == 200
    assert "fewer than 3 responses" in page.content.decode()
    assert "Do not include pupils" in page.content.decode()
    data = {f"item_{scale.pk}": "4", f"item_{count.pk}": "3", f"item_{comment.pk}": "Good"}
    assert client.post(url(work_group, session), data).status_code == 302
    assert client.post(url(work_group, session), data).status_code == 302  # a double click
    data[f"item_{scale.pk}"] = "2"
    client.post(url(work_group, session), data)
    response = Response.objects.get()
    assert response.respondent == participant
    assert response.invitation == Invitation.objects.get(wave=Wave.SESSION, user=participant)
    assert sorted(response.answers.values_list("number", flat=True), key=str) == [2, 3, None]
    assert (
        "Your answers are saved"
        in client.get(url(work_group, session) + "?saved=1").content.decode()
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scale": ""}, "Choose how far you agree with “The session was useful”"),
        ({"scale": "9"}, "Choose one of the answers given"),
        ({"count": "21"}, "must be 20 or less"),
        ({"count": "two"}, "must be a whole number"),
    ],
)
def test_errors_by_the_field(client, participant, held, feedback, change, message):
    work_group, session = held
    _, scale, count, _ = feedback
    values = {"scale": "4", "count": "3"} | change
    client.force_login(participant)
    page = client.post(
        url(work_group, session),
        {f"item_{scale.pk}": values["scale"], f"item_{count.pk}": values["count"]},
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "govuk-error-message" in page.content.decode()
    assert not Response.objects.exists()


def test_post_after_closing_shows_what_was_typed(client, participant, hub, feedback):
    _, scale, _, comment = feedback
    work_group = WorkGroupFactory.create(hub=hub)
    session = SessionFactory.create(work_group=work_group, date=days(-20))
    EnrolmentFactory.create(work_group=work_group, user=participant)
    client.force_login(participant)
    page = client.post(
        url(work_group, session),
        {f"item_{scale.pk}": "5", f"item_{comment.pk}": "My long thoughtful comment"},
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert "This form closed on" in content
    assert "My long thoughtful comment" in content
    assert not Response.objects.exists()


def test_someone_elses_work_group_is_404(client, participant, hub, feedback):
    work_group = WorkGroupFactory.create(hub=hub)
    session = SessionFactory.create(work_group=work_group, date=days(-2))
    client.force_login(participant)
    assert client.get(url(work_group, session)).status_code == 404


def test_school_leader_by_token_signed_out(client, hub):
    questionnaire = QuestionnaireFactory.create(kind=Questionnaire.Kind.SCHOOL_LEADER)
    item = ItemFactory.create(questionnaire=questionnaire)
    work_group = WorkGroupFactory.create(hub=hub)
    SessionFactory.create(work_group=work_group, date=days(-2))
    enrolment = EnrolmentFactory.create(work_group=work_group)
    invitation = Invitation.objects.create(
        work_group=work_group, wave=Wave.SCHOOL_LEADER, school=enrolment.school
    )
    path = reverse("evaluation:form_school_leader", kwargs={"token": invitation.token})
    page = client.get(path)
    assert page.status_code == 200
    assert enrolment.school.name in page.content.decode()
    client.post(path, {f"item_{item.pk}": "5"})
    client.post(path, {f"item_{item.pk}": "4"})
    assert Response.objects.get().answers.get().number == 4
    wrong = reverse("evaluation:form_school_leader", kwargs={"token": "nope"})
    assert client.get(wrong).status_code == 404


def test_forms_for_user_queries_stay_flat(participant, hub, feedback, django_assert_num_queries):
    def add_work_group():
        work_group = WorkGroupFactory.create(hub=hub)
        SessionFactory.create(work_group=work_group, date=days(-2))
        EnrolmentFactory.create(work_group=work_group, user=participant)

    add_work_group()
    with django_assert_num_queries(4):
        assert len(forms_for_user(participant)) == 1
    for _ in range(3):
        add_work_group()
    with django_assert_num_queries(4):
        forms = forms_for_user(participant, now=timezone.now() + timedelta(minutes=1))
    assert len(forms) == 4


def test_the_forms_page_says_what_is_open_and_what_opens_next(client, participant, held, feedback):
    work_group, session = held
    _, scale, _, _ = feedback
    client.force_login(participant)
    page = client.get(reverse("evaluation:my_forms")).content.decode()
    to_answer = page[page.index('data-testid="to-answer"') : page.index('data-testid="coming"')]
    assert f"Feedback on session {session.number}" in to_answer
    # Session 2, in 30 days: its feedback opens when it ends.
    coming = page[page.index('data-testid="coming"') :]
    assert f"Feedback on session {session.number + 1}" in coming
    assert "Opens at" in coming

    client.post(url(work_group, session), {f"item_{scale.pk}": "4"})
    page = client.get(reverse("evaluation:my_forms")).content.decode()
    assert 'data-testid="to-answer"' not in page
    assert "You have no forms to answer now" in page
    answered = page[page.index('data-testid="answered"') : page.index('data-testid="coming"')]
    assert f"Feedback on session {session.number}" in answered
