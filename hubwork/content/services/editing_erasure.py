"""Erasing an editor's traces in Wagtail's editor (content/cms_privacy.py registers it).

The pages, revisions, images and documents they made stay: they belong to the site, not to
the person. What names them is emptied (owner, last editor, uploader, who asked for a review
or approved it); what is only theirs goes (their comments, editing sessions, page
subscriptions, saved editor preferences, API tokens).
"""

from typing import Any

from django.apps import apps
from django.db import transaction

# Every reference to a person in Wagtail's tables and the public site's sending records,
# as "app_label.Model.field".
EDITING_REFERENCES = (
    "wagtailcore.Page.owner",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Revision.user",
    "wagtailcore.PageLogEntry.user",
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.Comment.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.CommentReply.user",
    "wagtailcore.PageSubscription.user",
    "wagtailcore.TaskState.finished_by",
    "wagtailcore.WorkflowState.requested_by",
    "wagtailcore.UploadedFile.uploaded_by_user",
    "wagtailcore.APIToken.user",
    "wagtailadmin.EditingSession.user",
    "wagtailadmin.FormState.user",
    "wagtaildocs.Document.uploaded_by_user",
    "wagtailimages.Image.uploaded_by_user",
    "wagtailusers.UserProfile.user",
    "content.IssueSend.requested_by",
)


def editing_traces_erase(*, user: Any) -> dict[str, int]:
    """Empty every reference to `user` that may be empty; delete the rows that are theirs alone."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for reference in EDITING_REFERENCES:
            label, field_name = reference.rsplit(".", 1)
            model = apps.get_model(label)
            field = model._meta.get_field(field_name)
            rows = model._base_manager.filter(**{field_name: user})
            if getattr(field, "null", False):
                count = rows.update(**{field_name: None})
            else:
                count, _ = rows.delete()
            if count:
                counts[reference] = count
    return counts
