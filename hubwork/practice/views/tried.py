""" "What we tried": what the Work Group shared since the previous session, for its leads and
hub staff, on screen and laid out for printing in the room."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.two_factor import require_two_factor
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.practice.links import SESSION_PAGES
from hubwork.practice.selectors.what_we_tried import what_we_tried as what_we_tried_for
from hubwork.workgroups.permissions import get_session_for_user


def _render(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int, template: str
) -> HttpResponse:
    session = get_session_for_user(request.user, hub_slug=hub_slug, work_group_pk=pk, pk=session_pk)
    # Each trial shows who shared it and their school: participants' personal details.
    require_two_factor(request.user)
    return render(
        request,
        template,
        {
            "hub": session.work_group.hub,
            "work_group": session.work_group,
            "session": session,
            "tried": what_we_tried_for(session),
            "session_links": SESSION_PAGES,
        },
    )


@require_GET
@login_required
def what_we_tried(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    return _render(request, hub_slug, pk, session_pk, "practice/tried/what_we_tried.html")


@require_GET
@login_required
def what_we_tried_print(
    request: AuthenticatedRequest, hub_slug: str, pk: int, session_pk: int
) -> HttpResponse:
    return _render(request, hub_slug, pk, session_pk, "practice/tried/print.html")
