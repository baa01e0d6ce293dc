"""Addresses of readings set for Work Group sessions, added to research/urls.py: the leads'
pages in the hub staff area beside the session's plan and gap tasks, the members' own page
per reading, and the group's readings beside the group space."""

from django.urls import path

from hubwork.research.views import my_readings, session_readings

SESSION = "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/sessions/<int:session_pk>/readings/"

urlpatterns = [
    path(SESSION, session_readings.session_readings, name="session_readings"),
    path(
        f"{SESSION}progress/",
        session_readings.session_readings_progress,
        name="session_readings_progress",
    ),
    path(
        f"{SESSION}<int:reading_pk>/edit/",
        session_readings.session_reading_edit,
        name="session_reading_edit",
    ),
    path(
        f"{SESSION}<int:reading_pk>/delete/",
        session_readings.session_reading_delete,
        name="session_reading_delete",
    ),
    path(
        f"{SESSION}<int:reading_pk>/move/",
        session_readings.session_reading_move,
        name="session_reading_move",
    ),
    path(
        f"{SESSION}<int:reading_pk>/add-to-plan/",
        session_readings.session_reading_add_to_plan,
        name="session_reading_add_to_plan",
    ),
    path("my/readings/<int:pk>/", my_readings.my_reading, name="my_reading"),
    path("my/readings/<int:pk>/done/", my_readings.my_reading_done, name="my_reading_done"),
    path(
        "work-groups/<slug:slug>/space/readings/", my_readings.group_readings, name="group_readings"
    ),
]
