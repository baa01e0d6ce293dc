"""Shared set-up for the newsletter sending tests: issues, subscribers, editors."""

from collections import Counter
from smtplib import SMTPRecipientsRefused
from typing import Any

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from wagtail.models import Page

from hubwork.accounts.models import Role, User
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.content.models import (
    FeaturedPage,
    NewsletterIndexPage,
    NewsletterIssuePage,
    StandardPage,
    Subscriber,
    Subscription,
)
from hubwork.content.services.editors import content_role_set


def content_person(role: str, name: str) -> User:
    user = UserFactory.create(display_name=name)
    content_role_set(user=user, role=role, by=None)
    enable_totp(user)
    return user


def content_editor() -> User:
    return content_person(Role.CONTENT_EDITOR, "Esme Editor")


def content_reviewer() -> User:
    return content_person(Role.CONTENT_REVIEWER, "Rhys Reviewer")


def featured_page() -> StandardPage:
    home = Page.objects.get(depth=2)
    page = StandardPage(
        title="Become an LLME",
        slug="become-an-llme-test",
        standfirst="Lead Work Groups for teachers near you, with training and support.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def issue_make(
    *,
    newsletter: str = "secondary",
    title: str = "Secondary Round-up: spring term",
    publish: bool = True,
    featured: StandardPage | None = None,
) -> NewsletterIssuePage:
    index = NewsletterIndexPage.objects.get()
    issue = NewsletterIssuePage(
        title=title,
        slug=title.lower().replace(" ", "-").replace(":", ""),
        newsletter=newsletter,
        live=publish,
        introduction="<p>Welcome to the spring term round-up from the Maths Hubs.</p>",
        items=[
            (
                "item",
                {
                    "heading": "Years 5 to 8 Continuity Work Groups",
                    "text": "<p>Places are open for the summer term.</p>",
                    "link": "https://example.org/continuity",
                },
            )
        ],
    )
    index.add_child(instance=issue)
    if featured is not None:
        FeaturedPage.objects.create(issue=issue, page=featured, sort_order=0)
    revision = issue.save_revision()
    if publish:
        revision.publish()
    issue.refresh_from_db()
    return issue


def subscriber_make(
    email: str, newsletters: tuple[str, ...] = ("secondary",), *, confirmed: bool = True
) -> Subscriber:
    subscriber = Subscriber.objects.create(email=email)
    for newsletter in newsletters:
        Subscription.objects.create(
            subscriber=subscriber,
            newsletter=newsletter,
            confirmed_at=timezone.now() if confirmed else None,
        )
    return subscriber


def copies_by_address() -> Counter[str]:
    return Counter(address for message in mail.outbox for address in message.to)


class CrashingBackend(EmailBackend):
    """Sends `crash_after` messages, then raises as if the worker died mid-batch."""

    crash_after: int | None = None
    sent = 0

    def send_messages(self, messages: Any) -> int:
        for _ in messages:
            if (
                CrashingBackend.crash_after is not None
                and CrashingBackend.sent >= CrashingBackend.crash_after
            ):
                raise RuntimeError("worker killed")
            CrashingBackend.sent += 1
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """Refuses one address, as a mail server does for a mailbox that does not exist."""

    refused = "nobody@example.org"

    def send_messages(self, messages: Any) -> int:
        for message in messages:
            if self.refused in message.to:
                raise SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        return super().send_messages(messages)
