"""Leads and hub staff set, change and remove the gap tasks set at a session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.practice.forms.gap_tasks import GapTaskForm
from hubwork.practice.links import SESSION_PAGES
from hubwork.practice.permissions import get_gap_task_for_user
from hubwork.practice.selectors import gap_tasks as gap_tasks_selectors
from hubwork.practice.services import gap_tasks as gap_tasks_services
from hubwork.workgroups.models import Session
from hubwork.workgroups.permissions import get_session_for_user
from hubwork.workgroups.selectors.sessions import next_session


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
            "session_links": SESSION_PAGES,
            **context,
        },
    )


def _back_to_list(session: Session) -> HttpResponse:
    return redirect(
        "practice:gap_tasks",
        hub_slug=session.work_group.hub.slug,
        pk=session.work_group_id,
        session_pk=session.pk,
    )


@require_http_methods(["GET", "POST"])
@login_required
def gap_task_list(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    following = next_session(session)
    form = GapTaskForm(request.POST or None, next_session_on=following.date if following else None)
    if request.method == "POST" and form.is_valid():
        try:
            gap_task = gap_tasks_services.gap_task_create(
                session=session, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The gap task “{gap_task.title}” is set.")
            return _back_to_list(session)
    # Leads see how many trials came back for each task, but only shared ones: drafts are
    # private to their authors.
    tasks = gap_tasks_selectors.gap_tasks_at(session).annotate(
        shared_count=Count("trials", filter=Q(trials__shared_at__isnull=False))
    )
    return _render(
        request,
        "practice/gap_tasks/list.html",
        session,
        next_session=following,
        gap_tasks=tasks,
        form=form,
    )


@require_http_methods(["GET", "POST"])
@login_required
def gap_task_edit(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, task_pk: int
) -> HttpResponse:
    gap_task = get_gap_task_for_user(
        request.user, hub_slug=hub_slug, work_group_pk=pk, session_pk=session_pk, pk=task_pk
    )
    form = GapTaskForm(
        request.POST or None,
        initial=GapTaskForm.initial_for(gap_task),
        next_session_on=gap_tasks_selectors.default_due_on(gap_task.session),
    )
    if request.method == "POST" and form.is_valid():
        try:
            gap_tasks_services.gap_task_update(
                gap_task=gap_task, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The gap task “{gap_task.title}” is saved.")
            return _back_to_list(gap_task.session)
    return _render(
        request, "practice/gap_tasks/edit.html", gap_task.session, gap_task=gap_task, form=form
    )


@require_http_methods(["GET", "POST"])
@login_required
def gap_task_delete(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, task_pk: int
) -> HttpResponse:
    gap_task = get_gap_task_for_user(
        request.user, hub_slug=hub_slug, work_group_pk=pk, session_pk=session_pk, pk=task_pk
    )
    if request.method == "POST":
        title = gap_task.title
        gap_tasks_services.gap_task_delete(gap_task=gap_task, by=request.user)
        messages.success(request, f"The gap task “{title}” is removed.")
        return _back_to_list(gap_task.session)
    return _render(
        request,
        "practice/gap_tasks/delete.html",
        gap_task.session,
        gap_task=gap_task,
        shared_count=gap_tasks_selectors.shared_trial_count(gap_task),
    )
