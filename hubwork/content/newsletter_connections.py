"""Start-up wiring for newsletter subscriptions (content/connections.py calls it): the
sign-up form in every page's footer, the Newsletters page among a person's account pages,
and subscriptions following a person's account address when they change it."""

from typing import Any

from allauth.account.signals import email_changed

from hubwork.core.navigation import Link, register
from hubwork.core.panels import register_panel


def account_email_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Newsletters tied to an account go to its new address (services explain the merge)."""
    from hubwork.content.services.subscriptions import subscriber_follow_account_email

    subscriber_follow_account_email(user=user)


def register_newsletters() -> None:
    register_panel("footer", "content/newsletters/footer_panel.html")
    register("account", Link("Newsletters", "content:newsletter_account", order=20))
    email_changed.connect(account_email_changed, dispatch_uid="content-newsletters-email")
