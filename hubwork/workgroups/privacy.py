"""The Work Groups app's part of a person's data (core/privacy.py): their enrolments with their
history (the audit log's events about each) and the school leader they named, attendance,
colleagues' invitations sent and received, calendar feed, sessions they rearranged, registers
they took and Work Groups they lead. On erasure the enrolments stay as anonymous rows so
schools' engagement is unchanged (workgroups/services/erasure.py)."""

from django.db.models import Q

from hubwork.accounts.models import User
from hubwork.core.models import AuditEvent
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows
from hubwork.workgroups.models import (
    Attendance,
    CalendarFeed,
    ColleagueInvitation,
    Enrolment,
    SessionChange,
    WorkGroup,
)
from hubwork.workgroups.services.erasure import work_group_data_erase


def work_group_data_export(user: User) -> ExportPart:
    enrolments = Enrolment.objects.filter(user=user).order_by("requested_at", "pk")
    enrolment_ids = [str(pk) for pk in enrolments.values_list("pk", flat=True)]
    return ExportPart(
        tables={
            "enrolments": rows(
                enrolments,
                "id",
                "work_group__title",
                "work_group__code",
                "work_group__academic_year",
                "work_group__hub__name",
                "school__name",
                "school__urn",
                "status",
                "role",
                "trn",
                "leader_supports",
                "school_leader_name",
                "school_leader_email",
                "requested_at",
                "offer_expires_at",
                "created_at",
                "updated_at",
            ),
            "enrolment_history": rows(
                AuditEvent.objects.filter(
                    object_type=Enrolment._meta.label_lower, object_id__in=enrolment_ids
                ).order_by("occurred_at", "pk"),
                "object_id",
                "occurred_at",
                "verb",
                "data",
            ),
            "attendance": rows(
                Attendance.objects.filter(enrolment__user=user).order_by("session__date", "pk"),
                "session__work_group__title",
                "session__number",
                "session__date",
                "status",
                "note",
            ),
            "invitations_sent": rows(
                ColleagueInvitation.objects.filter(invited_by=user).order_by("pk"),
                "work_group__title",
                "email",
                "status",
                "requested_at",
                "answered_at",
            ),
            "invitations_received": rows(
                ColleagueInvitation.objects.filter(email__iexact=user.email).order_by("pk"),
                "work_group__title",
                "school__name",
                "status",
                "requested_at",
                "answered_at",
            ),
            "calendar_feed": rows(CalendarFeed.objects.filter(user=user), "created_at"),
            "sessions_rearranged": rows(
                SessionChange.objects.filter(changed_by=user).order_by("changed_at", "pk"),
                "session__work_group__title",
                "session__number",
                "kinds",
                "before",
                "after",
                "reason",
                "changed_at",
            ),
            "registers_taken": rows(
                Attendance.objects.filter(recorded_by=user)
                .order_by("session__date", "session__number")
                .distinct(),
                "session__work_group__title",
                "session__number",
                "session__date",
            ),
            "work_groups_led": rows(
                WorkGroup.objects.filter(Q(leads=user)).order_by("academic_year", "title"),
                "title",
                "code",
                "academic_year",
                "hub__name",
                "status",
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="workgroups",
        covers=frozenset(
            {
                "workgroups.WorkGroup.leads",
                "workgroups.SessionChange.changed_by",
                "workgroups.Enrolment.user",
                "workgroups.ColleagueInvitation.invited_by",
                "workgroups.ContinuationInvitation.invited_by",
                "workgroups.CalendarFeed.user",
                "workgroups.Attendance.recorded_by",
            }
        ),
        export=work_group_data_export,
        erase=work_group_data_erase,
    )
)
