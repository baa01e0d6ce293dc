"""Permission-checked getters for the reports app's own objects."""

from django.http import Http404
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.accounts.permissions import require_national_admin
from hubwork.reports.models import EXPORT_LIFETIME, ReportExport


def get_report_export_for_user(user: User, *, pk: int) -> ReportExport:
    """The person's own export, ready to download. 403 for anyone but national admins (the
    exports page is theirs); 404 for another person's export, or one not ready or deleted,
    so an address says nothing about it. Past its 7 days it is gone, even before the
    retention job has deleted it."""
    require_national_admin(user)
    export = ReportExport.objects.filter(
        pk=pk,
        requested_by=user,
        status=ReportExport.Status.READY,
        created_at__gt=timezone.now() - EXPORT_LIFETIME,
    ).first()
    if export is None or not export.file:
        raise Http404("No such export")
    return export
