"""Registers, attendance rates and completion (leads and hub staff); apologies (participants)."""

from django.urls import URLPattern, URLResolver, path

from hubwork.workgroups.views import attendance

MANAGE = "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        MANAGE + "sessions/<int:session_pk>/register/",
        attendance.session_register,
        name="manage_session_register",
    ),
    path(MANAGE + "attendance/", attendance.work_group_attendance, name="manage_attendance"),
    path(MANAGE + "completion/", attendance.work_group_completion, name="manage_completion"),
    path(
        MANAGE + "completion/<int:enrolment_pk>/",
        attendance.completion_change,
        name="manage_completion_change",
    ),
    path(
        "my/work-groups/<int:enrolment_pk>/apologies/<int:session_pk>/",
        attendance.apologies,
        name="apologies_send",
    ),
]
