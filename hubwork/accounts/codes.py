"""Codes we email (to confirm an address, or to sign in) keep working until they run out.

allauth keeps the one code it will accept in the browser's session and makes a new one each
time a sign-in starts afresh (after "Cancel", in another browser or on another device): the
code already in the person's inbox then stopped working without a word. Hubwork keeps the
code it emailed (`EmailCode`), sends that same code again while it still works, whichever
browser asks, and says so in the email and on the page ("the same code we sent at 1:30pm; it
works until 1:45pm"). A code that has been used, or guessed at too often, is spent, so the
next request gets a new one.

How it joins allauth (pinned at 65.x in requirements/base.txt; test_codes.py goes through
the real pages):
- `AccountAdapter.send_mail` asks `email_code_issue` which code an email carries;
- the browser's own allauth state is then set to that code and its send time: for
  confirmation in `AccountAdapter.send_confirmation_mail`, for sign-in codes in
  `RequestSignInCodeView` (accounts/views/sign_in.py), the only place Hubwork starts one;
- allauth's signals spend the code (`connect_signals`, from AccountsConfig.ready()).
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from allauth.account import app_settings
from allauth.account import signals as allauth_signals
from allauth.account.internal.stagekit import stash_login
from allauth.account.models import EmailAddress
from allauth.account.stages import LoginByCodeStage, LoginStageController
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from hubwork.accounts.models import EmailCode
from hubwork.accounts.selectors import email_code_current
from hubwork.accounts.services.codes import email_code_spend
from hubwork.core.times import time_of_day

# allauth's email templates that carry a code: what the code is for, and how long it works.
CODE_EMAILS: dict[str, tuple[str, Callable[[], int]]] = {
    "account/email/email_confirmation": (
        EmailCode.Purpose.CONFIRM_EMAIL,
        lambda: app_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT,
    ),
    "account/email/email_confirmation_signup": (
        EmailCode.Purpose.CONFIRM_EMAIL,
        lambda: app_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT,
    ),
    "account/email/login_code": (
        EmailCode.Purpose.SIGN_IN,
        lambda: app_settings.LOGIN_BY_CODE_TIMEOUT,
    ),
}
# Set on the request by the views that then put the same code in the browser's allauth state.
REUSE_SIGN_IN_CODE = "_hubwork_reuse_sign_in_code"
# Set by AccountAdapter.send_mail when the code it sent had been sent before, for the message.
CODE_SENT_BEFORE = "_hubwork_code_sent_before"


def code_email_context(code: EmailCode, *, sent_before: bool) -> dict[str, Any]:
    lifetime = code.expires_at - code.sent_at
    return {
        "code": code.code,
        "code_sent_before": sent_before,
        "code_sent_at": time_of_day(code.sent_at),
        "code_expires_at": time_of_day(code.expires_at),
        "code_minutes": max(1, int(lifetime.total_seconds()) // 60),
    }


def lifetime(seconds: int) -> timedelta:
    return timedelta(seconds=seconds)


def sent_again_message(code: EmailCode) -> str:
    return (
        f"We have emailed your code to {code.email} again. It is the same code we sent at "
        f"{time_of_day(code.sent_at)}, and it works until {time_of_day(code.expires_at)}."
    )


def match_confirmation_state(state: dict[str, Any]) -> None:
    """Make a browser's confirmation-by-code state expect the code we emailed, until it runs
    out (allauth times a code from state["at"])."""
    email = state.get("email")
    code = (
        email_code_current(email=email, purpose=EmailCode.Purpose.CONFIRM_EMAIL) if email else None
    )
    if code is not None:
        state["code"] = code.code
        state["at"] = code.sent_at.timestamp()


def match_sign_in_state(request: HttpRequest) -> None:
    """The same for the sign-in code this browser has just asked for."""
    stage = LoginStageController.enter(request, LoginByCodeStage.key)
    email = stage.state.get("email") if stage is not None else None
    if stage is None or not email or "code" not in stage.state:
        return
    code = email_code_current(email=email, purpose=EmailCode.Purpose.SIGN_IN)
    if code is not None:
        stage.state["code"] = code.code
        stage.state["at"] = code.sent_at.timestamp()
        stash_login(request, stage.login)


def _addresses_of(user: Any) -> list[str]:
    return [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]


def _spend_confirmation(
    sender: Any, request: HttpRequest, email_address: Any, **kwargs: Any
) -> None:
    email_code_spend(emails=[email_address.email], purpose=EmailCode.Purpose.CONFIRM_EMAIL)


def _spend_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    email_code_spend(emails=_addresses_of(user), purpose=EmailCode.Purpose.SIGN_IN)


def _spend_when_guessed_too_often(purpose: str) -> Callable[..., None]:
    def receiver(
        sender: Any, request: HttpRequest, user: Any, last_attempt: bool, **kwargs: Any
    ) -> None:
        if last_attempt:
            email_code_spend(emails=_addresses_of(user), purpose=purpose)

    return receiver


_spend_rejected_sign_in = _spend_when_guessed_too_often(EmailCode.Purpose.SIGN_IN)
_spend_rejected_confirmation = _spend_when_guessed_too_often(EmailCode.Purpose.CONFIRM_EMAIL)


def connect_signals() -> None:
    allauth_signals.email_confirmed.connect(_spend_confirmation, dispatch_uid="hubwork_code_1")
    user_logged_in.connect(_spend_sign_in, dispatch_uid="hubwork_code_2")
    allauth_signals.login_code_rejected.connect(
        _spend_rejected_sign_in, dispatch_uid="hubwork_code_3"
    )
    allauth_signals.email_verification_code_rejected.connect(
        _spend_rejected_confirmation, dispatch_uid="hubwork_code_4"
    )
