"""Who may reach a data export, and the national team's erasure page.

A data export holds everything about one person, so only that person may download it: for
anyone else, national admins included, the address answers 404, as it does once the export
has expired, so nobody can tell whose exports exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hubwork.accounts.models import DataExport, ErasureRequest, User


def get_data_export_for_user(user: User, *, pk: int) -> DataExport:
    """The person's own export, ready and within its 7 days; 404 otherwise (another person's,
    expired, not ready), never 403."""
    export = DataExport.objects.filter(
        pk=pk,
        user=user,
        status=DataExport.Status.READY,
        expires_at__gt=timezone.now(),
    ).first()
    if export is None or not export.file_name:
        raise Http404("No such data export")
    return export


def require_national_admin(user: User) -> None:
    """For the national team alone (erasing accounts on request, questionnaires, the national
    evaluation roll-up): 403 for anyone else."""
    if not (user.is_authenticated and user.is_active and user.is_national_admin):
        raise PermissionDenied


def get_erasure_request_for_user(user: User, *, pk: int) -> ErasureRequest:
    """The person's own erasure request; 404 for anyone else's (never 403)."""
    erasure = ErasureRequest.objects.filter(pk=pk, user=user).first()
    if erasure is None:
        raise Http404("No such request")
    return erasure
