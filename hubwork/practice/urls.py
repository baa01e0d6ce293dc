"""Between sessions: leads' plans, gap tasks and "What we tried"; participants' trials,
reflections and outputs; each Work Group's group space; permission-checked file downloads."""

from django.urls import URLPattern, URLResolver, path

from hubwork.practice.views import (
    files,
    gap_tasks,
    group,
    outputs,
    plans,
    reflections,
    trials,
    tried,
)

MANAGE = "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/"
SESSION = MANAGE + "sessions/<int:session_pk>/"

app_name = "practice"

urlpatterns: list[URLPattern | URLResolver] = [
    # Leads and hub staff: session plans and the mechanism grid.
    path(MANAGE + "plans/", plans.plan_overview, name="plans"),
    path(SESSION + "plan/", plans.plan_edit, name="plan"),
    path(SESSION + "plan/check/", plans.plan_check, name="plan_check"),
    path(SESSION + "plan/print/", plans.plan_print, name="plan_print"),
    path(SESSION + "plan/copy/", plans.plan_copy, name="plan_copy"),
    # Leads and hub staff: gap tasks set at a session, and what came back.
    path(SESSION + "gap-tasks/", gap_tasks.gap_task_list, name="gap_tasks"),
    path(
        SESSION + "gap-tasks/<int:task_pk>/",
        gap_tasks.gap_task_edit,
        name="gap_task_edit",
    ),
    path(
        SESSION + "gap-tasks/<int:task_pk>/delete/",
        gap_tasks.gap_task_delete,
        name="gap_task_delete",
    ),
    path(SESSION + "what-we-tried/", tried.what_we_tried, name="what_we_tried"),
    path(
        SESSION + "what-we-tried/print/",
        tried.what_we_tried_print,
        name="what_we_tried_print",
    ),
    # Participants: classroom trials and their evidence.
    path("my/practice/", trials.my_practice, name="mine"),
    path("my/trials/new/", trials.trial_create, name="trial_create"),
    path("my/trials/<int:pk>/", trials.trial_edit, name="trial_edit"),
    path("my/trials/<int:pk>/share/", trials.trial_share, name="trial_share"),
    path("my/trials/<int:pk>/delete/", trials.trial_delete, name="trial_delete"),
    path("my/trials/<int:pk>/evidence/", trials.evidence_upload, name="evidence_upload"),
    path(
        "my/trials/<int:pk>/evidence/<int:evidence_pk>/delete/",
        trials.evidence_delete,
        name="evidence_delete",
    ),
    path("trials/<int:pk>/", trials.trial_detail, name="trial_detail"),
    # Participants: reflections (private) and outputs.
    path("my/reflections/", reflections.reflection_list, name="reflection_list"),
    path("my/reflections/<int:pk>/", reflections.reflection_edit, name="reflection_edit"),
    path(
        "my/reflections/<int:pk>/delete/",
        reflections.reflection_delete,
        name="reflection_delete",
    ),
    path("my/outputs/", outputs.my_outputs, name="my_outputs"),
    path("my/outputs/new/", outputs.output_create, name="output_create"),
    path("my/outputs/<int:pk>/", outputs.output_edit, name="output_edit"),
    path("my/outputs/<int:pk>/delete/", outputs.output_delete, name="output_delete"),
    path("outputs/", outputs.output_library, name="output_library"),
    path("outputs/<int:pk>/", outputs.output_detail, name="output_detail"),
    # Files, only through a permission check.
    path("files/evidence/<int:pk>/", files.evidence_download, name="evidence_download"),
    path("files/evidence/<int:pk>/preview/", files.evidence_preview, name="evidence_preview"),
    path("files/outputs/<int:pk>/", files.output_download, name="output_download"),
    # The group space: members, shared outputs and trials, the discussion thread.
    path("work-groups/<slug:slug>/space/", group.group_space, name="group_space"),
    path(
        "work-groups/<slug:slug>/space/discussion/",
        group.discussion,
        name="group_discussion",
    ),
    path(
        "work-groups/<slug:slug>/space/discussion/<int:post_pk>/remove/",
        group.post_remove,
        name="group_post_remove",
    ),
    path(
        "work-groups/<slug:slug>/space/contact/",
        group.contact_sharing,
        name="group_contact_sharing",
    ),
]
