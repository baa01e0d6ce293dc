"""The public site's pages, in a browser: an editor (with two-factor) writes a co-led
spotlight with question-and-answer blocks in Wagtail's editor and submits it; a content
reviewer publishes it; a visitor reads it, with its related pages and the link to its
programme's Work Groups. The public pages are checked with axe and the Nu validator; the
editor (Wagtail's own markup) only for what the Content Security Policy refuses."""

import re

import pytest
from playwright.sync_api import expect

from hubwork.accounts.models import Role
from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp
from hubwork.content.models.pages import SpotlightPage
from hubwork.content.services.editors import content_role_set
from hubwork.content.tests.factories import listing_page, news_publish, standard_page_publish
from hubwork.hubs.tests.factories import HubFactory
from hubwork.workgroups.tests.factories import ProgrammeFactory
from tests.browser.conftest import (
    assert_accessible,
    assert_no_csp_violations,
    fresh_totp_code,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _content_person(email: str, role: str) -> str:
    person = UserFactory.create(email=email, display_name=email.split("@")[0].title())
    content_role_set(user=person, role=role, by=None)
    return enable_totp(person)


def _sign_in_with_two_factor(page, email: str, secret: str) -> None:
    """As conftest's, but the sign-in form's own field (every page's footer also asks for an
    email address, for newsletters)."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")


def _fill_answer(page, answers, index: int, person: str, text: str) -> None:
    """The `index`th answer of the question: who gives it, and what they said (typed into
    that answer's own rich text editor)."""
    answer = answers.locator("[data-streamfield-child]").nth(index)
    answer.get_by_label(re.compile("^Person")).fill(person)
    editor = answer.locator("[contenteditable='true']")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    # Draftail copies what was typed into the form's field a moment (250 ms) after the last
    # key; a person takes longer than that to reach the next button, and so must the test.
    expect(answer.locator("input[type='hidden'][name$='-answer']")).to_have_value(
        re.compile(re.escape(text))
    )


def test_an_editor_writes_a_co_led_spotlight_a_reviewer_publishes_it_and_visitors_read_it(
    page, live_server
):
    oracy = ProgrammeFactory(name="Oracy", slug="riwg-oracy")
    glow = HubFactory(name="GLOW Maths Hub", slug="glow")
    standard_page_publish(slug="become-an-llme", title="Become an LLME")
    related = news_publish(slug="oracy-findings", title="Oracy findings", programmes=[oracy])
    listing = listing_page()
    editor_secret = _content_person("editor@example.org", Role.CONTENT_EDITOR)
    reviewer_secret = _content_person("reviewer@example.org", Role.CONTENT_REVIEWER)

    # The editor signs in with two-factor and opens the editor from the menu.
    _sign_in_with_two_factor(page, "editor@example.org", editor_secret)
    page.get_by_role("link", name="Edit the public site").click()
    page.wait_for_url("**/cms/")
    assert_no_csp_violations(page)

    page.goto(f"/cms/pages/add/content/spotlightpage/{listing.pk}/")
    assert_no_csp_violations(page)
    page.get_by_label(re.compile("^Title")).first.fill("Grace and Daniel on talking maths")
    page.get_by_label(re.compile("^Standfirst")).fill("Two LLMEs on planning for talk.")
    page.get_by_label(re.compile("^Published on")).fill("2026-11-12")
    page.keyboard.press("Escape")
    page.locator("#id_programmes").select_option(label="Oracy")
    page.locator("#id_hubs").select_option(label=glow.name)
    page.locator("#id_people-0-name").fill("Grace Adeyemi")
    page.locator("#id_people-0-role").fill("LLME, Year 4 teacher")
    page.get_by_role("button", name="Add People interviewed").click()
    page.locator("#id_people-1-name").fill("Daniel Hughes")
    page.locator("#id_people-1-role").fill("LLME, head of maths")

    # A question with both co-leads' answers in turn.
    body = page.locator("#body-root")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name=re.compile("Question and answers")).click()
    body.get_by_label(re.compile("^Question")).first.fill("How do you lead together?")
    answers = body.locator("[data-contentpath='answers']")
    _fill_answer(page, answers, 0, "Grace Adeyemi", "Grace answers first.")
    # The answers' own "+" ("Add": a list's, not the page body's "Insert a block").
    answers.get_by_role("button", name="Add", exact=True).last.click()
    _fill_answer(page, answers, 1, "Daniel Hughes", "Daniel answers second.")
    assert_no_csp_violations(page)

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Content review")).click()
    expect(page.get_by_text(re.compile("submitted for moderation"))).to_be_visible()
    assert_no_csp_violations(page)
    spotlight = SpotlightPage.objects.get(title="Grace and Daniel on talking maths")
    assert not spotlight.live
    assert spotlight.workflow_in_progress

    # The reviewer approves it, which publishes it.
    _sign_in_with_two_factor(page, "reviewer@example.org", reviewer_secret)
    page.goto(f"/cms/pages/{spotlight.pk}/edit/")
    assert_no_csp_violations(page)
    # Wagtail names the last task's "Approve" for what it does: "Approve and Publish".
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "Page 'Grace and Daniel on talking maths' has been updated."
    )
    assert_no_csp_violations(page)
    spotlight.refresh_from_db()
    assert spotlight.live

    # A visitor reads it, with related pages and the way to its programme's Work Groups.
    page.context.clear_cookies()
    page.goto("/spotlights-and-news/")
    assert_accessible(page)
    tab_to(page, "Grace and Daniel on talking maths")
    page.keyboard.press("Enter")
    page.wait_for_url("**/spotlights-and-news/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace and Daniel on talking maths")
    expect(page.get_by_text("Daniel answers second.")).to_be_visible()
    expect(page.get_by_role("link", name=related.title)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Oracy", exact=True).click()
    page.wait_for_url("**/work-groups/?programme=riwg-oracy")
    page.go_back()
    page.get_by_role("link", name="become an LLME yourself").click()
    page.wait_for_url("**/become-an-llme/")
    assert_accessible(page)


def test_the_listing_search_and_feed_work_for_visitors(page, live_server):
    oracy = ProgrammeFactory(name="Oracy", slug="riwg-oracy")
    news_publish(slug="open", title="Work Groups are open", programmes=[oracy])
    news_publish(slug="other", title="Something else")

    page.goto("/spotlights-and-news/")
    assert_accessible(page)
    page.get_by_label("Programme").select_option(label="Oracy")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="Work Groups are open")).to_be_visible()
    expect(page.get_by_role("link", name="Something else")).to_have_count(0)
    assert_accessible(page)

    page.goto("/search/")
    page.get_by_role("textbox", name="Search the site").fill("Work Groups")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Work Groups are open")).to_be_visible()
    assert_accessible(page)
