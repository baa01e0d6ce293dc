"""A participant answers a session's feedback form from their dashboard, by keyboard: a
missing answer is named by its question, then the corrected answers are saved."""

import pytest

from hubwork.accounts.tests.factories import PASSWORD
from hubwork.evaluation.models import Item, Questionnaire, Response
from hubwork.evaluation.tests.factories import ItemFactory, QuestionnaireFactory
from hubwork.hubs.tests.factories import HubFactory
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)
from tests.browser.conftest import assert_accessible, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_answers_session_feedback(page):
    questionnaire = QuestionnaireFactory.create(kind=Questionnaire.Kind.SESSION_FEEDBACK)
    ItemFactory.create(questionnaire=questionnaire, text="The session was useful")
    ItemFactory.create(
        questionnaire=questionnaire,
        kind=Item.Kind.FREE_TEXT,
        text="Anything else",
        scale_labels=[],
        required=False,
    )
    work_group = WorkGroupFactory.create(hub=HubFactory.create(), title="Mastering Number")
    SessionFactory.create(work_group=work_group, date=days(-2))
    amy = EnrolmentFactory.create(work_group=work_group, user__email="amy@example.org").user
    amy.set_password(PASSWORD)
    amy.save()

    sign_in(page, "amy@example.org")
    page.get_by_role("link", name="Feedback on session 1").click()
    page.wait_for_url("**/my/evaluation/**/sessions/1/")
    assert_accessible(page)
    tab_to(page, "Send your answers")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    error = page.locator(".govuk-error-message")
    assert "Choose how far you agree" in error.inner_text()
    assert_accessible(page)
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Anything else").fill("Useful examples.")
    page.get_by_role("button", name="Send your answers").click()
    page.wait_for_url("**?saved=1")
    assert "Your answers are saved" in page.content()
    assert_accessible(page)
    assert Response.objects.get().answers.count() == 2


def test_the_before_questionnaire_works_without_javascript(page_without_javascript):
    """Radios and checkboxes post as plain HTML (the Nu validator still checks each page; axe
    needs JavaScript, so the journey above checks the same form template with it on)."""
    page = page_without_javascript
    questionnaire = QuestionnaireFactory.create(kind=Questionnaire.Kind.PRE_POST)
    ItemFactory.create(
        questionnaire=questionnaire,
        text="I am confident teaching number sense",
        scale_labels=[str(point) for point in range(1, 8)],
    )
    ItemFactory.create(
        questionnaire=questionnaire,
        kind=Item.Kind.MULTIPLE_CHOICE,
        text="Which year groups do you teach?",
        scale_labels=[],
        choices=["Reception", "Year 1", "Year 2"],
    )
    work_group = WorkGroupFactory.create(hub=HubFactory.create(), title="Mastering Number")
    SessionFactory.create(work_group=work_group, date=days(10))
    ben = EnrolmentFactory.create(work_group=work_group, user__email="ben@example.org").user
    ben.set_password(PASSWORD)
    ben.save()

    sign_in(page, "ben@example.org")
    page.get_by_role("link", name="Feedback forms", exact=True).click()
    page.get_by_role("link", name="Before the Work Group: where you are starting from").click()
    page.get_by_label("5", exact=True).check()
    page.get_by_label("Year 1").check()
    page.get_by_label("Year 2").check()
    page.get_by_role("button", name="Send your answers").click()
    page.wait_for_url("**?saved=1")
    assert "Your answers are saved" in page.content()
    answers = {answer.item.kind: answer for answer in Response.objects.get().answers.all()}
    assert answers[Item.Kind.SCALE].number == 5
    assert answers[Item.Kind.MULTIPLE_CHOICE].choice_list == [1, 2]
