from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.dashboard.selectors.dashboard import dashboard_for_user


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Hubwork's home page: what it is, and the way in to each part of it."""
    return render(request, "dashboard/home.html")


@require_GET
@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "dashboard/dashboard.html", dashboard_for_user(user=request.user))
