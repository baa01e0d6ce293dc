from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hubwork.accounts.two_factor import RETURN_TO_SESSION_KEY, TwoFactorRequired, has_two_factor

# Pages a staff member can reach before setting up two-factor authentication.
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz")


class StaffTwoFactorMiddleware:
    """Staff roles must set up an authenticator app before using anything else; anyone else
    whom a page of personal data refuses (`TwoFactorRequired`, raised for a Work Group's
    leads) is sent to set one up, and offered the way back afterwards."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and user.needs_two_factor
            and not has_two_factor(user)
        ):
            messages.warning(
                request,
                "Your role gives you access to other people's details, so you need to set up "
                "two-factor authentication before you carry on.",
            )
            return redirect(reverse("mfa_activate_totp"))
        if (
            user.is_authenticated
            and request.method == "GET"
            and request.session.get(RETURN_TO_SESSION_KEY) == request.get_full_path()
        ):
            del request.session[RETURN_TO_SESSION_KEY]  # back where they were going
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, TwoFactorRequired):
            return None
        # Only a page that can be opened again is worth coming back to.
        if request.method == "GET":
            request.session[RETURN_TO_SESSION_KEY] = request.get_full_path()
        messages.warning(
            request,
            "This page shows participants' personal details, so you need two-factor "
            "authentication to see it. Set up an authenticator app, then carry on where you "
            "were.",
        )
        return redirect(reverse("mfa_activate_totp"))
