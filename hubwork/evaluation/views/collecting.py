"""A Work Group's evaluation page for its leads and hub staff: response rates per form, and
one more reminder per open form. Counts only: nobody's name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.numbers import positive_int
from hubwork.evaluation.models import Wave
from hubwork.evaluation.permissions import get_work_group_evaluation_for_user
from hubwork.evaluation.selectors.rates import work_group_rates
from hubwork.evaluation.services.invitations import invitations_nudge
from hubwork.workgroups.models import Session
from hubwork.workgroups.permissions import get_session_for_user


@require_GET
@login_required
def overview(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    work_group = get_work_group_evaluation_for_user(request.user, hub_slug=hub_slug, pk=pk)
    rates = work_group_rates(work_group)
    return render(
        request,
        "evaluation/collecting/overview.html",
        {
            "hub": work_group.hub,
            "work_group": work_group,
            "rates": rates,
            "pre_post": [rates.pre, rates.post],
            "leader_forms": [rates.school_leader.rate],
        },
    )


@require_POST
@login_required
def nudge(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """Send one more reminder to the non-respondents of one open form (once per form)."""
    work_group = get_work_group_evaluation_for_user(request.user, hub_slug=hub_slug, pk=pk)
    wave = request.POST.get("wave", "")
    session: Session | None = None
    back = redirect("evaluation:overview", hub_slug=hub_slug, pk=pk)
    if wave == Wave.SESSION:
        session_pk = positive_int(request.POST.get("session", ""))
        if session_pk is None:
            messages.error(request, "Choose a session to remind people about.")
            return back
        session = get_session_for_user(
            request.user, hub_slug=hub_slug, work_group_pk=work_group.pk, pk=session_pk
        )
    try:
        emailed = invitations_nudge(
            work_group=work_group, wave=wave, session=session, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"One more reminder is on its way to {emailed} "
            f"{'person who has' if emailed == 1 else 'people who have'} not answered.",
        )
    return back
