"""A person's own account pages beside allauth's (email addresses, password, two-factor), and
allauth's request for a sign-in code, which sends again a code that still works."""

from typing import Any

from allauth.account.views import RequestLoginCodeView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.codes import REUSE_SIGN_IN_CODE, match_sign_in_state
from hubwork.accounts.forms.details import DetailsForm
from hubwork.accounts.services import user_details_update
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


class RequestSignInCodeView(RequestLoginCodeView):
    """allauth's "Sign in with a code", except that asking again while the code already
    emailed still works sends that same code again, so it keeps working (accounts/codes.py)."""

    def form_valid(self, form: Any) -> HttpResponse:
        setattr(self.request, REUSE_SIGN_IN_CODE, True)
        response = super().form_valid(form)
        match_sign_in_state(self.request)
        return response


request_sign_in_code = RequestSignInCodeView.as_view()
