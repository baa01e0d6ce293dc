"""Your details: the name other people see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.forms.details import DetailsForm
from hubwork.accounts.services.users import user_details_update
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors


@require_http_methods(["GET", "POST"])
@login_required
def details(request: AuthenticatedRequest) -> HttpResponse:
    """Your details: the name other people see."""
    form = DetailsForm(request.POST or None, initial=DetailsForm.initial_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            user_details_update(user=request.user, display_name=form.cleaned_data["display_name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your details are saved.")
            return redirect("accounts:details")
    return render(request, "accounts/details.html", {"form": form})
