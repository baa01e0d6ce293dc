"""Work Groups: the public catalogue and calendars, signing up and a participant's own Work
Groups, a hub's public page with its offer, and the hub staff area's schools, Work Groups,
sessions, participants, registers and completion."""

from django.urls import URLPattern, URLResolver, path

from hubwork.workgroups.views import (
    attendance,
    calendars,
    catalogue,
    continuation,
    hub_pages,
    invitations,
    llme_load,
    manage,
    participants,
    participation,
)

app_name = "workgroups"

MANAGE = "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # The public catalogue.
    path("work-groups/", catalogue.catalogue, name="catalogue"),
    path("work-groups/<slug:slug>/", catalogue.work_group_detail, name="detail"),
    # A hub's public page, with its offer, and its staff area's schools, with their
    # engagement: hub pages that show Work Groups, so they are served from here.
    path("hubs/<slug:slug>/", hub_pages.hub_detail, name="hub_detail"),
    path(
        "hubs/<slug:hub_slug>/manage/schools/",
        hub_pages.hub_school_list,
        name="hub_schools",
    ),
    # The staff area's LLME load: each LLME's sessions this term across their hubs.
    path(
        "hubs/<slug:hub_slug>/manage/llme-load/",
        llme_load.llme_load_page,
        name="llme_load",
    ),
    # Calendars.
    path(
        "work-groups/<slug:slug>/calendar.ics",
        calendars.work_group_calendar,
        name="calendar",
    ),
    path("calendar/", calendars.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", calendars.personal_calendar, name="personal_calendar"),
    # The hub staff area's Work Groups.
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/",
        manage.work_group_list,
        name="manage_list",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/new/",
        manage.work_group_create,
        name="manage_create",
    ),
    path(
        MANAGE + "",
        manage.work_group_manage,
        name="manage",
    ),
    path(
        MANAGE + "edit/",
        manage.work_group_edit,
        name="manage_edit",
    ),
    path(
        MANAGE + "status/",
        manage.work_group_status,
        name="manage_status",
    ),
    path(
        MANAGE + "copy/",
        manage.work_group_copy,
        name="manage_copy",
    ),
    path(
        MANAGE + "sessions/new/",
        manage.session_create,
        name="session_create",
    ),
    path(
        MANAGE + "sessions/<int:session_pk>/rearrange/",
        manage.session_rearrange,
        name="session_rearrange",
    ),
    # Signing up, a participant's own Work Groups, offers and withdrawing.
    path("work-groups/<slug:slug>/sign-up/", participation.sign_up, name="sign_up"),
    path(
        "work-groups/<slug:slug>/sign-up/done/",
        participation.sign_up_done,
        name="sign_up_done",
    ),
    path(
        "work-groups/<slug:slug>/sign-up/school/",
        participation.sign_up_school_check,
        name="sign_up_school_check",
    ),
    path("my/work-groups/", participation.my_work_groups, name="mine"),
    # A colleague named on someone's sign-up confirms or declines.
    path(
        "my/work-groups/invitations/<int:pk>/",
        invitations.confirm_invitation,
        name="invitation",
    ),
    path(
        "my/work-groups/invitations/<int:pk>/decline/",
        invitations.decline_invitation,
        name="invitation_decline",
    ),
    path(
        "my/work-groups/<int:pk>/withdraw/",
        participation.withdraw,
        name="withdraw",
    ),
    path(
        "my/work-groups/<int:pk>/accept/",
        participation.accept_offer,
        name="accept",
    ),
    path(
        "my/work-groups/<int:pk>/decline/",
        participation.decline_offer,
        name="decline",
    ),
    # A Work Group's participants, for its leads and its hub's staff.
    path(MANAGE + "participants/", participants.participant_list, name="participants"),
    path(
        MANAGE + "participants.csv",
        participants.participant_export,
        name="participants_export",
    ),
    path(
        MANAGE + "participants/message/",
        participants.participant_message,
        name="participants_message",
    ),
    path(
        MANAGE + "participants/<int:enrolment_pk>/move/",
        participants.participant_move,
        name="participant_move",
    ),
    # Continuing participants: a copy's leads invite last year's completers, who answer.
    path(MANAGE + "continuing/", continuation.invite, name="continuation_invite"),
    path("my/work-groups/continue/<int:pk>/", continuation.answer, name="continuation"),
    path(
        "my/work-groups/continue/<int:pk>/decline/",
        continuation.decline,
        name="continuation_decline",
    ),
    # Registers, attendance rates and completion; apologies from participants.
    path(
        MANAGE + "sessions/<int:session_pk>/register/",
        attendance.session_register,
        name="session_register",
    ),
    path(MANAGE + "attendance/", attendance.work_group_attendance, name="attendance"),
    path(MANAGE + "completion/", attendance.work_group_completion, name="completion"),
    path(
        MANAGE + "completion/<int:enrolment_pk>/",
        attendance.completion_change,
        name="completion_change",
    ),
    path(
        "my/work-groups/<int:enrolment_pk>/apologies/<int:session_pk>/",
        attendance.apologies,
        name="apologies",
    ),
]
