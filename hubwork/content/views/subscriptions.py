"""Newsletter subscriptions: sign up, confirm, preferences, one-click unsubscribe, and a
signed-in person's Newsletters page. Every page works without JavaScript; the sign-up form
is swapped in place with htmx where it is there."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.models import User
from hubwork.content.forms.subscriptions import NewsletterChoiceForm, SubscribeForm
from hubwork.content.models import Newsletter
from hubwork.content.newsletter_links import preferences_url
from hubwork.content.selectors.subscriptions import (
    account_subscriber_find,
    confirm_link,
    preferences_link,
    subscribed_newsletters,
    unsubscribe_link,
)
from hubwork.content.services.subscriptions import (
    account_email_verified,
    account_subscriptions_set,
    subscription_confirm,
    subscription_request,
    subscription_unsubscribe,
    subscriptions_set,
)
from hubwork.core.ratelimit import over_rate_limit

FOOTER_PREFIX = "footer"
# Sign-ups from one address (IP) an hour: enough for a school's shared connection.
IP_LIMIT = 20
IP_WINDOW_SECONDS = 60 * 60
ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _subscribe_page(request: HttpRequest, form: SubscribeForm, **context: Any) -> HttpResponse:
    status = context.pop("status", 200)
    template = (
        "content/newsletters/includes/signup.html"
        if _htmx(request)
        else "content/newsletters/subscribe.html"
    )
    return render(request, template, {"form": form, **context}, status=status)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """The sign-up form (also posted to from every page's footer and the newsletters page).

    Whatever the address, a valid form gets the same answer, "check your email": the email
    itself says what is true. A bot that fills the hidden field is told the same and nothing
    is written.
    """
    if request.method == "GET":
        return _subscribe_page(request, SubscribeForm())
    # The footer's form has its own field names, so its ids differ from the page's form.
    prefix = FOOTER_PREFIX if f"{FOOTER_PREFIX}-email" in request.POST else None
    form = SubscribeForm(request.POST, prefix=prefix)
    if over_rate_limit(
        request, scope="newsletter-subscribe", limit=IP_LIMIT, window_seconds=IP_WINDOW_SECONDS
    ):
        return _subscribe_page(
            request,
            _unprefixed(form, request.POST),
            refused="You have sent this form too many times. Wait an hour, then try again.",
            status=429,
        )
    if form.is_bot():
        return _checked(request, email="")
    if not form.is_valid():
        return _subscribe_page(request, _unprefixed(form, request.POST))
    outcome = subscription_request(
        email=form.cleaned_data["email"],
        newsletters=form.cleaned_data["newsletters"],
        user=_user(request),
    )
    if outcome.confirmed_now:
        # A signed-in person's own address: confirmed already, so nothing to check.
        messages.success(request, "You're subscribed. You can change this in your account.")
        if _htmx(request):
            return render(
                request,
                "content/newsletters/includes/subscribed.html",
                {"newsletters": [Newsletter(n).label for n in outcome.confirmed_now]},
            )
        return redirect("content:newsletter_account")
    return _checked(request, email=form.cleaned_data["email"])


def _checked(request: HttpRequest, *, email: str) -> HttpResponse:
    if _htmx(request):
        return render(request, "content/newsletters/includes/check_email.html", {"email": email})
    request.session["newsletter_email"] = email
    return redirect("content:newsletter_check_email")


def _unprefixed(form: SubscribeForm, posted: QueryDict) -> SubscribeForm:
    """The footer's form again as the page's own, with what was typed and its errors."""
    if form.prefix is None:
        return form
    data = QueryDict(mutable=True)
    data["email"] = posted.get(form.add_prefix("email"), "")
    data.setlist("newsletters", posted.getlist(form.add_prefix("newsletters")))
    return SubscribeForm(data)


@require_GET
def check_email(request: HttpRequest) -> HttpResponse:
    """After signing up: look for our email (the same page whether the address was new)."""
    email = request.session.get("newsletter_email", "")
    return render(request, "content/newsletters/check_email.html", {"email": email})


def _link_problem(request: HttpRequest, *, kind: str, status: int = 200) -> HttpResponse:
    return render(request, "content/newsletters/link_problem.html", {"kind": kind}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email. Opening it only shows a Confirm button (mail
    scanners open links); pressing it confirms."""
    link = confirm_link(token)
    if link is None:
        return _link_problem(request, kind="confirm")
    labels = [Newsletter(n).label for n in link.newsletters]
    if request.method == "POST":
        subscription_confirm(subscriber=link.subscriber, newsletters=link.newsletters)
        return render(
            request,
            "content/newsletters/confirmed.html",
            {"newsletters": labels, "preferences_url": preferences_url(link.subscriber)},
        )
    return render(
        request,
        "content/newsletters/confirm.html",
        {"newsletters": labels, "email": link.subscriber.email},
    )


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Choose which newsletters, or none, from the signed link in every email."""
    link = preferences_link(token)
    if link is None:
        return _link_problem(request, kind="preferences")
    subscriber = link.subscriber
    if request.method == "POST":
        form = NewsletterChoiceForm(request.POST)
        if form.is_valid():
            wanted = [] if "unsubscribe_all" in request.POST else form.cleaned_data["newsletters"]
            subscriptions_set(subscriber=subscriber, newsletters=wanted)
            messages.success(
                request,
                "Your choices are saved."
                if wanted
                else "You're unsubscribed from every newsletter. You will get no more.",
            )
            return redirect(request.path)
    else:
        form = NewsletterChoiceForm(initial={"newsletters": subscribed_newsletters(subscriber)})
    return render(
        request,
        "content/newsletters/preferences.html",
        {"form": form, "email": subscriber.email, "suppressed": subscriber.suppressed_at},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058). Mail clients POST `List-Unsubscribe=One-Click` to
    the address in the List-Unsubscribe header, with no cookies and no CSRF token: the signed
    token is the proof, and unsubscribing twice is harmless, so this view alone is exempt.
    Opening the link shows one Unsubscribe button (mail scanners open links)."""
    link = unsubscribe_link(token)
    one_click = request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click"
    if link is None:
        if one_click:
            return HttpResponse("This unsubscribe link does not work.", status=400)
        return _link_problem(request, kind="unsubscribe")
    newsletter = link.newsletters[0]
    label = Newsletter(newsletter).label
    if request.method == "POST":
        subscription_unsubscribe(subscriber=link.subscriber, newsletter=newsletter)
        if one_click:
            return HttpResponse(
                f"Unsubscribed from the {label}.", content_type="text/plain; charset=utf-8"
            )
        return render(
            request,
            "content/newsletters/unsubscribed.html",
            {"newsletter": label, "preferences_url": preferences_url(link.subscriber)},
        )
    return render(
        request,
        "content/newsletters/unsubscribe.html",
        {"newsletter": label, "email": link.subscriber.email},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """A signed-in person's newsletters, at their account's address, without any link."""
    user = request.user
    if not isinstance(user, User):  # login_required has let in only people signed in
        raise PermissionDenied
    verified = account_email_verified(user)
    subscriber = account_subscriber_find(user)
    if request.method == "POST" and verified:
        form = NewsletterChoiceForm(request.POST)
        if form.is_valid():
            account_subscriptions_set(user=user, newsletters=form.cleaned_data["newsletters"])
            messages.success(request, "Your newsletter choices are saved.")
            return redirect("content:newsletter_account")
    else:
        form = NewsletterChoiceForm(initial={"newsletters": subscribed_newsletters(subscriber)})
    return render(
        request,
        "content/newsletters/account.html",
        {
            "form": form,
            "verified": verified,
            "suppressed": subscriber is not None and subscriber.suppressed_at is not None,
            "subscribe_url": reverse("content:newsletter_subscribe"),
        },
    )
