"""A participant's side of places: expressing interest, their own Work Groups, offers and
withdrawing. Every change goes through `workgroups.services.places`."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from hubwork.accounts.models import User
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.core.numbers import positive_int
from hubwork.core.ratelimit import over_limit, over_rate_limit
from hubwork.schools.selectors import LARGEST_URN, school_with_urn
from hubwork.workgroups.forms.sign_up import SignUpForm, WithdrawForm, sign_up_stash
from hubwork.workgroups.links import MEMBER_WORK_GROUP
from hubwork.workgroups.models import Allocation, Enrolment, WorkGroup
from hubwork.workgroups.permissions import get_enrolment_for_user
from hubwork.workgroups.selectors.catalogue import work_group_for_public_page
from hubwork.workgroups.selectors.continuation import continuation_invitations_pending_for
from hubwork.workgroups.selectors.my_work_groups import my_work_groups_for
from hubwork.workgroups.selectors.places import (
    invitations_pending_for,
    live_enrolment,
    school_eligibility_problems,
    school_places_note,
)
from hubwork.workgroups.selectors.sign_up import sign_up_summary
from hubwork.workgroups.services.places import (
    enrolment_withdraw,
    interest_express,
    offer_accept,
    offer_decline,
)

# What a signed-out person typed, kept while they sign in or create an account.
STASH_KEY = "workgroups.sign_up.{slug}"
# Sending the form: a person sends it a few times at most (sent back with an error, then
# again), so this stops a script filling the session table or hammering the place
# allocation, not anyone real. Signed out it counts by address; signed in, by person, so a
# school's teachers sharing one address each have their own allowance in a rush.
SIGN_UP_POST_RATE_LIMIT = 20
SIGN_UP_POST_RATE_WINDOW_SECONDS = 600
# Every colleague named on a sign-up is sent an email: a person names a few colleagues a
# year, so this stops the form being used to send email to strangers, not anyone real.
COLLEAGUE_INVITATIONS_LIMIT = 10
COLLEAGUE_INVITATIONS_WINDOW_SECONDS = 3600
# The school check runs once each time a school is picked, like the school search.
SCHOOL_CHECK_RATE_LIMIT = 120
SCHOOL_CHECK_RATE_WINDOW_SECONDS = 60


def _published_work_group(slug: str) -> WorkGroup:
    try:
        return work_group_for_public_page(slug=slug)
    except WorkGroup.DoesNotExist:
        raise Http404("No published Work Group has that address.") from None


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    """Express interest in a Work Group, alone or with colleagues from the same school.

    A signed-out person may fill the form in: what they typed is kept in the session while
    they sign in or create an account, and comes back when they return here.
    """
    work_group = _published_work_group(slug)
    stash_key = STASH_KEY.format(slug=slug)
    user = request.user if isinstance(request.user, User) else None

    if user is not None and live_enrolment(work_group=work_group, user=user):
        return redirect("workgroups:sign_up_done", slug=slug)

    if request.method == "POST" and _too_many_sign_ups(request, user):
        return _sign_up_page(
            request,
            work_group,
            SignUpForm(
                initial=sign_up_stash(request.POST, work_group=work_group),
                work_group=work_group,
                user=user,
            ),
            refused="You have sent this form too many times. Wait 10 minutes, then try again.",
            status=429,
        )

    if request.method == "POST" and user is None:
        # Checked only once they have signed in, so the form cannot be used to find out
        # who has an account.
        request.session[stash_key] = sign_up_stash(request.POST, work_group=work_group)
        next_url = reverse("workgroups:sign_up", kwargs={"slug": slug})
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    restored = False
    if request.method == "POST" and user is not None:
        form = SignUpForm(request.POST, work_group=work_group, user=user)
        if form.is_valid() and form.school_obj is not None:
            if _too_many_invitations(user, form.colleague_emails):
                form.add_error(
                    "colleague_1_email",
                    "You have named too many colleagues in the last hour. Try again later, "
                    "or sign up without them and ask them to sign up themselves.",
                )
            else:
                try:
                    interest_express(
                        work_group=work_group,
                        school=form.school_obj,
                        applicant=form.applicant(user),
                        colleagues=form.colleague_emails,
                        leader_supports=form.cleaned_data["leader_supports"],
                        by=user,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    request.session.pop(stash_key, None)
                    return redirect("workgroups:sign_up_done", slug=slug)
    else:
        initial: dict[str, Any] = request.session.pop(stash_key, {}) if user else {}
        restored = bool(initial)
        if "leader_supports" in initial:
            initial["leader_supports"] = bool(initial["leader_supports"])
        form = SignUpForm(initial=initial, work_group=work_group, user=user)

    return _sign_up_page(request, work_group, form, restored=restored)


def _sign_up_page(
    request: HttpRequest,
    work_group: WorkGroup,
    form: SignUpForm,
    *,
    restored: bool = False,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    user = form.user
    response = render(
        request,
        "workgroups/participation/sign_up.html",
        {
            "work_group": work_group,
            "form": form,
            "signed_in": user is not None,
            "restored": restored,
            "refused": refused,
            "full": work_group.status == WorkGroup.Status.FULL
            or not getattr(work_group, "places_left", 1),
            # Sent back with a school chosen: say now if its places are all taken.
            "school_note": school_places_note(work_group=work_group, school=form.school_obj)
            if user is not None
            and form.school_obj is not None
            and work_group.allocation == Allocation.FIRST_COME
            else "",
        },
        status=status,
    )
    if refused:
        response["Retry-After"] = str(SIGN_UP_POST_RATE_WINDOW_SECONDS)
    return response


def _too_many_sign_ups(request: HttpRequest, user: User | None) -> bool:
    """Count one sending of the sign-up form: by person once signed in, else by address."""
    if user is not None:
        return over_limit(
            f"sign-up-post:{user.pk}",
            limit=SIGN_UP_POST_RATE_LIMIT,
            window_seconds=SIGN_UP_POST_RATE_WINDOW_SECONDS,
        )
    return over_rate_limit(
        request,
        scope="sign-up-post",
        limit=SIGN_UP_POST_RATE_LIMIT,
        window_seconds=SIGN_UP_POST_RATE_WINDOW_SECONDS,
    )


def _too_many_invitations(user: User, emails: list[str]) -> bool:
    """Count each colleague named against the person's hourly allowance."""
    over = False
    for _email in emails:
        over = (
            over_limit(
                f"colleague-invitations:{user.pk}",
                limit=COLLEAGUE_INVITATIONS_LIMIT,
                window_seconds=COLLEAGUE_INVITATIONS_WINDOW_SECONDS,
            )
            or over
        )
    return over


