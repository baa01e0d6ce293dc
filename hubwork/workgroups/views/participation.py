"""A participant's side of places: expressing interest, their own Work Groups, offers and
withdrawing. Every change goes through `workgroups.services.places`."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from hubwork.accounts.models import User
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.workgroups.forms.sign_up import SignUpForm, WithdrawForm
from hubwork.workgroups.links import MEMBER_WORK_GROUP
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.permissions import get_enrolment_for_user
from hubwork.workgroups.selectors.catalogue import work_group_for_public_page
from hubwork.workgroups.selectors.my_work_groups import my_work_groups_for
from hubwork.workgroups.selectors.places import colleagues_of, live_enrolment, waiting_position
from hubwork.workgroups.services.places import (
    enrolment_withdraw,
    interest_express,
    offer_accept,
    offer_decline,
)

# What a signed-out person typed, kept while they sign in or create an account.
STASH_KEY = "workgroups.sign_up.{slug}"
# Fields kept: never the CSRF token.
STASHED_FIELDS_EXCLUDE = {"csrfmiddlewaretoken"}


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
    signed_in = user is not None

    if user is not None and live_enrolment(work_group=work_group, user=user):
        return redirect("workgroups:sign_up_done", slug=slug)

    if request.method == "POST" and user is None:
        # Checked only once they have signed in, so the form cannot be used to find out
        # who has an account.
        request.session[stash_key] = {
            key: value for key, value in request.POST.items() if key not in STASHED_FIELDS_EXCLUDE
        }
        next_url = reverse("workgroups:sign_up", kwargs={"slug": slug})
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    restored = False
    if request.method == "POST" and user is not None:
        form = SignUpForm(request.POST, work_group=work_group, user=user)
        if form.is_valid() and form.school_obj is not None:
            try:
                interest_express(
                    work_group=work_group,
                    school=form.school_obj,
                    applicants=form.applicants(user),
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

    return render(
        request,
        "workgroups/participation/sign_up.html",
        {
            "work_group": work_group,
            "form": form,
            "signed_in": signed_in,
            "restored": restored,
            "full": work_group.status == WorkGroup.Status.FULL
            or not getattr(work_group, "places_left", 1),
        },
    )


@require_safe
@login_required
def sign_up_done(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """What happened: a place, a number on the waiting list, or the hub will review it."""
    work_group = _published_work_group(slug)
    enrolment = live_enrolment(work_group=work_group, user=request.user)
    if enrolment is None:
        return redirect("workgroups:sign_up", slug=slug)
    return render(
        request,
        "workgroups/participation/sign_up_done.html",
        {
            "work_group": work_group,
            "enrolment": enrolment,
            "position": waiting_position(enrolment),
            "colleagues": colleagues_of(enrolment),
        },
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
