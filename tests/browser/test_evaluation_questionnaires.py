"""A national admin opens Questionnaires from the menu, tries to save a scale question with one
point (and is told why by the field), changes a question that already has an answer, and sees
the new version, with the answered wording kept in the old one."""

import pytest
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.evaluation.models import Item, Questionnaire
from hubwork.evaluation.tests.factories import (
    AnswerFactory,
    ItemFactory,
    QuestionnaireFactory,
    ResponseFactory,
)
from hubwork.programmes.models import IntendedOutcome
from hubwork.workgroups.tests.factories import IntendedOutcomeFactory, ProgrammeFactory
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_national_admin_changes_an_answered_question_and_gets_a_new_version(page, transactional_db):
    admin = UserFactory.create(
        email="nadia@example.org",
        display_name="Nadia Admin",
        is_national_admin=True,
        is_staff=True,
        is_superuser=True,
    )
    secret = enable_totp(admin)
    programme = ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")
    outcome = IntendedOutcomeFactory.create(
        programme=programme,
        area=IntendedOutcome.Area.PRACTICE,
        text="Teachers teach a short number session every day.",
    )
    questionnaire = QuestionnaireFactory.create(
        programme=programme,
        kind=Questionnaire.Kind.PRE_POST,
        title="Number, before and after",
    )
    scale = ItemFactory.create(
        questionnaire=questionnaire,
        position=1,
        text="I teach number every day.",
        outcome=outcome,
        area=outcome.area,
        scale_labels=["Disagree", "Neither", "Agree"],
    )
    answer = AnswerFactory.create(
        response=ResponseFactory.create(
            questionnaire=questionnaire, wave="pre", work_group__programme=programme
        ),
        item=scale,
        number=1,
    )

    sign_in_with_two_factor(page, "nadia@example.org", secret)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Questionnaires").click()
    page.wait_for_url("**/national/questionnaires/")
    expect(page.get_by_role("heading", name="Questionnaires", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Number, before and after").click()
    page.wait_for_url(f"**/national/questionnaires/{questionnaire.pk}/")
    expect(page.locator(".govuk-inset-text")).to_contain_text("any change makes a new version")
    assert_accessible(page)

    page.get_by_role("link", name="Change question 1").click()
    expect(page.get_by_label("Question", exact=True)).to_have_value("I teach number every day.")
    assert_accessible(page)

    # One point is not a scale: the problem is shown by the field, and nothing changes.
    page.get_by_label("Scale points, lowest first").fill("Only one")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give at least 2 labelled points")
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label("Question", exact=True).fill("I teach a short number session every day.")
    page.get_by_label("Scale points, lowest first").fill("Never\nOnce a week\nMost days\nEvery day")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the question").click()
    new = Questionnaire.objects.get(is_current=True)
    assert new.version == 2
    assert page.url.endswith(f"/national/questionnaires/{new.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("Version 2 is now current")
    expect(page.get_by_test_id("version")).to_contain_text("2 (current)")
    expect(
        page.get_by_role("heading", name="1. I teach a short number session every day.")
    ).to_be_visible()
    assert_accessible(page)

    # The earlier version keeps the wording its answer was given to.
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", name="1. I teach number every day.")).to_be_visible()
    expect(page.get_by_role("link", name="Change question 1")).to_have_count(0)
    assert_accessible(page)
    answer.refresh_from_db()
    assert answer.item.questionnaire_id == questionnaire.pk
    assert Item.objects.get(questionnaire=new).scale_labels == [
        "Never",
        "Once a week",
        "Most days",
        "Every day",
    ]


def test_the_other_questionnaire_pages_pass_the_checks(page, transactional_db):
    admin = UserFactory.create(
        email="nadia@example.org", is_national_admin=True, is_staff=True, is_superuser=True
    )
    secret = enable_totp(admin)
    programme = ProgrammeFactory.create(name="Mastering Number", slug="mastering-number")
    IntendedOutcomeFactory.create(programme=programme, area=IntendedOutcome.Area.PRACTICE)
    sign_in_with_two_factor(page, "nadia@example.org", secret)

    page.goto("/national/questionnaires/")
    page.get_by_role(
        "link", name="Create its own school leader questionnaire for Mastering Number"
    ).click()
    expect(page.get_by_label("Title")).to_have_value("Your school and the Work Group")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Create the questionnaire").click()
    expect(page.get_by_role("alert")).to_contain_text("default questions")
    assert_accessible(page)

    page.get_by_role("link", name="Add a question").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Change the title and introduction").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Remove question 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove the question")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Remove the question").click()
    expect(page.get_by_role("alert")).to_contain_text("is removed")
    page.get_by_role("button", name="Move down question 1").click()
    page.wait_for_load_state()
    assert_accessible(page)
