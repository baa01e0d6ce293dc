"""Page feedback's link in the menu of content editors, reviewers and national admins."""

from hubwork.content.feedback_permissions import REPORT_ROLES
from hubwork.core.navigation import Link, register


def register_feedback() -> None:
    register(
        "service",
        Link(
            "Page feedback",
            "content:feedback_report",
            active_prefixes=("/content-reports/feedback/",),
            roles=REPORT_ROLES,
            order=92,
        ),
    )
