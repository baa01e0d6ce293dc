import logging
from collections.abc import Callable

from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hubwork.accounts.two_factor import RETURN_TO_SESSION_KEY, TwoFactorRequired, has_two_factor

logger = logging.getLogger(__name__)

# How often a signed-in browser's "last used" time is written ("Where you're signed in").
SEEN_EVERY_SECONDS = 300
SEEN_CACHE_PREFIX = "signed-in-session-seen:"

# Pages a staff member can reach before setting up two-factor authentication (and what
# browsers fetch on their own: violation reports, security.txt).
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/csp-report/", "/.well-known/")


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


def mark_seen_at_sign_in(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """Signing in records the browser already (allauth's own `user_logged_in` receiver), so
    the middleware need not write again for a few minutes; it keeps the pages straight after
    sign-in to the same number of queries as every other."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        cache.set(f"{SEEN_CACHE_PREFIX}{session_key}", True, timeout=SEEN_EVERY_SECONDS)


class SignedInSessionsMiddleware:
    """Keeps "Where you're signed in" up to date: allauth's UserSessionsMiddleware, except
    that it writes a browser's "last used" at most once every few minutes instead of on
    every request (a write per page would serialise every signed-in request on SQLite), and
    a database too busy to record it never fails the page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session_key = request.session.session_key
        seen_key = f"{SEEN_CACHE_PREFIX}{session_key}"
        # A plain read on most requests: the cache's writes (a transaction, when the cache
        # is a database table) come only with the "last used" write they stand for.
        if session_key and request.user.is_authenticated and cache.get(seen_key) is None:
            try:
                cache.set(seen_key, True, timeout=SEEN_EVERY_SECONDS)
                UserSession.objects.create_from_request(request)
            except DatabaseError:
                logger.warning("Could not record when a signed-in browser was last used")
        return self.get_response(request)
