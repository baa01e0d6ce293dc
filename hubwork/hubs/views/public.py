"""The public list of Maths Hubs. A hub's own page shows its offer of Work Groups, so it
belongs to workgroups (workgroups/views/hub_pages.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.hubs.selectors import hubs_for_listing


@require_GET
def hub_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hubs/list.html", {"hubs": hubs_for_listing()})
