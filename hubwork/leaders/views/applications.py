"""Applying to become an LLME (views for the applicant and their school leader) and each
hub's pipeline of applications (views for the hub's staff, under its staff area)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.leaders.application_links import CONFIRM_MAX_AGE_DAYS, school_leader_token_read
from hubwork.leaders.forms.applications import (
    SCHOOL_CHOICE_FIELD,
    ApplicationForm,
    InterviewForm,
    NoteForm,
    StepForm,
    WithdrawForm,
)
from hubwork.leaders.models import HubApplication
from hubwork.leaders.permissions import get_application_for_user, get_hub_application_for_user
from hubwork.leaders.selectors import applications as selectors
from hubwork.leaders.services import applications as services

Status = HubApplication.Status

# --- The applicant --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application form for a signed-in teacher; signed-out visitors are told what it
    is and asked to sign in or create an account first."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(_sign_in_url())
        return render(
            request,
            "leaders/applications/apply_signed_out.html",
            {"sign_in_url": _sign_in_url(), "sign_up_url": _sign_in_url("account_signup")},
        )
    user = request.user
    if request.method != "POST":
        form = ApplicationForm(school=selectors.latest_school_of(user))
        return _render_apply(request, form)
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _render_apply(request, form)
    try:
        services.application_submit(
            applicant=user,
            data=form.application_data(),
            hubs=list(form.cleaned_data["hubs"]),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_apply(request, form)
    messages.success(
        request,
        "Your application is sent. We have emailed your school leader to ask them to confirm "
        "their support.",
    )
    return redirect("leaders:my_applications")


def _sign_in_url(url_name: str = "account_login") -> str:
    return f"{reverse(url_name)}?{urlencode({'next': reverse('leaders:apply')})}"


def _render_apply(request: HttpRequest, form: ApplicationForm) -> HttpResponse:
    return render(
        request,
        "leaders/applications/apply.html",
        {"form": form, "school_choice_field": SCHOOL_CHOICE_FIELD},
    )


@require_GET
@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    """The person's own applications: each hub's status in plain English, interviews, and
    what they can do next (withdraw, accept an offer, ask their school leader again)."""
    return render(
        request,
        "leaders/applications/mine.html",
        {
            "applications": selectors.applications_for_applicant(request.user),
            "for_the_applicant": selectors.FOR_THE_APPLICANT,
            "Status": Status,
            "can_withdraw": services.OPEN_STATUSES | {Status.ACCEPTED},
            "days": CONFIRM_MAX_AGE_DAYS,
        },
    )


@require_POST
@login_required
def application_ask_again(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send the school leader a new confirmation link."""
    application = get_application_for_user(request.user, pk=pk)
    try:
        services.school_leader_ask_again(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, f"We have emailed {application.school_leader_name} a new link to confirm."
        )
    return redirect("leaders:my_applications")


@require_http_methods(["GET", "POST"])
@login_required
def hub_application_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Withdraw one's application from one hub, with an optional reason."""
    hub_application = get_hub_application_for_user(request.user, pk=pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hub_application_withdraw(
                hub_application=hub_application,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"You have withdrawn your application to {hub_application.hub.name}."
            )
        return redirect("leaders:my_applications")
    return render(
        request,
        "leaders/applications/withdraw.html",
        {"hub_application": hub_application, "form": form},
    )


@require_POST
@login_required
def hub_application_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Accept a hub's offer (the applicant's own button)."""
    hub_application = get_hub_application_for_user(request.user, pk=pk)
    try:
        services.offer_accept(hub_application=hub_application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You have accepted {hub_application.hub.name}'s offer. The hub will be in touch "
            "about the PD Lead programme.",
        )
    return redirect("leaders:my_applications")


# --- The school leader ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def school_leader_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The school leader's page, from the signed link in their email: GET shows who asks and
    for what (so a mail scanner opening the link confirms nothing); the button POSTs."""
    reading = school_leader_token_read(token)
    if reading.application is None:
        return render(
            request,
            "leaders/applications/school_leader_link_problem.html",
            {"expired": reading.expired, "days": CONFIRM_MAX_AGE_DAYS},
            status=410 if reading.expired else 404,
        )
    application = reading.application
    if request.method == "POST":
        services.school_leader_confirm(application=application)
        return redirect("leaders:school_leader_confirm", token=token)
    return render(
        request,
        "leaders/applications/school_leader_confirm.html",
        {
            "application": application,
            "hubs": [part.hub for part in application.hub_applications.all()],
        },
    )


# --- A hub's pipeline -----------------------------------------------------------------------


