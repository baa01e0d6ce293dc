"""An LLME's record, and the hub lead's changes to it: the days a week agreed with their hub
(and when they start there) and their accreditations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.models import Accreditation
from hubwork.hubs.services import accreditation_delete, accreditation_save, hub_role_update
from hubwork.leaders.forms.records import AccreditationForm, DaysPerWeekForm
from hubwork.leaders.permissions import (
    get_accreditation_for_user,
    get_llme_for_user,
    get_llme_role_for_user,
)
from hubwork.leaders.selectors.records import holds_another
from hubwork.leaders.selectors.records import llme_record as record_for


@require_GET
@login_required
def llme_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    llme = get_llme_for_user(request.user, pk=pk)
    return render(
        request,
        "leaders/records/record.html",
        {"record": record_for(llme=llme, viewer_user=request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def llme_role_edit(request: AuthenticatedRequest, pk: int, role_pk: int) -> HttpResponse:
    hub_role = get_llme_role_for_user(request.user, llme_pk=pk, pk=role_pk)
    form = DaysPerWeekForm(
        request.POST or None,
        initial={"days_per_week": hub_role.days_per_week, "starts_on": hub_role.starts_on},
    )
    if request.method == "POST" and form.is_valid():
        hub_role.days_per_week = form.cleaned_data["days_per_week"]
        hub_role.starts_on = form.cleaned_data["starts_on"]
        try:
            hub_role_update(hub_role=hub_role, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved what is agreed with {hub_role.hub.name}.")
            return redirect("leaders:llme_record", pk=pk)
    return render(
        request,
        "leaders/records/role_edit.html",
        {"form": form, "hub_role": hub_role, "llme": hub_role.user},
    )


def _accreditation_form_page(
    request: AuthenticatedRequest, accreditation: Accreditation
) -> HttpResponse:
    llme = accreditation.user
    initial = (
        {
            "kind": accreditation.kind,
            "year_achieved": accreditation.year_achieved,
            "renews_on": accreditation.renews_on,
        }
        if accreditation.pk
        else {}
    )
    form = AccreditationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        accreditation.kind = form.cleaned_data["kind"]
        accreditation.year_achieved = form.cleaned_data["year_achieved"]
        accreditation.renews_on = form.cleaned_data["renews_on"]
        if holds_another(accreditation):
            form.add_error("kind", "They already hold this accreditation: change that one.")
        else:
            try:
                accreditation_save(accreditation=accreditation, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Saved {llme.display_name}'s {accreditation}.")
                return redirect("leaders:llme_record", pk=llme.pk)
    return render(
        request,
        "leaders/records/accreditation_form.html",
        {"form": form, "accreditation": accreditation, "llme": llme},
    )


@require_http_methods(["GET", "POST"])
@login_required
def accreditation_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    llme = get_llme_for_user(request.user, pk=pk, write=True)
    return _accreditation_form_page(request, Accreditation(user=llme))


@require_http_methods(["GET", "POST"])
@login_required
def accreditation_edit(
    request: AuthenticatedRequest, pk: int, accreditation_pk: int
) -> HttpResponse:
    accreditation = get_accreditation_for_user(request.user, llme_pk=pk, pk=accreditation_pk)
    return _accreditation_form_page(request, accreditation)


@require_http_methods(["GET", "POST"])
@login_required
def accreditation_remove(
    request: AuthenticatedRequest, pk: int, accreditation_pk: int
) -> HttpResponse:
    accreditation = get_accreditation_for_user(request.user, llme_pk=pk, pk=accreditation_pk)
    if request.method == "POST":
        accreditation_delete(accreditation=accreditation, by=request.user)
        messages.success(request, f"Removed {accreditation.user.display_name}'s {accreditation}.")
        return redirect("leaders:llme_record", pk=pk)
    return render(
        request,
        "leaders/records/accreditation_remove.html",
        {"accreditation": accreditation, "llme": accreditation.user},
    )
