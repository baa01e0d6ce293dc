"""The library's current search and filter result as a file for reference managers."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.research.citations import as_bibtex, as_ris
from hubwork.research.permissions import require_library_reader
from hubwork.research.selectors.library import library_readings
from hubwork.research.views.library import search_form

# The most readings one file holds; a larger library is exported a search at a time.
MAX_EXPORTED = 5000
FORMATS = {
    "bib": (as_bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (as_ris, "application/x-research-info-systems; charset=utf-8"),
}


@require_GET
@login_required
def library_export(request: AuthenticatedRequest, file_format: str) -> HttpResponse:
    require_library_reader(request.user)
    if file_format not in FORMATS:
        raise Http404("No such format")
    write, content_type = FORMATS[file_format]
    readings = library_readings(search_form(request).filters())[:MAX_EXPORTED]
    response = HttpResponse(write(readings), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="readings.{file_format}"'
    return response
