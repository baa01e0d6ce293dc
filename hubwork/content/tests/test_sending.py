"""Composing and sending newsletter issues: the email, tests, sending now or later, in batches,
a send killed halfway, and who may do what."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from hubwork.content.models import Delivery, IssueSend, NewsletterIssuePage, Subscription
from hubwork.content.sending_tasks import send_issue_batch
from hubwork.content.services.sending import (
    RESUME_AFTER,
    issue_send_schedule,
    issue_send_start,
    send_batch,
    sends_due_start,
)
from hubwork.content.tests.sending_helpers import (
    CrashingBackend,
    content_editor,
    content_reviewer,
    copies_by_address,
    featured_page,
    issue_make,
    subscriber_make,
)
from hubwork.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def sending_url(issue) -> str:
    return reverse("content_issue_sending", args=[issue.pk])


@pytest.fixture
def reviewer():
    return content_reviewer()


@pytest.fixture
def editor():
    return content_editor()


@pytest.fixture
def audience():
    """Three confirmed Secondary subscribers, one who never confirmed, one on another list
    only, and one whose address bounced."""
    confirmed = [subscriber_make(f"teacher{n}@example.org") for n in range(3)]
    subscriber_make("unconfirmed@example.org", confirmed=False)
    subscriber_make("primary@example.org", ("primary",))
    bounced = subscriber_make("bounced@example.org")
    bounced.suppressed_at = timezone.now()
    bounced.save()
    return confirmed


def send_now(client, issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(sending_url(issue), {"action": "send_now"})


# The email --------------------------------------------------------------------------------


def test_the_email_has_the_issue_its_links_and_one_click_unsubscribe(
    client, reviewer, django_capture_on_commit_callbacks
):
    page = featured_page()
    issue = issue_make(featured=page)
    subscriber = subscriber_make("reader@example.org")
    client.force_login(reviewer)

    send_now(client, issue, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert message.subject == "Secondary Round-up: spring term"
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    for body in (str(message.body), html):
        assert "Welcome to the spring term round-up" in body
        assert "Become an LLME" in body
        assert "Lead Work Groups for teachers near you" in body
        assert "http://testserver/become-an-llme-test/" in body or "/become-an-llme-test/" in body
        assert "Years 5 to 8 Continuity Work Groups" in body
        assert "https://example.org/continuity" in body
        assert "/newsletters/preferences/" in body
        assert "/newsletters/unsubscribe/" in body
    # Featured pages and the web version are absolute links.
    assert re.search(r'href="https?://[^"]+/become-an-llme-test/"', html)
    unsubscribe = re.fullmatch(r"<(https?://[^>]+)>", message.extra_headers["List-Unsubscribe"])
    assert unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.group(1) in message.body

    # RFC 8058: the mail program POSTs to the header's address, without cookies or a token.
    path = re.sub(r"^https?://[^/]+", "", unsubscribe.group(1))
    anonymous = client.__class__(enforce_csrf_checks=True)
    response = anonymous.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Subscription.objects.filter(subscriber=subscriber, newsletter="secondary").exists()


def test_a_test_goes_to_the_editor_alone_with_the_draft(client, editor, audience):
    issue = issue_make(publish=False)
    draft = issue.get_latest_revision_as_object()
    draft.introduction = "<p>A draft change, not yet published.</p>"
    draft.save_revision()
    client.force_login(editor)

    response = client.post(sending_url(issue), {"action": "test"})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert mail.outbox[0].subject.startswith("[Test] ")
    assert "A draft change, not yet published." in mail.outbox[0].body
    assert not IssueSend.objects.exists()
    assert AuditEvent.objects.filter(verb="newsletter_issue.test_sent", actor=editor).count() == 1


def test_the_sending_page_and_the_email_preview_show_for_an_editor(client, editor):
    issue = issue_make(publish=False)
    client.force_login(editor)

    page = client.get(sending_url(issue))
    preview = client.get(reverse("content_issue_email_preview", args=[issue.pk]))
    text = client.get(reverse("content_issue_email_preview", args=[issue.pk]) + "?format=text")

    assert page.status_code == 200
    assert b"Send a test to me" in page.content
    assert b"Send now" not in page.content  # an editor cannot send to subscribers
    assert b"Welcome to the spring term round-up" in preview.content
    assert text["Content-Type"].startswith("text/plain")


# Who may send ------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["send_now", "schedule", "cancel"])
def test_an_editor_cannot_send_or_schedule_to_subscribers(client, editor, audience, action):
    issue = issue_make()
    client.force_login(editor)

    response = client.post(
        sending_url(issue),
        {
            "action": action,
            "send_at": (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    # Wagtail's admin answers a refusal by going back to its dashboard with a message.
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != sending_url(issue)
    assert not IssueSend.objects.exists()
    assert mail.outbox == []


def test_people_without_a_content_role_cannot_open_the_sending_page(client, participant, hub_lead):
    issue = issue_make()
    for person in (participant, hub_lead):
        client.force_login(person)
        assert client.get(sending_url(issue)).status_code in (302, 403)
        assert client.post(sending_url(issue), {"action": "test"}).status_code in (302, 403)
    assert mail.outbox == []


def test_an_unpublished_issue_cannot_be_sent(
    client, reviewer, audience, django_capture_on_commit_callbacks
):
    issue = issue_make(publish=False)
    client.force_login(reviewer)

    response = send_now(client, issue, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert not IssueSend.objects.exists()
    assert mail.outbox == []


# Sending ---------------------------------------------------------------------------------------


def test_send_now_reaches_confirmed_subscribers_only(
    client, reviewer, audience, django_capture_on_commit_callbacks
):
    issue = issue_make()
    client.force_login(reviewer)

    send_now(client, issue, django_capture_on_commit_callbacks)

    assert copies_by_address() == {subscriber.email: 1 for subscriber in audience}
    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.SENT
    assert send.requested_by == reviewer
    assert send.started_at
    assert send.finished_at
    deliveries = list(send.deliveries.all())
    assert {d.status for d in deliveries} == {Delivery.Status.SENT}
    assert all(d.sent_at and d.message_id for d in deliveries)
    assert {d.subscriber_id for d in deliveries} == {s.pk for s in audience}
    verbs = list(
        AuditEvent.objects.filter(object_type="content.issuesend")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs[0] == "issue_send.scheduled"
    assert "issue_send.started" in verbs
    assert verbs[-1] == "issue_send.finished"

    # The progress page shows the counts; sending again is refused.
    page = client.get(sending_url(issue))
    assert b"Sent" in page.content
    assert b"send-progress" in page.content
    again = send_now(client, issue, django_capture_on_commit_callbacks)
    assert again.status_code == 302
    assert len(mail.outbox) == 3


def test_a_scheduled_send_starts_when_due_and_can_be_cancelled_before(
    client, reviewer, audience, django_capture_on_commit_callbacks
):
    issue = issue_make()
    client.force_login(reviewer)
    later = timezone.localtime() + timedelta(hours=2)

    response = client.post(
        sending_url(issue), {"action": "schedule", "send_at": later.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 302
    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        assert sends_due_start() == 0
    assert mail.outbox == []

    client.post(sending_url(issue), {"action": "cancel"})
    send.refresh_from_db()
    assert send.status == IssueSend.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        assert sends_due_start(now=timezone.now() + timedelta(hours=3)) == 0

    # Scheduled again, it goes when the beat job finds it due.
    issue_send_schedule(issue=issue, send_at=later, by=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        assert sends_due_start(now=later + timedelta(minutes=1)) == 1
    assert copies_by_address() == {subscriber.email: 1 for subscriber in audience}
    assert IssueSend.objects.get(issue=issue).status == IssueSend.Status.SENT


def test_a_time_in_the_past_is_refused_when_scheduling(client, reviewer):
    issue = issue_make()
    client.force_login(reviewer)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(sending_url(issue), {"action": "schedule", "send_at": past})

    assert response.status_code == 200
    assert b"Choose a time in the future" in response.content
    assert not IssueSend.objects.exists()


def test_sending_goes_in_batches_at_the_set_rate(
    settings, reviewer, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    settings.NEWSLETTER_BATCH_SECONDS = 30
    for number in range(5):
        subscriber_make(f"reader{number}@example.org")
    issue = issue_make()
    send = issue_send_schedule(
        issue=issue, send_at=timezone.now() + timedelta(minutes=1), by=reviewer
    )
    IssueSend.objects.filter(pk=send.pk).update(send_at=timezone.now())

    with mock.patch.object(send_issue_batch, "apply_async") as queued:
        with django_capture_on_commit_callbacks(execute=True):
            issue_send_start(send_id=send.pk)
        assert queued.call_args.kwargs == {"kwargs": {"send_id": send.pk}, "countdown": 0}

        sizes = []
        while True:
            queued.reset_mock()
            with django_capture_on_commit_callbacks(execute=True):
                outcome = send_batch(send_id=send.pk)
            sizes.append(outcome.sent)
            if outcome.finished:
                assert not queued.called
                break
            # The next batch waits NEWSLETTER_BATCH_SECONDS.
            assert queued.call_args.kwargs["countdown"] == 30

    assert sizes == [2, 2, 1]
    assert len(mail.outbox) == 5
    assert AuditEvent.objects.filter(verb="issue_send.batch_sent").count() == 3


def test_a_send_killed_halfway_and_restarted_sends_exactly_one_copy_each(
    settings, reviewer, django_capture_on_commit_callbacks
):
    """The acceptance check: the mail backend dies after four emails (as a killed worker
    would), the send is resumed by the beat job, and everyone confirmed has one copy."""
    settings.EMAIL_BACKEND = "hubwork.content.tests.sending_helpers.CrashingBackend"
    settings.NEWSLETTER_BATCH_SIZE = 3
    confirmed = [subscriber_make(f"teacher{n}@example.org") for n in range(8)]
    unconfirmed = [subscriber_make(f"waiting{n}@example.org", confirmed=False) for n in range(3)]
    issue = issue_make()
    CrashingBackend.sent, CrashingBackend.crash_after = 0, 4

    # The batch task fails (the outbox and Celery record it); what went out stays sent.
    with django_capture_on_commit_callbacks(execute=True):
        issue_send_schedule(issue=issue, send_at=timezone.now(), by=reviewer)

    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.SENDING
    assert len(mail.outbox) == 4
    assert send.deliveries.filter(status=Delivery.Status.SENT).count() == 4
    assert send.deliveries.filter(status=Delivery.Status.PENDING).count() == 4

    # Restarted: starting again changes nothing (the recipients were fixed once) ...
    CrashingBackend.crash_after = None
    with django_capture_on_commit_callbacks(execute=True):
        issue_send_start(send_id=send.pk)
    assert send.deliveries.count() == 8
    # ... and the beat job resumes the stalled send, which finishes.
    with django_capture_on_commit_callbacks(execute=True):
        sends_due_start(now=timezone.now() + RESUME_AFTER + timedelta(minutes=1))

    copies = copies_by_address()
    assert copies == {subscriber.email: 1 for subscriber in confirmed}
    assert not any(subscriber.email in copies for subscriber in unconfirmed)
    send.refresh_from_db()
    assert send.status == IssueSend.Status.SENT
    assert AuditEvent.objects.filter(verb="issue_send.resumed", object_id=str(send.pk)).exists()


def test_a_send_in_progress_is_not_resumed_by_the_beat_job(
    settings, reviewer, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 1
    subscriber_make("one@example.org")
    subscriber_make("two@example.org")
    issue = issue_make()
    with mock.patch.object(send_issue_batch, "apply_async"):
        with django_capture_on_commit_callbacks(execute=True):
            send = issue_send_schedule(issue=issue, send_at=timezone.now(), by=reviewer)
        send_batch(send_id=send.pk)

        assert sends_due_start() == 0


def test_people_who_unsubscribe_or_bounce_after_the_start_are_skipped(
    reviewer, audience, django_capture_on_commit_callbacks
):
    from hubwork.content.services.bounces import subscriber_suppress
    from hubwork.content.services.subscriptions import subscription_unsubscribe

    issue = issue_make()
    with (
        mock.patch.object(send_issue_batch, "apply_async"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send = issue_send_schedule(issue=issue, send_at=timezone.now(), by=reviewer)
    leaving, bouncing, staying = audience
    subscription_unsubscribe(subscriber=leaving, newsletter="secondary")
    subscriber_suppress(email=bouncing.email.upper(), event_type="bounced", provider="Postmark")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = send_batch(send_id=send.pk)

    assert copies_by_address() == {staying.email: 1}
    assert outcome.finished
    statuses = dict(send.deliveries.values_list("subscriber__email", "status"))
    assert statuses == {
        leaving.email: Delivery.Status.SKIPPED,
        bouncing.email: Delivery.Status.SKIPPED,
        staying.email: Delivery.Status.SENT,
    }


def test_a_refused_address_fails_and_the_rest_go(
    settings, reviewer, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "hubwork.content.tests.sending_helpers.RefusingBackend"
    subscriber_make("nobody@example.org")
    subscriber_make("somebody@example.org")
    issue = issue_make()

    with django_capture_on_commit_callbacks(execute=True):
        send = issue_send_schedule(issue=issue, send_at=timezone.now(), by=reviewer)

    assert copies_by_address() == {"somebody@example.org": 1}
    failed = send.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber is not None
    assert failed.subscriber.email == "nobody@example.org"
    assert "SMTPRecipientsRefused" in failed.error
    send.refresh_from_db()
    assert send.status == IssueSend.Status.SENT


def test_an_issue_unpublished_before_its_time_is_not_sent(
    reviewer, audience, django_capture_on_commit_callbacks
):
    issue = issue_make()
    send = issue_send_schedule(
        issue=issue, send_at=timezone.now() + timedelta(hours=1), by=reviewer
    )
    issue.unpublish()

    with django_capture_on_commit_callbacks(execute=True):
        sends_due_start(now=timezone.now() + timedelta(hours=2))

    send.refresh_from_db()
    assert send.status == IssueSend.Status.CANCELLED
    assert mail.outbox == []


# Past issues on the site -----------------------------------------------------------------------


def test_sent_issues_are_listed_on_the_newsletters_page_and_readable(
    client, reviewer, audience, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from hubwork.content.selectors.newsletters import past_issues

    sent = issue_make(title="Secondary Round-up: autumn term")
    with django_capture_on_commit_callbacks(execute=True):
        issue_send_schedule(issue=sent, send_at=timezone.now(), by=reviewer)
    issue_make(title="National Newsletter: not sent yet", newsletter="national")
    issue_make(title="Draft issue", publish=False)

    with django_assert_max_num_queries(1):
        issues = past_issues()
    assert [issue.title for issue in issues] == ["Secondary Round-up: autumn term"]
    assert issues[0].sent_at is not None

    client.logout()
    index = client.get("/newsletters/")
    assert index.status_code == 200
    assert b"Secondary Round-up: autumn term" in index.content
    assert b"not sent yet" not in index.content
    page = client.get(sent.url)
    assert page.status_code == 200
    assert b"Welcome to the spring term round-up" in page.content
    assert b"Years 5 to 8 Continuity Work Groups" in page.content
    assert b"Sent" in page.content
    # A published issue is public at its address even before it is sent; a draft is not.
    assert client.get("/newsletters/national-newsletter-not-sent-yet/").status_code == 200
    assert client.get("/newsletters/draft-issue/").status_code == 404


def test_the_demo_has_two_sent_issues_with_deliveries_and_a_draft():
    from hubwork.content.selectors.newsletters import past_issues
    from hubwork.demo.content_issues import seed_content_issues

    subscriber_make("maths.lead@example.org", ("primary", "national"))
    subscriber_make("head.of.maths@example.org", ("secondary",))

    assert seed_content_issues() == 3
    assert seed_content_issues() == 0

    assert [issue.newsletter for issue in past_issues()] == ["secondary", "primary"]
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
    draft = NewsletterIssuePage.objects.get(newsletter="national")
    assert not draft.live
    assert mail.outbox == []
