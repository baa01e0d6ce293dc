from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.forms import Form
from django.http import HttpRequest
from django.urls import reverse

from hubwork.accounts.codes import (
    CODE_EMAILS,
    CODE_SENT_BEFORE,
    REUSE_SIGN_IN_CODE,
    code_email_context,
    lifetime,
    match_confirmation_state,
    sent_again_message,
)
from hubwork.accounts.models import EmailCode, User
from hubwork.accounts.services.codes import email_code_issue
from hubwork.accounts.services.users import user_password_set, user_sign_up
from hubwork.core.outbox import enqueue_now
from hubwork.core.tasks import send_email

INCORRECT_CODE = "That code is not right. Check it and try again."
# allauth's "we have sent a code" messages, replaced when the code had been sent before.
CODE_SENT_MESSAGES = {
    "account/messages/email_confirmation_sent.txt",
    "account/messages/login_code_sent.txt",
}


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {**DefaultMFAAdapter.error_messages, "incorrect_code": INCORRECT_CODE}


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The email address or password is not right. Check them and try again."
        ),
        "incorrect_code": INCORRECT_CODE,
        "incorrect_password": "That password is not right.",
        "too_many_login_attempts": (
            "You have tried to sign in too many times. Wait a few minutes, or sign in with a "
            "code sent by email instead."
        ),
    }

    def save_user(self, request: HttpRequest, user: User, form: Form, commit: bool = True) -> User:
        """Fill the new account in from the sign-up form, name included, and save it through
        the service."""
        super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "")
        if commit:
            user_sign_up(user=user)
        return user

    def set_password(self, user: User, password: str) -> None:
        """A person changing or resetting their own password."""
        user_password_set(user=user, password=password)

    def send_confirmation_mail(
        self, request: HttpRequest, emailconfirmation: Any, signup: bool
    ) -> None:
        """Email the code to confirm an address: the one sent before while it still works
        (accounts/codes.py), which this browser then expects too."""
        super().send_confirmation_mail(request, emailconfirmation, signup)
        if app_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED:
            match_confirmation_state(emailconfirmation.state)

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """Say so when the code just emailed is the one sent before."""
        sent_before = getattr(request, CODE_SENT_BEFORE, None)
        if sent_before is not None and message_template in CODE_SENT_MESSAGES:
            messages.info(request, sent_again_message(sent_before))
            return
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render allauth's email here and send it from the task queue, which retries."""
        request = allauth_context.request
        ctx: dict[str, Any] = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_url": settings.SITE_URL,
            "sign_in_url": settings.SITE_URL + reverse("account_login"),
            "help_url": settings.SITE_URL + reverse("core:help"),
            "contact_email": settings.CONTACT_EMAIL,
        }
        ctx.update(context)
        if template_prefix in CODE_EMAILS and ctx.get("code"):
            purpose, seconds = CODE_EMAILS[template_prefix]
            code, sent_before = email_code_issue(
                email=email,
                purpose=purpose,
                code=ctx["code"],
                lifetime=lifetime(seconds()),
                # Sign-in codes are kept only where Hubwork then sets the browser's state.
                reuse=purpose != EmailCode.Purpose.SIGN_IN
                or getattr(request, REUSE_SIGN_IN_CODE, False),
            )
            ctx.update(code_email_context(code, sent_before=sent_before))
            # The page says so too, after a password: it must not, for a sign-in code, or
            # asking twice would tell anyone whether an address has an account.
            if sent_before and purpose == EmailCode.Purpose.CONFIRM_EMAIL and request:
                setattr(request, CODE_SENT_BEFORE, code)
        message = self.render_mail(template_prefix, email, ctx)
        html_body = ""
        if isinstance(message, EmailMultiAlternatives):
            html_body = next(
                (str(body) for body, mimetype in message.alternatives if mimetype == "text/html"),
                "",
            )
        # Through the outbox, so a broker that is down delays the email but fails no page.
        enqueue_now(
            send_email,
            to=list(message.to),
            subject=str(message.subject),
            text_body=str(message.body),
            html_body=html_body,
        )
