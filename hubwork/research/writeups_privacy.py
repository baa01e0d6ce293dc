"""Write-ups and reviews as part of a person's data (core/privacy.py): the versions of
research project write-ups they saved and the review decisions they made, with their
comments. Loaded by research/privacy.py. On erasure the write-ups and the review history
stay with their projects (the group's work, and the record of how it was published), without
who saved or decided them."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.research.models import ProjectReview, WriteUpVersion
from hubwork.research.services.erasure import writeups_erase


def writeups_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "write_up_versions_saved": rows(
                WriteUpVersion.objects.filter(saved_by=user).order_by("saved_at", "pk"),
                "project__title",
                "number",
                "summary",
                "findings",
                "implications",
                "limitations",
                "saved_at",
            ),
            "project_reviews_given": rows(
                ProjectReview.objects.filter(reviewer=user).order_by("decided_at", "pk"),
                "project__title",
                "stage",
                "decision",
                "comments",
                "decided_at",
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="research_writeups",
        covers=frozenset(
            {
                "research.WriteUpVersion.saved_by",
                "research.ProjectReview.reviewer",
                "research.ResearchProject.writeup_updated_by",
            }
        ),
        export=writeups_export,
        erase=writeups_erase,
    )
)
