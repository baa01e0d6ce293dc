"""A content reviewer (two-factor) publishes a newsletter issue and sends it; the confirmed
subscriber gets one copy (the unconfirmed none), reads past issues on the site, and the
email's one-click unsubscribe (a POST, as mail programs send it) works."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from hubwork.accounts.models import Role
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.content.models import IssueSend, Subscription
from hubwork.content.services.editors import content_role_set
from hubwork.content.tests.sending_helpers import issue_make, subscriber_make
from tests.browser.conftest import (
    assert_accessible,
    assert_no_csp_violations,
    sign_in_with_two_factor,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_publishes_and_sends_an_issue_and_one_click_unsubscribe_works(page, live_server):
    reviewer = UserFactory.create(email="reviewer@example.org", display_name="Ruth Adams")
    content_role_set(user=reviewer, role=Role.CONTENT_REVIEWER, by=None)
    secret = enable_totp(reviewer)
    reader = subscriber_make("reader@example.org")
    subscriber_make("waiting@example.org", confirmed=False)
    issue = issue_make(publish=False)

    sign_in_with_two_factor(page, reviewer.email, secret)
    page.goto(f"/cms/pages/{issue.pk}/edit/")
    assert_no_csp_violations(page)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("^Publish")).first.click()
    page.wait_for_load_state()
    issue.refresh_from_db()
    assert issue.live

    page.goto(f"/cms/newsletter-issues/{issue.pk}/sending/")
    assert_no_csp_violations(page)
    expect(page.get_by_test_id("send-status")).to_contain_text("1 confirmed subscriber")
    page.get_by_role("button", name="Send now to 1 subscriber").click()
    expect(page.get_by_test_id("send-status")).to_contain_text("Sent")
    expect(page.get_by_test_id("send-progress")).to_be_visible()
    assert IssueSend.objects.get(issue=issue).status == IssueSend.Status.SENT

    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    unsubscribe = re.fullmatch(r"<(https?://[^>]+)>", message.extra_headers["List-Unsubscribe"])
    assert unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The issue is readable on the site, from the newsletters page.
    page.context.clear_cookies()
    page.goto("/newsletters/")
    assert_accessible(page)
    page.get_by_role("link", name=issue.title).click()
    page.wait_for_url(f"**{issue.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(issue.title)
    assert_accessible(page)

    # The mail program's one-click unsubscribe: a POST with no cookies and no CSRF token.
    path = re.sub(r"^https?://[^/]+", "", unsubscribe.group(1))
    response = page.request.post(live_server.url + path, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    assert not Subscription.objects.filter(subscriber=reader, newsletter="secondary").exists()