@require_GET
def sign_up_school_check(request: HttpRequest, slug: str) -> HttpResponse:
    """Whether the school with URN `urn` may take part, in plain English, as JSON: the sign-up
    form shows it by the school box as soon as a school is picked (school-check.mjs).

    `problems` stop a sign-up (the programme's rules about what the school has completed);
    `notes` say what signing up would lead to, for a signed-in person: the school is at its
    limit, so they would join the waiting list. The form checks the same on submit.
    """
    if over_rate_limit(
        request,
        scope="sign-up-school-check",
        limit=SCHOOL_CHECK_RATE_LIMIT,
        window_seconds=SCHOOL_CHECK_RATE_WINDOW_SECONDS,
    ):
        response = JsonResponse(
            {"error": "You have checked too many times. Wait a minute, then try again."},
            status=429,
        )
        response["Retry-After"] = str(SCHOOL_CHECK_RATE_WINDOW_SECONDS)
        return response
    work_group = _published_work_group(slug)
    urn = request.GET.get("urn", "").strip()
    number = positive_int(urn, maximum=LARGEST_URN)
    school = school_with_urn(urn=number) if number else None
    if school is None:
        return JsonResponse({"error": "No school has that URN."}, status=404)
    problems = school_eligibility_problems(work_group=work_group, school=school)
    notes = []
    if (
        not problems
        and isinstance(request.user, User)
        and work_group.allocation == Allocation.FIRST_COME
        and (note := school_places_note(work_group=work_group, school=school))
    ):
        notes.append(note)
    response = JsonResponse({"school": school.name, "problems": problems, "notes": notes})
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def sign_up_done(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """What happened: a place, a number on the waiting list and why, or the hub will review
    it; the colleagues asked to confirm; and what happens next, from the group's real state."""
    work_group = _published_work_group(slug)
    enrolment = live_enrolment(work_group=work_group, user=request.user)
    if enrolment is None:
        return redirect("workgroups:sign_up", slug=slug)
    enrolment.work_group = work_group
    return render(
        request,
        "workgroups/participation/sign_up_done.html",
        {"work_group": work_group, "enrolment": enrolment, "summary": sign_up_summary(enrolment)},
    )


@require_safe
@login_required
def my_work_groups(request: AuthenticatedRequest) -> HttpResponse:
    """Every Work Group the person signed up to: this year and later first, then past."""
    current, past = my_work_groups_for(request.user)
    return render(
        request,
        "workgroups/participation/my_work_groups.html",
        {
            "invitations": invitations_pending_for(request.user),
            "continuations": continuation_invitations_pending_for(request.user),
            "current": current,
            "past": past,
            "now": timezone.now(),
            "member_links": MEMBER_WORK_GROUP,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then leave the Work Group or its waiting list."""
    enrolment = get_enrolment_for_user(request.user, pk=pk, own=True)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_withdraw(
                enrolment=enrolment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"You have left {enrolment.work_group.title}.")
        return redirect("workgroups:mine")
    return render(
        request,
        "workgroups/participation/withdraw.html",
        {"enrolment": enrolment, "work_group": enrolment.work_group, "form": form},
    )


def _answer_page(request: AuthenticatedRequest, enrolment: Enrolment, accept: bool) -> HttpResponse:
    """The page an offer email's accept or decline link opens: one button to confirm, so a
    link followed by an email scanner changes nothing."""
    return render(
        request,
        "workgroups/participation/offer_answer.html",
        {"enrolment": enrolment, "work_group": enrolment.work_group, "accept": accept},
    )


@require_http_methods(["GET", "POST"])
@login_required
def accept_offer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk=pk, own=True)
    if request.method == "GET":
        return _answer_page(request, enrolment, accept=True)
    try:
        offer_accept(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"You have a place in {enrolment.work_group.title}.")
    return redirect("workgroups:mine")


@require_http_methods(["GET", "POST"])
@login_required
def decline_offer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk=pk, own=True)
    if request.method == "GET":
        return _answer_page(request, enrolment, accept=False)
    try:
        offer_decline(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You have declined the place in {enrolment.work_group.title}. "
            "It goes to the next person waiting.",
        )
    return redirect("workgroups:mine")
