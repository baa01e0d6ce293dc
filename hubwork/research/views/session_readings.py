"""A Work Group's leads and hub staff set readings for a session (each with a guiding
question), change, reorder and remove them, add them to the session plan, and see who has
read them and the responses members shared."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.two_factor import require_two_factor
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub
from hubwork.research.forms.session_readings import (
    GuidingQuestionForm,
    MoveForm,
    ReadingSearchForm,
    SessionReadingForm,
)
from hubwork.research.models import SessionReading
from hubwork.research.permissions import get_session_reading_for_user
from hubwork.research.selectors import session_readings as selectors
from hubwork.research.services import session_readings as services
from hubwork.workgroups.models import Session
from hubwork.workgroups.permissions import get_session_for_user


def _render(
    request: AuthenticatedRequest, template: str, session: Session, **context: object
) -> HttpResponse:
    work_group = session.work_group
    return render(
        request,
        template,
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "session": session,
            "can_manage": can_manage_hub(request.user, work_group.hub),
            **context,
        },
    )


def _back_to_list(session: Session) -> HttpResponse:
    return redirect(
        "research:session_readings",
        hub_slug=session.work_group.hub.slug,
        pk=session.work_group_id,
        session_pk=session.pk,
    )


def _reading(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, reading_pk: int
) -> SessionReading:
    return get_session_reading_for_user(
        request.user, hub_slug=hub_slug, work_group_pk=pk, session_pk=session_pk, pk=reading_pk
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_readings(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    search_form = ReadingSearchForm(request.GET or None)
    text = ""
    if request.method == "POST":
        text = str(request.POST.get("q", ""))[:200]
    elif search_form.is_valid():
        text = search_form.cleaned_data["q"]
    candidates = selectors.reading_candidates(session, text)
    form = SessionReadingForm(request.POST or None, candidates=candidates, initial={"q": text})
    if request.method == "POST" and not session.is_cancelled and form.is_valid():
        try:
            session_reading = services.session_reading_set(
                session=session,
                reading=form.cleaned_data["reading"],
                guiding_question=form.cleaned_data["guiding_question"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"“{session_reading.reading.title}” is set for session {session.number}."
            )
            return _back_to_list(session)
    return _render(
        request,
        "research/session_readings/list.html",
        session,
        readings=selectors.readings_set_for(session),
        member_count=selectors.member_count(session.work_group),
        search_form=search_form,
        searched=bool(text.strip()),
        candidates=candidates,
        form=form,
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_reading_edit(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, reading_pk: int
) -> HttpResponse:
    session_reading = _reading(request, hub_slug, pk, session_pk, reading_pk)
    form = GuidingQuestionForm(
        request.POST or None, initial={"guiding_question": session_reading.guiding_question}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_reading_update(
                session_reading=session_reading,
                guiding_question=form.cleaned_data["guiding_question"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The guiding question for “{session_reading.reading.title}” is saved."
            )
            return _back_to_list(session_reading.session)
    return _render(
        request,
        "research/session_readings/edit.html",
        session_reading.session,
        session_reading=session_reading,
        form=form,
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_reading_delete(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, reading_pk: int
) -> HttpResponse:
    session_reading = _reading(request, hub_slug, pk, session_pk, reading_pk)
    if request.method == "POST":
        title = session_reading.reading.title
        services.session_reading_remove(session_reading=session_reading, by=request.user)
        messages.success(request, f"“{title}” is no longer set for this session.")
        return _back_to_list(session_reading.session)
    return _render(
        request,
        "research/session_readings/delete.html",
        session_reading.session,
        session_reading=session_reading,
        progress_count=session_reading.progress.count(),
    )


@require_POST
@login_required
def session_reading_move(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, reading_pk: int
) -> HttpResponse:
    session_reading = _reading(request, hub_slug, pk, session_pk, reading_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.session_reading_move(
            session_reading=session_reading,
            up=form.cleaned_data["direction"] == "up",
            by=request.user,
        )
    else:
        messages.error(request, "Choose whether to move the reading up or down.")
    return _back_to_list(session_reading.session)


@require_POST
@login_required
def session_reading_add_to_plan(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, reading_pk: int
) -> HttpResponse:
    session_reading = _reading(request, hub_slug, pk, session_pk, reading_pk)
    if session_reading.session.is_cancelled:
        messages.error(request, "This session was cancelled, so its plan cannot change.")
        return _back_to_list(session_reading.session)
    try:
        services.session_reading_add_to_plan(session_reading=session_reading, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"“{session_reading.reading.title}” is added to the plan for session "
            f"{session_reading.session.number} as an “engaging with research” activity.",
        )
    return _back_to_list(session_reading.session)


@require_GET
@login_required
def session_readings_progress(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    # Names members with what they have read and what they shared: participants' details.
    require_two_factor(request.user)
    return _render(
        request,
        "research/session_readings/progress.html",
        session,
        who=selectors.who_has_read(session),
    )
