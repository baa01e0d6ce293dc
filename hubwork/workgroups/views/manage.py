"""The hub staff area's Work Groups: create, edit, publish, plan and rearrange sessions, copy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.workgroups.forms.sessions import SessionForm, SessionRearrangeForm
from hubwork.workgroups.forms.work_groups import WorkGroupForm, WorkGroupStatusForm
from hubwork.workgroups.links import SESSION_TOOLS, WORK_GROUP_TOOLS, work_group_home_url
from hubwork.workgroups.models import Session, WorkGroup
from hubwork.workgroups.permissions import Access, get_session_for_user, get_work_group_for_user
from hubwork.workgroups.selectors.clashes import (
    Clash,
    fingerprint,
    session_clashes,
    work_group_clashes,
)
from hubwork.workgroups.selectors.hub_work_groups import (
    hub_work_groups,
    leads_of,
    sessions_with_changes,
)
from hubwork.workgroups.services import sessions as sessions_services
from hubwork.workgroups.services import work_groups as work_groups_services

# Where a session form says the person saw these clashes and saves anyway (selectors/clashes).
CLASHES_SEEN = "clashes_seen"


def _unseen_clashes(request: AuthenticatedRequest, clashes: list[Clash]) -> bool:
    """Whether to show `clashes` before saving: there are some, and they are not the very
    ones the person was shown and chose to save anyway."""
    return bool(clashes) and request.POST.get(CLASHES_SEEN) != fingerprint(clashes)


def _warn_after_saving(
    request: AuthenticatedRequest, session: Session, clashes: list[Clash]
) -> None:
    """Saved with clashes: they stay in view on the next page (clashes never block)."""
    if clashes:
        messages.warning(
            request,
            f"Session {session.number} clashes: " + " ".join(clash.message for clash in clashes),
        )


def _fields(form: Form) -> dict[str, object]:
    data = dict(form.cleaned_data)
    data.pop("leads", None)
    return data


@require_GET
@login_required
def work_group_list(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    return render(
        request,
        "workgroups/manage/list.html",
        {"hub": hub, "work_groups": hub_work_groups(hub=hub)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def work_group_create(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    form = WorkGroupForm(request.POST or None, hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            work_group = work_groups_services.work_group_create(
                hub=hub, leads=form.cleaned_data["leads"], by=request.user, **_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{work_group.title} is saved as a draft. Now add its sessions."
            )
            return redirect("workgroups:manage", hub_slug=hub.slug, pk=work_group.pk)
    return render(
        request, "workgroups/manage/form.html", {"hub": hub, "form": form, "work_group": None}
    )


@require_http_methods(["GET", "POST"])
@login_required
def work_group_edit(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(
        request.user, access=Access.MANAGE, hub_slug=hub_slug, pk=pk
    )
    form = WorkGroupForm(
        request.POST or None, hub=work_group.hub, initial=WorkGroupForm.initial_for(work_group)
    )
    if request.method == "POST" and form.is_valid():
        try:
            work_groups_services.work_group_update(
                work_group=work_group,
                leads=form.cleaned_data["leads"],
                by=request.user,
                **_fields(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("workgroups:manage", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/manage/form.html",
        {"hub": work_group.hub, "form": form, "work_group": work_group},
    )


@require_GET
@login_required
def work_group_manage(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(
        request.user, access=Access.MANAGE, hub_slug=hub_slug, pk=pk
    )
    sessions = list(sessions_with_changes(work_group=work_group))
    clashes = work_group_clashes(work_group=work_group, sessions=sessions)
    for session in sessions:
        session.clashes = clashes.get(session.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "workgroups/manage/detail.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "sessions": sessions,
            "leads": leads_of(work_group=work_group),
            "status_form": WorkGroupStatusForm(initial={"status": work_group.status}),
            "session_tools": SESSION_TOOLS,
            "work_group_tools": WORK_GROUP_TOOLS,
        },
    )


@require_POST
@login_required
def work_group_status(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(
        request.user, access=Access.MANAGE, hub_slug=hub_slug, pk=pk
    )
    form = WorkGroupStatusForm(request.POST)
    if form.is_valid():
        try:
            work_groups_services.work_group_set_status(
                work_group=work_group, status=form.cleaned_data["status"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{work_group.title} is now {work_group.get_status_display().lower()}."
            )
    else:
        messages.error(request, "Choose a status from the list.")
    return redirect("workgroups:manage", hub_slug=hub_slug, pk=work_group.pk)


@require_POST
@login_required
def work_group_copy(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(
        request.user, access=Access.MANAGE, hub_slug=hub_slug, pk=pk
    )
    try:
        copy = work_groups_services.work_group_copy_to_next_year(
            work_group=work_group, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workgroups:manage", hub_slug=hub_slug, pk=work_group.pk)
    messages.success(
        request,
        f"Copied to {copy.year.label} as a draft, with its sessions moved on a year. "
        "Check the dates and add any joining links.",
    )
    return redirect("workgroups:manage", hub_slug=hub_slug, pk=copy.pk)


@require_http_methods(["GET", "POST"])
@login_required
def session_create(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_for_user(
        request.user, access=Access.MANAGE, hub_slug=hub_slug, pk=pk
    )
    form = SessionForm(
        request.POST or None, initial={"mode": work_group.mode, "venue": work_group.venue}
    )
    clashes: list[Clash] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        clashes = session_clashes(
            work_group=work_group,
            date=data["date"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )
        if not _unseen_clashes(request, clashes):
            try:
                session = sessions_services.session_add(
                    work_group=work_group, by=request.user, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Session {session.number} is added.")
                _warn_after_saving(request, session, clashes)
                return redirect("workgroups:manage", hub_slug=hub_slug, pk=work_group.pk)
    return render(
        request,
        "workgroups/manage/session_form.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "form": form,
            "session": None,
            "back_url": work_group_home_url(work_group, is_hub_staff=True),
            "clashes": clashes,
            "clashes_seen": fingerprint(clashes) if clashes else "",
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_rearrange(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    work_group = session.work_group
    # Hub staff go back to the staff page; a lead who is not on the hub's staff to the
    # Work Group's sessions page.
    back_url = work_group_home_url(
        work_group, is_hub_staff=can_manage_hub(request.user, work_group.hub)
    )
    form = SessionRearrangeForm(
        request.POST or None, initial=SessionRearrangeForm.initial_for(session)
    )
    clashes: list[Clash] = []
    if request.method == "POST" and form.is_valid():
        arrangement = dict(form.cleaned_data)
        reason = arrangement.pop("reason")
        clashes = _rearranging_clashes(session, arrangement)
        if _unseen_clashes(request, clashes):
            return _session_form(request, session, form, back_url, clashes)
        try:
            change = sessions_services.session_rearrange(
                session=session,
                by=request.user,
                reason=reason,
                # While a Work Group is still a draft its plans are nobody else's news.
                notify=work_group.status != WorkGroup.Status.DRAFT,
                **arrangement,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if change is None:
                messages.info(request, "Nothing changed, so nobody was emailed.")
            elif work_group.status == WorkGroup.Status.DRAFT:
                messages.success(request, f"Session {session.number} is changed.")
            else:
                messages.success(
                    request,
                    f"Session {session.number} is rearranged. "
                    "Everyone taking part is being emailed.",
                )
            if change is not None:
                _warn_after_saving(request, session, clashes)
            return redirect(back_url)
    return _session_form(request, session, form, back_url, clashes)


def _rearranging_clashes(session: Session, arrangement: dict[str, object]) -> list[Clash]:
    """The clashes a rearrangement makes: checked when the session goes ahead at a new date
    or time, or is reinstated; a new venue, or cancelling it, clashes with nothing new."""
    if arrangement["status"] == Session.Status.CANCELLED:
        return []
    moved = any(
        arrangement[name] != getattr(session, name)
        for name in ("date", "starts_at", "ends_at", "status")
    )
    if not moved:
        return []
    return session_clashes(
        work_group=session.work_group,
        date=arrangement["date"],  # type: ignore[arg-type]
        starts_at=arrangement["starts_at"],  # type: ignore[arg-type]
        ends_at=arrangement["ends_at"],  # type: ignore[arg-type]
        session=session,
    )


def _session_form(
    request: AuthenticatedRequest,
    session: Session,
    form: Form,
    back_url: str,
    clashes: list[Clash],
) -> HttpResponse:
    work_group = session.work_group
    return render(
        request,
        "workgroups/manage/session_form.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "form": form,
            "session": session,
            "changes": session.changes.select_related("changed_by"),
            "back_url": back_url,
            "clashes": clashes,
            "clashes_seen": fingerprint(clashes) if clashes else "",
        },
    )
