"""Start-up wiring for registered interest (content/connections.py calls it): the account
page listing a person's requests, the well-known page other apps link to ("interest":
the form, which takes ?programme=&phase=&hub=), the receivers telling people when a Work
Group opens and following an account's new address, and the privacy part and retention rule."""

from typing import Any

from allauth.account.signals import email_changed

from hubwork.core.navigation import Link, register, register_page

# Well-known pages (core.navigation) that lower apps' templates link to by name.
INTEREST_PAGE = "interest"
MY_INTEREST_PAGE = "my_interest"


def account_email_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Registrations tied to an account go to its new address."""
    from hubwork.content.services.interest import interest_follow_account_email

    interest_follow_account_email(user=user)


def register_interest() -> None:
    from hubwork.content import interest_privacy, interest_retention  # noqa: F401 (register)
    from hubwork.content.services.interest import on_work_group_published
    from hubwork.workgroups.signals import work_group_published

    register_page(INTEREST_PAGE, "content:interest_register")
    register_page(MY_INTEREST_PAGE, "content:interest_mine")
    register(
        "account", Link("Work Groups you asked to hear about", "content:interest_mine", order=25)
    )
    work_group_published.connect(on_work_group_published, dispatch_uid="content.interest_notify")
    email_changed.connect(account_email_changed, dispatch_uid="content-interest-email")
