from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.dashboard.selectors import dashboard_for_user


@require_GET
@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "dashboard/dashboard.html", dashboard_for_user(user=request.user))
