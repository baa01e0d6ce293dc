"""An editor's part of a person's data (core/privacy.py): their traces in Wagtail's editor.

Exported: the pages they own, the revisions they saved and the comments they wrote.
Erased by content/services/editing_erasure.py. Loaded by content/privacy.py.
"""

from django.apps import apps
from wagtail.models import Comment, Page, Revision

from hubwork.accounts.models import User
from hubwork.content.services.editing_erasure import EDITING_REFERENCES, editing_traces_erase
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows


def _covers() -> frozenset[str]:
    # A page type's table carries Page's owner and last editor too (multi-table inheritance).
    page_types = [
        f"{model._meta.label}.{name}"
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page
        for name in ("owner", "locked_by")
    ]
    return frozenset({*EDITING_REFERENCES, *page_types})


def editing_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "site_pages_owned": rows(
                Page.objects.filter(owner=user).order_by("path"),
                "title",
                "url_path",
                "first_published_at",
                "last_published_at",
            ),
            "site_revisions": rows(
                Revision.objects.filter(user=user).order_by("created_at", "pk"),
                "created_at",
                "object_str",
            ),
            "site_comments": rows(
                Comment.objects.filter(user=user).order_by("created_at", "pk"),
                "created_at",
                "text",
                "resolved_at",
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="content-editing",
        covers=_covers(),
        export=editing_export,
        erase=lambda user: editing_traces_erase(user=user),
    )
)
