from django.urls import include, path

from hubwork.workgroups.views import calendars, catalogue, manage

urlpatterns = [
    # Signing up, a participant's own Work Groups, offers (urls_participation); the lead's
    # participant lists (urls_participants); registers and completion (urls_attendance).
    path("", include("hubwork.workgroups.urls_participation")),
    path("", include("hubwork.workgroups.urls_participants")),
    path("", include("hubwork.workgroups.urls_attendance")),
    # The public catalogue.
    path("work-groups/", catalogue.catalogue, name="catalogue"),
    path("work-groups/<slug:slug>/", catalogue.work_group_detail, name="work_group_detail"),
    # Calendars.
    path(
        "work-groups/<slug:slug>/calendar.ics",
        calendars.work_group_calendar,
        name="work_group_calendar",
    ),
    path("calendar/", calendars.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", calendars.personal_calendar, name="personal_calendar"),
    # The hub staff area's Work Groups.
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/",
        manage.work_group_list,
        name="manage_work_groups",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/new/",
        manage.work_group_create,
        name="manage_work_group_create",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/",
        manage.work_group_manage,
        name="manage_work_group",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/edit/",
        manage.work_group_edit,
        name="manage_work_group_edit",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/status/",
        manage.work_group_status,
        name="manage_work_group_status",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/copy/",
        manage.work_group_copy,
        name="manage_work_group_copy",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/sessions/new/",
        manage.session_create,
        name="manage_session_create",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/sessions/<int:session_pk>/rearrange/",
        manage.session_rearrange,
        name="manage_session_rearrange",
    ),
]
