"""Evidence and output files, streamed from storage only after a permission check.

Files are never reachable under /media/: there is no route for it, and storage is private.
Each response is locked down so a file cannot run script in Hubwork's origin, even if a
browser would otherwise guess it is HTML.
"""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.practice.permissions import get_evidence_for_user, get_output_for_user
from hubwork.practice.uploads import INLINE_TYPES

FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def _stream(name: str, *, content_type: str, original_name: str) -> HttpResponseBase:
    if not name:
        raise Http404("No such file.")
    try:
        stored = default_storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404("No such file.") from error
    inline = content_type in INLINE_TYPES
    response = FileResponse(stored, content_type=content_type or "application/octet-stream")
    disposition = content_disposition_header(not inline, original_name or "file")
    if disposition:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


@require_GET
@login_required
def evidence_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    evidence = get_evidence_for_user(request.user, pk=pk)
    return _stream(
        evidence.file.name or "",
        content_type=evidence.content_type,
        original_name=evidence.original_name,
    )


@require_GET
@login_required
def evidence_preview(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """An evidence image's small preview, for whoever may download the file itself."""
    evidence = get_evidence_for_user(request.user, pk=pk)
    return _stream(
        evidence.preview.name or "",
        content_type="image/jpeg",
        original_name=f"Preview of {evidence.original_name}",
    )


@require_GET
@login_required
def output_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    output = get_output_for_user(request.user, pk=pk)
    return _stream(
        output.file.name or "",
        content_type=output.content_type,
        original_name=output.original_name,
    )
