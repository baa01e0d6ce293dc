from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.forms import Form
from django.http import HttpRequest

from hubwork.accounts.models import User
from hubwork.accounts.services import user_password_set, user_sign_up
from hubwork.core.tasks import send_email

INCORRECT_CODE = "That code is not right. Check it and try again."


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

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render allauth's email here and send it from the task queue, which retries."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html_body = ""
        if isinstance(message, EmailMultiAlternatives):
            html_body = next(
                (str(body) for body, mimetype in message.alternatives if mimetype == "text/html"),
                "",
            )
        send_email.delay(
            to=list(message.to),
            subject=str(message.subject),
            text_body=str(message.body),
            html_body=html_body,
        )
