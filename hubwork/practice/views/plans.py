"""Session plans for leads and hub staff: the planner with its live time check and start
times, copying a plan, the printable plan, and the Work Group's plans overview with the EEF
mechanism grid."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub
from hubwork.practice.forms.plans import (
    BaseActivityFormSet,
    PlanCopyForm,
    PlanVersionForm,
    activity_formset,
)
from hubwork.practice.links import SESSION_PAGES
from hubwork.practice.selectors.plan_times import (
    TimedActivity,
    printable_plan,
    running_order,
)
from hubwork.practice.selectors.plans import (
    copy_sources,
    mechanism_grid,
    plan_rows,
    saved_plan,
    session_plan_summary,
)
from hubwork.practice.services import plans as plans_services
from hubwork.practice.services.plans import ActivityData, PlanConflict, plan_save
from hubwork.workgroups.models import Session
from hubwork.workgroups.permissions import Access, get_session_for_user, get_work_group_for_user


def _summary_context(session: Session, activities: list[Any]) -> dict[str, Any]:
    return {
        "summary": session_plan_summary(session, activities),
        "order": running_order(session, activities),
    }


def _activity_rows(
    session: Session, formset: BaseActivityFormSet
) -> list[tuple[Any, TimedActivity | None]]:
    """Each row of the planner with the clock times of its activity (None for a blank row)."""
    rows = formset.rows_in_order()
    timed = iter(running_order(session, [draft for _, draft in rows if draft]).items)
    return [(form, next(timed) if draft else None) for form, draft in rows]


def _render_planner(
    request: AuthenticatedRequest,
    session: Session,
    *,
    formset: BaseActivityFormSet | None = None,
    version: int | None = None,
    copy_form: PlanCopyForm | None = None,
    conflict: PlanConflict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The planner page. With `formset`, the lead's own (unsaved) input is shown as it was
    entered; otherwise the saved plan."""
    work_group = session.work_group
    plan, saved = saved_plan(session)
    current_version = plan.version if plan else 0
    if formset is None:
        formset = activity_formset(activities=[ActivityData.from_activity(a) for a in saved])
        drafts: list[Any] = saved
    else:
        drafts = formset.draft_activities()
    if copy_form is None:
        sources = copy_sources(session)
        # The programme's template for this session number, when there is one, comes first.
        suggested = [
            source.plan.pk
            for source in sources[:1]
            if source.plan.template_number == session.number and not saved
        ]
        copy_form = PlanCopyForm(
            sources=sources,
            activity_count=len(saved),
            initial={"version": current_version, "source": suggested[0] if suggested else ""},
        )
    return render(
        request,
        "practice/plans/edit.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "session": session,
            "plan": plan,
            "saved_activities": saved,
            "formset": formset,
            "activity_rows": _activity_rows(session, formset),
            "version_form": PlanVersionForm(
                initial={"version": current_version if version is None else version}
            ),
            "copy_form": copy_form,
            "conflict": conflict,
            "can_manage": can_manage_hub(request.user, work_group.hub),
            "session_links": SESSION_PAGES,
            **_summary_context(session, drafts),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    if request.method != "POST":
        return _render_planner(request, session)

    # Adding a row, or checking the times without JavaScript, shows the plan again unsaved.
    add_row = "add_row" in request.POST or "check" in request.POST
    formset = activity_formset(data=request.POST, add_row=add_row)
    version_form = PlanVersionForm(request.POST)
    if not version_form.is_valid():
        # Without the version we cannot tell whether a co-lead saved meanwhile: start again
        # from the saved plan, keeping what was typed.
        messages.error(request, "Something went wrong with the form. Check the plan and save.")
        return _render_planner(request, session, formset=formset, status=400)
    version = version_form.cleaned_data["version"]
    if add_row or not formset.is_valid():
        return _render_planner(request, session, formset=formset, version=version)
    try:
        plan_save(
            session=session, activities=formset.activities(), version=version, by=request.user
        )
    except PlanConflict as conflict:
        # Nothing is lost: the lead's input stays in the form, which now carries the new
        # version, so saving again (after merging) succeeds.
        return _render_planner(
            request,
            session,
            formset=formset,
            version=conflict.plan.version,
            conflict=conflict,
            status=409,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_planner(request, session, formset=formset, version=version)
    messages.success(request, f"The plan for session {session.number} is saved.")
    return redirect(
        "practice:plan", hub_slug=hub_slug, pk=session.work_group_id, session_pk=session.pk
    )


@require_POST
@login_required
def plan_check(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    """The time summary for the plan as it is being edited (htmx), with each activity's start
    time swapped in beside it; nothing saved."""
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    formset = activity_formset(data=request.POST)
    return render(
        request,
        "practice/plans/check.html",
        {
            "session": session,
            "activity_rows": _activity_rows(session, formset),
            **_summary_context(session, formset.draft_activities()),
        },
    )


@require_GET
@login_required
def plan_print(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    """The saved plan laid out for paper: each activity's times, notes and materials."""
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    return render(
        request,
        "practice/plans/print.html",
        {
            "hub": session.work_group.hub,
            "work_group": session.work_group,
            "session": session,
            "plan": printable_plan(session),
        },
    )


@require_POST
@login_required
def plan_copy(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    _, saved = saved_plan(session)
    form = PlanCopyForm(request.POST, sources=copy_sources(session), activity_count=len(saved))
    if not form.is_valid():
        return _render_planner(request, session, copy_form=form)
    source = form.chosen()
    try:
        plans_services.plan_copy(
            session=session,
            source=source.plan,
            version=form.cleaned_data["version"],
            by=request.user,
        )
    except PlanConflict as conflict:
        messages.error(
            request,
            f"{conflict.messages[0]} Nothing was copied: check the plan below, then copy "
            "again if you still want to.",
        )
        return _render_planner(request, session, status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_planner(request, session, copy_form=form)
    messages.success(
        request,
        f"Copied {source.name} into session {session.number}. Adapt it below as you need to.",
    )
    return redirect(
        "practice:plan", hub_slug=hub_slug, pk=session.work_group_id, session_pk=session.pk
    )


@require_GET
@login_required
def plan_overview(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    rows = plan_rows(work_group)
    return render(
        request,
        "practice/plans/overview.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "rows": rows,
            "grid": mechanism_grid(work_group, rows),
            "can_manage": can_manage_hub(request.user, work_group.hub),
            "session_links": SESSION_PAGES,
        },
    )
