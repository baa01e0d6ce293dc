"""The hub staff area's LLME load: each LLME's sessions this term across every hub they lead
for, with clashes flagged (another hub's sessions only by date and time)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.hubs.permissions import can_manage_hub, get_hub_for_user
from hubwork.workgroups.selectors.llme_load import Term, llme_load


@require_GET
@login_required
def llme_load_page(request: AuthenticatedRequest, hub_slug: str) -> HttpResponse:
    hub = get_hub_for_user(request.user, slug=hub_slug)
    this_term = Term.current()
    # This term, or with ?term=next the next one, for planning ahead.
    term = this_term.next() if request.GET.get("term") == "next" else this_term
    loads = llme_load(hub=hub, term=term)
    return render(
        request,
        "workgroups/llme_load/page.html",
        {
            "hub": hub,
            "term": term,
            "is_this_term": term == this_term,
            "other_term": this_term if term != this_term else this_term.next(),
            "loads": loads,
            "clashing": sum(1 for load in loads if load.has_clash),
            "can_change_days": can_manage_hub(request.user, hub, write=True),
        },
    )
