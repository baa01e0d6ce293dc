"""Registering interest in a Work Group that is not open yet: the form, the emailed links
that confirm or stop a registration, and a signed-in person's own list."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.models import User
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.content.forms.interest import InterestForm
from hubwork.content.interest_links import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    STOP_SALT,
    registration_from_token,
)
from hubwork.content.models import InterestRegistration
from hubwork.content.selectors.interest import (
    hubs_near_schools,
    registration_for_user,
    registrations_for_user,
)
from hubwork.content.services.interest import (
    interest_confirm,
    interest_register,
    interest_withdraw,
)
from hubwork.core.numbers import positive_int
from hubwork.core.ratelimit import over_limit, over_rate_limit

# Sending the form: by address (visitors) or by person, this many times an hour.
REGISTER_RATE_LIMIT = 10
REGISTER_RATE_WINDOW_SECONDS = 60 * 60
# Confirmation emails to one address: this many a day, whoever asks.
EMAILS_PER_ADDRESS = 3
EMAILS_PER_ADDRESS_WINDOW_SECONDS = 24 * 60 * 60
# Find-your-hub searches from the form, by address, a minute.
FIND_HUB_RATE_LIMIT = 30


def _signed_in(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _too_many(request: HttpRequest, user: User | None) -> bool:
    if user is not None:
        return over_limit(
            f"interest-register:{user.pk}",
            limit=REGISTER_RATE_LIMIT,
            window_seconds=REGISTER_RATE_WINDOW_SECONDS,
        )
    return over_rate_limit(
        request,
        scope="interest-register",
        limit=REGISTER_RATE_LIMIT,
        window_seconds=REGISTER_RATE_WINDOW_SECONDS,
    )


@require_http_methods(["GET", "POST"])
def interest_register_view(request: HttpRequest) -> HttpResponse:
    """The form. Its choices can be given in the address (?programme=&phase=&hub=, slugs),
    as the catalogue and hub pages do; ?school= searches for a school to find its hub."""
    user = _signed_in(request)
    signed_in_email = user.email if user is not None else ""
    status = 200
    if request.method == "POST":
        form = InterestForm(request.POST, signed_in_email=signed_in_email)
        if _too_many(request, user):
            status = 429
            form.add_error(
                None, "You have sent this form too many times. Wait an hour, then try again."
            )
        elif form.is_bot():
            # Answered as if it worked, so a bot learns nothing.
            return redirect("content:interest_sent")
        elif form.is_valid():
            address = form.address
            # The same address is sent a few confirmation emails a day at most, whoever
            # asks; beyond that the answer is the same and nothing is sent.
            if user is None and over_limit(
                f"interest-email:{address.casefold()}",
                limit=EMAILS_PER_ADDRESS,
                window_seconds=EMAILS_PER_ADDRESS_WINDOW_SECONDS,
            ):
                return redirect("content:interest_sent")
            registration = interest_register(
                email=address,
                programme=form.cleaned_data["programme"],
                phase=form.cleaned_data["phase"],
                hub=form.cleaned_data["hub"],
                user=user,
            )
            if registration.confirmed_at is not None and user is not None:
                messages.success(
                    request,
                    f"We will email you when a {registration.programme.name} Work Group opens "
                    f"at {registration.hub.name}.",
                )
                return redirect("content:interest_mine")
            return redirect("content:interest_sent")
    else:
        initial = {
            name: request.GET[name] for name in ("programme", "phase", "hub") if name in request.GET
        }
        form = InterestForm(initial=initial, signed_in_email=signed_in_email)

    school_query = " ".join(request.GET.get("school", "").split())[:100]
    nearby = None
    if school_query and request.method == "GET":
        if over_rate_limit(
            request, scope="interest-find-hub", limit=FIND_HUB_RATE_LIMIT, window_seconds=60
        ):
            status = 429
        else:
            nearby = hubs_near_schools(query=school_query)
    response = render(
        request,
        "content/interest/register.html",
        {
            "form": form,
            "honeypot": form[form.HONEYPOT_FIELD],
            "signed_in_email": signed_in_email,
            "unconfirmed_days": settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS,
            "school_query": school_query,
            "nearby": nearby,
            "choices": {name: request.GET.get(name, "") for name in ("programme", "phase", "hub")},
        },
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(REGISTER_RATE_WINDOW_SECONDS)
    return response


@require_GET
def interest_sent(request: HttpRequest) -> HttpResponse:
    """The same answer whether the address was known or not: check your email."""
    return render(
        request, "content/interest/sent.html", {"days": CONFIRM_MAX_AGE // (24 * 60 * 60)}
    )


@require_http_methods(["GET", "POST"])
def interest_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); POST confirms."""
    registration = registration_from_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if registration is None:
        return render(request, "content/interest/link_invalid.html", {"confirming": True})
    confirmed = False
    if request.method == "POST":
        registration = interest_confirm(registration=registration)
        confirmed = True
    return render(
        request,
        "content/interest/confirm.html",
        {"registration": registration, "confirmed": confirmed},
    )


@require_http_methods(["GET", "POST"])
def interest_stop_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every email: GET shows a button, POST deletes the registration."""
    registration = registration_from_token(token, salt=STOP_SALT)
    if request.method == "POST" and registration is not None:
        interest_withdraw(registration=registration, by=_signed_in(request))
        return render(request, "content/interest/stopped.html")
    if registration is None:
        # Already withdrawn, or never there: the same page either way.
        return render(request, "content/interest/stopped.html")
    return render(request, "content/interest/stop.html", {"registration": registration})


@require_GET
@login_required
def interest_mine(request: AuthenticatedRequest) -> HttpResponse:
    """Work Groups you asked to hear about."""
    return render(
        request,
        "content/interest/mine.html",
        {"registrations": list(registrations_for_user(request.user))},
    )


@require_POST
@login_required
def interest_withdraw_view(request: AuthenticatedRequest) -> HttpResponse:
    """Withdraw one of your own registrations (its id posted as `registration`); anyone
    else's is not found."""
    pk = positive_int(request.POST.get("registration", ""))
    if pk is None:
        return redirect("content:interest_mine")
    try:
        registration = registration_for_user(user=request.user, pk=pk)
    except InterestRegistration.DoesNotExist:
        raise Http404("You have no registration with that number.") from None
    interest_withdraw(registration=registration, by=request.user)
    messages.success(
        request,
        f"We will not email you about {registration.programme.name} at {registration.hub.name}.",
    )
    return redirect("content:interest_mine")
