"""Evaluation: questionnaires (national admins), the forms participants and school leaders
answer, each Work Group's response rates, anonymous feedback and evaluation report (its
leads and hub staff), and the hub and national roll-ups."""

from django.urls import URLPattern, URLResolver, path

from hubwork.evaluation.views import (
    answering,
    collecting,
    feedback,
    questionnaires,
    reports,
    rollups,
)

WORK_GROUP = "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/evaluation/"

app_name = "evaluation"

urlpatterns: list[URLPattern | URLResolver] = [
    # National admins: the questionnaires (instruments), versioned.
    path("national/questionnaires/", questionnaires.questionnaire_list, name="questionnaires"),
    path(
        "national/questionnaires/new/",
        questionnaires.questionnaire_create,
        name="questionnaire_create",
    ),
    path(
        "national/questionnaires/<int:pk>/",
        questionnaires.questionnaire_detail,
        name="questionnaire",
    ),
    path(
        "national/questionnaires/<int:pk>/edit/",
        questionnaires.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "national/questionnaires/<int:pk>/items/new/",
        questionnaires.item_create,
        name="item_create",
    ),
    path(
        "national/questionnaires/<int:pk>/items/<int:item_pk>/",
        questionnaires.item_edit,
        name="item_edit",
    ),
    path(
        "national/questionnaires/<int:pk>/items/<int:item_pk>/delete/",
        questionnaires.item_delete,
        name="item_delete",
    ),
    # Participants: their own forms; school leaders: theirs, through their email's link.
    path("my/evaluation/", answering.my_forms, name="my_forms"),
    path("my/evaluation/<slug:slug>/before/", answering.form_pre, name="form_pre"),
    path("my/evaluation/<slug:slug>/after/", answering.form_post, name="form_post"),
    path(
        "my/evaluation/<slug:slug>/sessions/<int:number>/",
        answering.form_session,
        name="form_session",
    ),
    path(
        "evaluation/school-leader/<str:token>/",
        answering.form_school_leader,
        name="form_school_leader",
    ),
    # A Work Group's leads and hub staff: response rates and one more nudge.
    path(WORK_GROUP, collecting.overview, name="overview"),
    path(WORK_GROUP + "nudge/", collecting.nudge, name="nudge"),
    # … anonymous session feedback (nothing under three responses).
    path(
        WORK_GROUP + "sessions/<int:session_pk>/",
        feedback.session_feedback,
        name="session_feedback",
    ),
    # … the evaluation report: leads edit and submit it, hub staff accept or return it.
    path(WORK_GROUP + "report/", reports.report, name="report"),
    path(WORK_GROUP + "report/edit/", reports.report_edit, name="report_edit"),
    path(WORK_GROUP + "report/submit/", reports.report_submit, name="report_submit"),
    path(WORK_GROUP + "report/decide/", reports.report_decide, name="report_decide"),
    path(WORK_GROUP + "report/print/", reports.report_print, name="report_print"),
    # Hub staff: the hub's roll-up by programme; national admins: each programme nationally.
    path("hubs/<slug:hub_slug>/manage/evaluation/", rollups.hub_rollup, name="hub_rollup"),
    path(
        "hubs/<slug:hub_slug>/manage/evaluation/export.csv",
        rollups.hub_rollup_csv,
        name="hub_rollup_csv",
    ),
    path("national/evaluation/", rollups.national_rollup, name="national_rollup"),
    path(
        "national/evaluation/<slug:programme_slug>/",
        rollups.national_programme,
        name="national_programme",
    ),
    path(
        "national/evaluation/<slug:programme_slug>/export.csv",
        rollups.national_programme_csv,
        name="national_programme_csv",
    ),
]
