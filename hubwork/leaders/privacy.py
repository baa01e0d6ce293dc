"""The leaders app's part of a person's data (core/privacy.py): their LLME applications,
profile, development log, pairings, quality visits and the notes they wrote."""

from hubwork.accounts.models import User
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.leaders.models import (
    Application,
    DevelopmentEntry,
    HubApplication,
    HubApplicationNote,
    LeadNote,
    LlmeProfile,
    Pairing,
    QualityVisit,
)
from hubwork.leaders.services.erasure import leaders_data_erase


def leaders_data_export(user: User) -> ExportPart:
    return ExportPart(
        tables={
            "llme_applications": rows(
                Application.objects.filter(applicant=user).order_by("pk"),
                "submitted_at",
                "school__name",
                "role_in_school",
                "phases",
                "experience",
                "accreditations_held",
                "why",
                "school_leader_name",
                "school_leader_email",
                "school_leader_confirmed_at",
            ),
            "llme_applications_to_hubs": rows(
                HubApplication.objects.filter(application__applicant=user).order_by("pk"),
                "hub__name",
                "status",
                "status_changed_at",
                "reason",
                "interview_at",
                "interview_place",
            ),
            "llme_profile": rows(
                LlmeProfile.objects.filter(user=user), "listed_in_directory", "phases", "about"
            ),
            "development_log": rows(
                DevelopmentEntry.objects.filter(user=user).order_by("on", "pk"),
                "on",
                "kind",
                "title",
                "notes",
                "hours",
            ),
            "pairings": rows(
                Pairing.objects.filter(llme=user).order_by("pk"),
                "hub__name",
                "experienced__email",
                "starts_on",
                "ends_on",
            ),
            "quality_visits": rows(
                QualityVisit.objects.filter(llme=user).order_by("pk"),
                "session__work_group__title",
                "session__date",
                "feedback",
                "reply",
            ),
            "application_notes_written": rows(
                HubApplicationNote.objects.filter(author=user).order_by("pk"), "created_at", "text"
            ),
            "lead_notes_written": rows(
                LeadNote.objects.filter(author=user).order_by("pk"),
                "work_group__title",
                "created_at",
                "text",
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="leaders",
        covers=frozenset(
            {
                "leaders.Application.applicant",
                "leaders.HubApplicationEvent.by",
                "leaders.HubApplicationNote.author",
                "leaders.LlmeProfile.user",
                "leaders.DevelopmentEntry.user",
                "leaders.Pairing.llme",
                "leaders.Pairing.experienced",
                "leaders.Pairing.created_by",
                "leaders.LeadNote.author",
                "leaders.QualityVisit.llme",
                "leaders.QualityVisit.visitor",
            }
        ),
        export=leaders_data_export,
        erase=leaders_data_erase,
    )
)
