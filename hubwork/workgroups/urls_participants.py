"""A Work Group's participants, for its leads and its hub's staff."""

from django.urls import URLPattern, URLResolver, path

from hubwork.workgroups.views import participants

BASE = "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(BASE + "participants/", participants.participant_list, name="manage_participants"),
    path(
        BASE + "participants.csv",
        participants.participant_export,
        name="manage_participants_export",
    ),
    path(
        BASE + "participants/message/",
        participants.participant_message,
        name="manage_participants_message",
    ),
    path(
        BASE + "participants/<int:enrolment_pk>/move/",
        participants.participant_move,
        name="manage_participant_move",
    ),
]
