"""Newsletter sending in Wagtail's admin: the sending page's addresses, and a "Send" button in
an issue's header and in the page listing's menu (for those who may test or send)."""

from collections.abc import Iterator
from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from hubwork.content.issue_permissions import may_test_issues
from hubwork.content.models import NewsletterIssuePage
from hubwork.content.views import sending_admin


@hooks.register("register_admin_urls")
def sending_urls() -> list[Any]:
    return [
        path(
            "newsletter-issues/<int:page_id>/sending/",
            sending_admin.sending,
            name="content_issue_sending",
        ),
        path(
            "newsletter-issues/<int:page_id>/email-preview/",
            sending_admin.email_preview,
            name="content_issue_email_preview",
        ),
    ]


def _send_button(page: Any, user: Any, priority: int) -> Iterator[Button]:
    if page.specific_class is NewsletterIssuePage and may_test_issues(user):
        yield Button(
            "Send or test",
            url=reverse("content_issue_sending", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def sending_header_button(
    page: Any, user: Any, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    yield from _send_button(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def sending_listing_button(page: Any, user: Any, next_url: str | None = None) -> Iterator[Button]:
    yield from _send_button(page, user, priority=12)
