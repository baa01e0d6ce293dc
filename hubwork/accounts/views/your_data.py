"""Your data: download a copy of everything Hubwork holds about you, and delete your account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.forms.your_data import DeleteAccountForm
from hubwork.accounts.permissions import get_data_export_for_user, get_erasure_request_for_user
from hubwork.accounts.selectors import data_export_latest, erasure_pending_for
from hubwork.accounts.services.erasure import (
    COOLING_OFF,
    delete_account_code_send,
    delete_account_code_spend,
    erasure_cancel,
    erasure_request,
)
from hubwork.accounts.services.exports import (
    EXPORT_LIFETIME,
    data_export_downloaded,
    data_export_start,
)
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.times import date_and_time


def _page(request: AuthenticatedRequest, form: DeleteAccountForm | None = None) -> HttpResponse:
    user = request.user
    erasure = erasure_pending_for(user)
    return render(
        request,
        "accounts/your_data.html",
        {
            "export": data_export_latest(user),
            "export_days": EXPORT_LIFETIME.days,
            "erasure": erasure,
            "cooling_off_days": COOLING_OFF.days,
            "form": form or DeleteAccountForm(user=user),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_GET
@login_required
def your_data(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request)


@require_GET
@login_required
def export_status(request: AuthenticatedRequest) -> HttpResponse:
    """The export's state alone, which the page asks for every 2 seconds while it is built."""
    return render(
        request,
        "accounts/includes/export_status.html",
        {"export": data_export_latest(request.user), "export_days": EXPORT_LIFETIME.days},
    )


@require_POST
@login_required
def export_start(request: AuthenticatedRequest) -> HttpResponse:
    try:
        data_export_start(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:your_data")


@require_GET
@login_required
def export_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    export = get_data_export_for_user(request.user, pk=pk)
    try:
        stored = default_storage.open(export.file_name, "rb")
    except FileNotFoundError as error:
        raise Http404("No such data export") from error
    data_export_downloaded(export=export, by=request.user)
    response = FileResponse(stored, content_type="application/zip")
    ready = export.ready_at or export.created_at
    response["Content-Disposition"] = (
        content_disposition_header(True, f"hubwork-your-data-{ready:%Y-%m-%d}.zip") or ""
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def delete_code_send(request: AuthenticatedRequest) -> HttpResponse:
    code = delete_account_code_send(user=request.user)
    messages.success(request, f"We have emailed a code to {code.email}.")
    return redirect("accounts:your_data")


@require_http_methods(["POST"])
@login_required
def delete_request(request: AuthenticatedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form)
    if form.by_code:
        delete_account_code_spend(user=request.user)
    erasure = erasure_request(user=request.user, by=request.user)
    messages.success(
        request,
        f"Your account will be deleted on {date_and_time(erasure.due_at)}. "
        "We have emailed you the date. You can cancel until then.",
    )
    return redirect("accounts:your_data")


@require_POST
@login_required
def delete_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    erasure = get_erasure_request_for_user(request.user, pk=pk)
    try:
        erasure_cancel(erasure=erasure, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your account will not be deleted.")
    return redirect("accounts:your_data")
