"""The large exports a person has asked for, for the exports page."""

from django.db.models import QuerySet

from hubwork.accounts.models import User
from hubwork.reports.models import ReportExport


def exports_of(user: User) -> QuerySet[ReportExport]:
    """The person's own exports, newest first (older than 7 days they are deleted)."""
    return ReportExport.objects.filter(requested_by=user).order_by("-created_at", "-pk")
