"""The national team's page for erasing an account when the person asks in writing (by email
or letter): find the account by email address, say why, type the address to confirm, and
the account is erased at once, with the same effect as the person's own request after its
cooling-off. No cooling-off here: the request came in writing and was checked before."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hubwork.accounts.forms.your_data import EraseAccountForm, FindAccountForm
from hubwork.accounts.models import ErasureRequest
from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.selectors import erasures_pending, user_with_email
from hubwork.accounts.services.erasure import account_erase
from hubwork.accounts.types import AuthenticatedRequest


@require_http_methods(["GET", "POST"])
@login_required
def erasures(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    find_form = FindAccountForm(request.GET if "email" in request.GET else None)
    person = None
    if find_form.is_bound and find_form.is_valid():
        person = user_with_email(find_form.cleaned_data["email"])
        if person is None or not person.is_active:
            find_form.add_error("email", "No account has this email address")
            person = None
    erase_form = None
    if person is not None:
        erase_form = EraseAccountForm(
            request.POST if request.method == "POST" else None, person=person
        )
        if request.method == "POST" and erase_form.is_valid():
            erasure = account_erase(
                user=person,
                by=request.user,
                reason=ErasureRequest.Reason.EMAIL,
                note=erase_form.cleaned_data["note"],
            )
            messages.success(
                request,
                f"The account is erased. Its reference, for your records: {erasure.reference}.",
            )
            return redirect("accounts:erasures")
    status = 400 if erase_form is not None and erase_form.errors else 200
    return render(
        request,
        "accounts/erasures.html",
        {
            "find_form": find_form,
            "person": person,
            "erase_form": erase_form,
            "pending": erasures_pending(),
        },
        status=status,
    )