@require_GET
@login_required
def hub_applications(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    """The hub's applications, filterable by status, with how many are at each step."""
    hub = get_hub_for_user(request.user, slug=hub_slug)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    return render(
        request,
        "leaders/applications/hub_list.html",
        {
            "hub": hub,
            "status": status,
            "status_label": Status(status).label if status else "",
            "counts": selectors.pipeline_counts(hub),
            "hub_applications": selectors.hub_pipeline(hub, status=status),
        },
    )


def _render_detail(
    request: AuthenticatedRequest,
    hub_application: HubApplication,
    *,
    step_form: StepForm | None = None,
    note_form: NoteForm | None = None,
) -> HttpResponse:
    step_form = step_form or StepForm(hub_application=hub_application)
    return render(
        request,
        "leaders/applications/hub_detail.html",
        {
            "hub": hub_application.hub,
            "hub_application": hub_application,
            "application": hub_application.application,
            "events": selectors.hub_application_events(hub_application),
            "notes": selectors.hub_application_notes(hub_application),
            "step_form": step_form if step_form.has_steps() else None,
            "note_form": note_form or NoteForm(),
            "can_arrange_interview": Status.INTERVIEW_ARRANGED
            in services.allowed_next(hub_application.status),
            "Status": Status,
        },
    )


@require_GET
@login_required
def hub_application_detail(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """One application as this hub sees it: what the applicant wrote, their school
    leader's confirmation, this hub's history and notes, and the steps it may take next."""
    hub_application = get_hub_application_for_user(request.user, hub_slug=hub_slug, pk=pk)
    return _render_detail(request, hub_application)


def _detail_url(hub_application: HubApplication) -> str:
    return reverse(
        "leaders:hub_application",
        kwargs={"hub_slug": hub_application.hub.slug, "pk": hub_application.pk},
    )


STEP_DONE = {
    Status.SHORTLISTED: "The application is shortlisted. We have emailed the applicant.",
    Status.OFFERED: "The applicant is offered a place. We have emailed them.",
    Status.ACCEPTED: "The offer is accepted. We have emailed the applicant.",
    Status.NOT_PROGRESSED: "The application is not progressed. We have emailed the applicant "
    "with your reason.",
    Status.WITHDRAWN: "The application is recorded as withdrawn.",
}


@require_POST
@login_required
def hub_application_step(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """Move the hub's part of the application to its next step."""
    hub_application = get_hub_application_for_user(
        request.user, hub_slug=hub_slug, pk=pk, write=True
    )
    form = StepForm(request.POST, hub_application=hub_application)
    if not form.is_valid():
        return _render_detail(request, hub_application, step_form=form)
    try:
        services.hub_application_move(
            hub_application=hub_application,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_detail(request, hub_application, step_form=form)
    messages.success(request, STEP_DONE[Status(hub_application.status)])
    return redirect(_detail_url(hub_application))


@require_http_methods(["GET", "POST"])
@login_required
def hub_application_interview(
    request: AuthenticatedRequest, hub_slug: str, pk: int
) -> HttpResponse:
    """Arrange or rearrange the interview; the applicant is emailed a calendar invite."""
    hub_application = get_hub_application_for_user(
        request.user, hub_slug=hub_slug, pk=pk, write=request.method == "POST"
    )
    rearranging = hub_application.status == Status.INTERVIEW_ARRANGED
    form = InterviewForm(
        request.POST if request.method == "POST" else None,
        initial=InterviewForm.initial_for(hub_application),
    )
    allowed = Status.INTERVIEW_ARRANGED in services.allowed_next(hub_application.status)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.interview_arrange(
                hub_application=hub_application,
                at=form.interview_at(),
                minutes=form.cleaned_data["interview_minutes"],
                place=form.cleaned_data["interview_place"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "The interview is "
                + (
                    "changed. We have emailed the applicant an updated"
                    if rearranging
                    else "arranged. We have emailed the applicant a"
                )
                + " calendar invite.",
            )
            return redirect(_detail_url(hub_application))
    return render(
        request,
        "leaders/applications/interview.html",
        {
            "hub": hub_application.hub,
            "hub_application": hub_application,
            "application": hub_application.application,
            "form": form,
            "allowed": allowed,
            "rearranging": rearranging,
            "detail_url": _detail_url(hub_application),
        },
    )


@require_POST
@login_required
def hub_application_note(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """Add a note for the hub's staff."""
    hub_application = get_hub_application_for_user(
        request.user, hub_slug=hub_slug, pk=pk, write=True
    )
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, hub_application, note_form=form)
    try:
        services.hub_application_note_add(
            hub_application=hub_application, by=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_detail(request, hub_application, note_form=form)
    messages.success(request, "Your note is added.")
    return redirect(_detail_url(hub_application) + "#notes")
