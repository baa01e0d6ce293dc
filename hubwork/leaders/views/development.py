"""An LLME's development: their own log with this year's hours, their pairings and the
quality-assurance visits to their sessions (with their reply); co-leads' notes on a Work
Group; and the hub staff's page of pairings and visits (leaders/permissions.py says who may
do what)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.leaders.forms.development import (
    DevelopmentEntryForm,
    LeadNoteForm,
    PairingEndForm,
    PairingForm,
    QualityVisitForm,
    VisitReplyForm,
    VisitSessionForm,
)
from hubwork.leaders.permissions import (
    get_development_entry_for_user,
    get_pairing_for_user,
    get_quality_visit_for_user,
    require_llme,
)
from hubwork.leaders.selectors import development as selectors
from hubwork.leaders.services import development as services
from hubwork.workgroups.links import work_group_home_url
from hubwork.workgroups.permissions import Access, get_work_group_for_user

# The log -----------------------------------------------------------------------------------


@require_GET
@login_required
def development(request: AuthenticatedRequest) -> HttpResponse:
    """The LLME's own development page: their log, pairings and visits."""
    require_llme(request.user)
    return render(
        request,
        "leaders/development/development.html",
        {
            "page": selectors.development_page(request.user),
            "user_id": request.user.pk,
            "is_development_page": True,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def development_entry_create(request: AuthenticatedRequest) -> HttpResponse:
    require_llme(request.user)
    form = DevelopmentEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.development_entry_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The entry is in your development log.")
            return redirect("leaders:development")
    return render(request, "leaders/development/entry_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def development_entry_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = get_development_entry_for_user(request.user, pk=pk)
    form = DevelopmentEntryForm(
        request.POST if request.method == "POST" else None,
        initial=DevelopmentEntryForm.initial_for(entry),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.development_entry_update(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("leaders:development")
    return render(request, "leaders/development/entry_form.html", {"form": form, "entry": entry})


@require_http_methods(["GET", "POST"])
@login_required
def development_entry_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = get_development_entry_for_user(request.user, pk=pk)
    if request.method == "POST":
        services.development_entry_delete(entry=entry, by=request.user)
        messages.success(request, f"“{entry.title}” is no longer in your log.")
        return redirect("leaders:development")
    return render(request, "leaders/development/entry_delete.html", {"entry": entry})


# Co-leads' notes ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def lead_notes(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """A Work Group's co-leads' planning notes, for its leads and its hub's staff."""
    work_group = get_work_group_for_user(request.user, access=Access.LEAD, hub_slug=hub_slug, pk=pk)
    form = LeadNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_note_add(
                work_group=work_group, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your note is added.")
            return redirect("leaders:lead_notes", hub_slug=hub_slug, pk=pk)
    is_hub_staff = can_manage_hub(request.user, work_group.hub)
    return render(
        request,
        "leaders/development/lead_notes.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "notes": list(selectors.lead_notes(work_group)),
            "leads": list(work_group.leads.order_by("display_name", "email")),
            "form": form,
            "back_url": work_group_home_url(work_group, is_hub_staff=is_hub_staff),
        },
    )


# The hub staff's page ------------------------------------------------------------------------


@require_GET
@login_required
def hub_development(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    return render(
        request,
        "leaders/development/hub.html",
        {"hub": hub, "page": selectors.hub_development(hub)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def pairing_create(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    llmes = selectors.current_llmes(hub)
    form = PairingForm(request.POST if request.method == "POST" else None, llmes=llmes)
    if request.method == "POST" and form.is_valid():
        try:
            pairing = services.pairing_create(hub=hub, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{_name(pairing.llme)} is paired with {_name(pairing.experienced)}. "
                "We have emailed them both.",
            )
            return redirect("leaders:hub_development", hub_slug=hub.slug)
    return render(
        request,
        "leaders/development/pairing_form.html",
        {"hub": hub, "form": form, "enough": len(llmes) >= 2},
    )


@require_http_methods(["GET", "POST"])
@login_required
def pairing_end(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    pairing = get_pairing_for_user(request.user, hub_slug=hub_slug, pk=pk)
    form = PairingEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pairing_end(
                pairing=pairing, by=request.user, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error, rename={"__all__": "ends_on"})
        else:
            messages.success(request, "The pairing has ended. We have emailed them both.")
            return redirect("leaders:hub_development", hub_slug=pairing.hub.slug)
    return render(
        request,
        "leaders/development/pairing_end.html",
        {"hub": pairing.hub, "pairing": pairing, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def quality_visit_create(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    """Record a visit in two steps: choose the session (a GET form, or the link from a
    session's row on the staff Work Group page), then the lead and the feedback."""
    hub = get_hub_for_user(request.user, slug=hub_slug)
    sessions = selectors.sessions_to_visit(hub)
    data = request.POST if request.method == "POST" else request.GET
    session_form = VisitSessionForm(data if "session" in data else None, sessions=sessions)
    if not session_form.is_valid():
        return render(
            request,
            "leaders/development/visit_session.html",
            {"hub": hub, "form": session_form},
        )
    session = session_form.cleaned_data["session"]
    leads = selectors.session_leads(session)
    form = QualityVisitForm(
        request.POST if request.method == "POST" else None,
        leads=leads,
        initial={"session": session.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.quality_visit_record(
                session=session,
                llme=form.cleaned_data["llme"],
                feedback=form.cleaned_data["feedback"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The visit is recorded. We have emailed {_name(visit.llme)}."
            )
            return redirect("leaders:hub_development", hub_slug=hub.slug)
    return render(
        request,
        "leaders/development/visit_form.html",
        {"hub": hub, "session": session, "leads": leads, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def quality_visit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A visit's feedback and the LLME's reply: they reply (once, then change it); the hub's
    staff read both."""
    visit = get_quality_visit_for_user(request.user, pk=pk, reply=request.method == "POST")
    is_visited = visit.llme_id == request.user.pk
    form = VisitReplyForm(
        request.POST if request.method == "POST" else None, initial={"reply": visit.reply}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.quality_visit_reply(
                visit=visit, by=request.user, reply=form.cleaned_data["reply"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reply is saved. We have told the visitor.")
            return redirect("leaders:quality_visit", pk=visit.pk)
    return render(
        request,
        "leaders/development/visit.html",
        {
            "visit": visit,
            "work_group": visit.session.work_group,
            "hub": visit.session.work_group.hub,
            "is_visited": is_visited,
            "editing": is_visited
            and (not visit.replied_at or "edit" in request.GET or form.errors),
            "form": form,
        },
    )


def _name(user: object) -> str:
    return str(getattr(user, "display_name", "") or getattr(user, "email", ""))
