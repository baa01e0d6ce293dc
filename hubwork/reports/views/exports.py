"""Large exports (national admins): ask for ten years of engagements or England's
never-engaged schools as CSV or Excel, watch them being prepared, download them once ready.
The page refreshes itself every few seconds while an export is on its way: no JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.accounts.permissions import require_national_admin
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.exports import XLSX_TYPE
from hubwork.core.forms import add_service_errors
from hubwork.reports.forms.exports import ReportExportForm
from hubwork.reports.models import EXPORT_LIFETIME, ReportExport
from hubwork.reports.permissions import get_report_export_for_user
from hubwork.reports.selectors.exports import exports_of
from hubwork.reports.services.exports import (
    report_export_downloaded,
    report_export_file_name,
    report_export_request,
)

# How often, in seconds, the page reloads itself while an export is being prepared.
REFRESH_EVERY = 5
CONTENT_TYPES: dict[str, str] = {"csv": "text/csv", "xlsx": XLSX_TYPE}


def _page(request: AuthenticatedRequest, form: ReportExportForm) -> HttpResponse:
    exports = list(exports_of(request.user))
    return render(
        request,
        "reports/exports/list.html",
        {
            "form": form,
            "exports": exports,
            "in_progress": any(export.status in ReportExport.IN_PROGRESS for export in exports),
            "refresh_every": REFRESH_EVERY,
            "export_days": EXPORT_LIFETIME.days,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def exports(request: AuthenticatedRequest) -> HttpResponse:
    require_national_admin(request.user)
    if request.method != "POST":
        return _page(request, ReportExportForm())
    form = ReportExportForm(request.POST)
    if form.is_valid():
        try:
            export = report_export_request(
                by=request.user,
                kind=form.cleaned_data["kind"],
                file_format=form.cleaned_data["file_format"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{export.get_kind_display()} ({export.get_file_format_display()}): "
                f"{export.get_status_display().lower()}.",
            )
            return redirect("reports:exports")
    return _page(request, form)


@require_GET
@login_required
def export_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    export = get_report_export_for_user(request.user, pk=pk)
    try:
        stored = default_storage.open(export.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("No such export") from error
    report_export_downloaded(export=export, by=request.user)
    response = FileResponse(stored, content_type=CONTENT_TYPES[export.file_format])
    response["Content-Disposition"] = (
        content_disposition_header(True, report_export_file_name(export)) or ""
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
