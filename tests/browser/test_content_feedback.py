"""Page feedback as a visitor gives it and an editor reads it: a visitor says a page was not
written in plain English, with a comment holding their email address, by keyboard alone;
it is kept without the address; an editor, signed in with two-factor, sees the page's score
beside its reading ease, long sentences and avoid-list words. And the same question answered
without JavaScript, which comes back to the same place with a thank-you."""

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from hubwork.accounts.models import Role
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.content.models import HomePage, PageFeedback, StandardPage
from hubwork.content.services.site import public_site_ensure
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HARD_TEXT = (
    "<p>In order to facilitate the utilisation of the resources that have been made available "
    "to participating schools, stakeholders are required to endeavour to ascertain, prior to "
    "the commencement of the programme, whether additional assistance will be required by "
    "their colleagues.</p><p>Applications are considered termly.</p>"
)


def _funding_page() -> StandardPage:
    public_site_ensure()
    page = StandardPage(
        title="Funding for schools",
        slug="funding-for-schools",
        standfirst="What the Maths Hubs pay for, and how to claim it.",
        body=[("text", RichText(HARD_TEXT))],
    )
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_visitor_says_no_to_plain_english_and_an_editor_sees_it(page, live_server):
    funding = _funding_page()
    editor = UserFactory.create(
        email="ellis@example.org", display_name="Ellis Warren", content_role=Role.CONTENT_EDITOR
    )
    secret = enable_totp(editor)

    page.goto(funding.url)
    expect(page.get_by_role("heading", name="Funding for schools", level=1)).to_be_visible()
    feedback = page.get_by_role("region", name="Help us improve this page")
    expect(feedback.get_by_role("group", name="Was this written in plain English?")).to_be_visible()
    # The box only opens after "No".
    comment_box = page.locator("#page-feedback-plain_english-comment")
    expect(comment_box).to_be_hidden()
    assert_accessible(page)

    # By keyboard: past the first question and its button, into the second question's radios.
    tab_to(page, "Yes")
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("button", name="Send your answer to “Is this page useful?”")
    ).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # "No"
    expect(page.get_by_role("radio", name="No").nth(1)).to_be_checked()
    expect(comment_box).to_be_visible()
    expect(page.get_by_text("Do not include personal details").nth(1)).to_be_visible()
    page.keyboard.press("Tab")
    expect(comment_box).to_be_focused()
    page.keyboard.type("Far too long. Write to me at sam.teacher@school.sch.uk and I'll explain.")
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("button", name="Send your answer to “Was this written in plain English?”")
    ).to_be_focused()
    page.keyboard.press("Enter")

    # In place, with htmx: the same page, the question replaced by thanks.
    expect(
        page.get_by_text("Thank you for your feedback on “Was this written in plain English?”")
    ).to_be_visible()
    assert "page_feedback" not in page.url
    expect(feedback.get_by_role("group", name="Is this page useful?")).to_be_visible()
    assert_accessible(page)
    answer = PageFeedback.objects.get()
    assert (answer.question, answer.answer, answer.page_id) == ("plain_english", False, funding.pk)
    assert answer.comment == "Far too long. Write to me at [email removed] and I'll explain."

    # The editor, signed in with two-factor, finds the page's score in their menu.
    sign_in_with_two_factor(page, "ellis@example.org", secret)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Page feedback").click()
    expect(page.get_by_role("heading", name="Page feedback", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Funding for schools")
    expect(row).to_contain_text("0% of 1")
    expect(row.get_by_role("cell").nth(4)).to_contain_text("Difficult")  # reading ease
    expect(row.get_by_role("cell").nth(5)).to_have_text("1")  # long sentences
    assert_accessible(page)

    row.get_by_role("link", name="Funding for schools").click()
    expect(page.get_by_role("heading", name="Funding for schools", level=1)).to_be_visible()
    expect(page.locator("#feedback-plain-percent")).to_have_text("0% said yes, of 1")
    expect(page.locator("#feedback-reading-ease")).to_contain_text("Difficult")
    expect(page.get_by_text("Far too long. Write to me at [email removed]")).to_be_visible()
    expect(page.get_by_text("sam.teacher@school.sch.uk")).to_have_count(0)
    page.get_by_text("Words from the avoid-list").click()
    expect(page.get_by_text("“facilitate”: try “help, make easier”")).to_be_visible()
    assert_accessible(page)


def test_without_javascript_an_answer_comes_back_to_the_same_place(
    page_without_javascript, live_server
):
    page = page_without_javascript
    funding = _funding_page()
    page.goto(funding.url)
    useful = page.get_by_role("group", name="Is this page useful?")
    useful.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Send your answer to “Is this page useful?”").click()
    page.wait_for_url("**/funding-for-schools/?page_feedback=useful#page-feedback")
    expect(
        page.get_by_text("Thank you for your feedback on “Is this page useful?”")
    ).to_be_visible()
    assert PageFeedback.objects.get().answer is True
