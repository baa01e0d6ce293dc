from django.contrib import admin

from hubwork.core.admin import ReadOnlyAdmin
from hubwork.workgroups.models import (
    ColleagueInvitation,
    Enrolment,
    Session,
    SessionChange,
    WorkGroup,
)

# Work Groups and sessions are managed in the hub staff area, where every change is
# validated, audited and announced; the admin shows them read-only.


@admin.register(WorkGroup)
class WorkGroupAdmin(ReadOnlyAdmin[WorkGroup]):
    list_display = ["title", "hub", "programme", "academic_year", "status", "capacity"]
    list_filter = ["academic_year", "status", "hub", "programme"]
    search_fields = ["title", "code"]
    list_select_related = ["hub", "programme"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin[Session]):
    list_display = ["work_group", "number", "date", "starts_at", "mode", "status", "sequence"]
    list_select_related = ["work_group"]


@admin.register(SessionChange)
class SessionChangeAdmin(ReadOnlyAdmin[SessionChange]):
    list_display = ["session", "changed_at", "changed_by", "reason"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin[Enrolment]):
    list_display = ["user", "work_group", "school", "status"]
    list_filter = ["status"]
    list_select_related = ["user", "work_group", "school"]


@admin.register(ColleagueInvitation)
class ColleagueInvitationAdmin(ReadOnlyAdmin[ColleagueInvitation]):
    list_display = ["email", "work_group", "school", "status", "place_held", "expires_at"]
    list_filter = ["status", "place_held"]
    list_select_related = ["work_group", "school"]
