"""The hub staff area's PD Lead cohort page: accepted applicants waiting for a cohort, the
hub's cohorts, and placing an applicant in one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.hubs.permissions import get_hub_for_user
from hubwork.leaders.forms.pathway import CohortPlaceForm
from hubwork.leaders.selectors.pathway import (
    applicants_placed,
    applicants_waiting,
    cohorts,
    cohorts_to_place_in,
)
from hubwork.leaders.services.pathway import pd_lead_cohort_place


@require_http_methods(["GET", "POST"])
@login_required
def pd_lead_cohort(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """For the hub's staff (403 for anyone else, 404 for no such hub)."""
    hub = get_hub_for_user(request.user, slug=slug)
    waiting = applicants_waiting(hub=hub)
    form = CohortPlaceForm(
        request.POST or None, applicants=waiting, cohorts=cohorts_to_place_in(hub=hub)
    )
    if request.method == "POST" and form.is_valid():
        hub_application = form.cleaned_data["hub_application"]
        work_group = form.cleaned_data["work_group"]
        try:
            enrolment = pd_lead_cohort_place(
                hub_application=hub_application, work_group=work_group, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{enrolment.user.display_name} has a place in {work_group.title}. "
                "We have emailed them.",
            )
            return redirect("leaders:pd_lead_cohort", slug=hub.slug)
    waiting_list = list(waiting)
    return render(
        request,
        "leaders/pathway/cohort.html",
        {
            "hub": hub,
            "form": form,
            "waiting": waiting_list,
            "placed": applicants_placed(hub=hub),
            "cohorts": list(cohorts(hub=hub)),
        },
    )
