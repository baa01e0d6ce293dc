"""Addresses of the LLME pathway and records. Each subject keeps its own block."""

from django.urls import URLPattern, path

app_name = "leaders"

urlpatterns: list[URLPattern] = []

# Applications: applying, the school leader's confirmation, hubs' pipelines ---------------
from hubwork.leaders.views import applications as application_views  # noqa: E402

HUB_APPLICATION = "hubs/<slug:hub_slug>/manage/llme-applications/<int:pk>/"
urlpatterns += [
    # Before the public site's catch-all: its /become-an-llme/ page links here.
    path("become-an-llme/apply/", application_views.apply, name="apply"),
    path("llme-applications/", application_views.my_applications, name="my_applications"),
    path(
        "llme-applications/<int:pk>/ask-school-leader-again/",
        application_views.application_ask_again,
        name="application_ask_again",
    ),
    path(
        "llme-applications/hubs/<int:pk>/withdraw/",
        application_views.hub_application_withdraw,
        name="hub_application_withdraw",
    ),
    path(
        "llme-applications/hubs/<int:pk>/accept/",
        application_views.hub_application_accept,
        name="hub_application_accept",
    ),
    path(
        "llme-applications/confirm/<str:token>/",
        application_views.school_leader_confirm,
        name="school_leader_confirm",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/llme-applications/",
        application_views.hub_applications,
        name="hub_applications",
    ),
    path(HUB_APPLICATION, application_views.hub_application_detail, name="hub_application"),
    path(
        HUB_APPLICATION + "step/",
        application_views.hub_application_step,
        name="hub_application_step",
    ),
    path(
        HUB_APPLICATION + "interview/",
        application_views.hub_application_interview,
        name="hub_application_interview",
    ),
    path(
        HUB_APPLICATION + "notes/",
        application_views.hub_application_note,
        name="hub_application_note",
    ),
]

# The PD Lead pathway and LLME records ----------------------------------------------------
from hubwork.leaders.views import pathway as pathway_views  # noqa: E402
from hubwork.leaders.views import records as records_views  # noqa: E402

LLME_RECORD = "llmes/<int:pk>/"
urlpatterns += [
    path(
        "hubs/<slug:slug>/manage/pd-lead-cohort/",
        pathway_views.pd_lead_cohort,
        name="pd_lead_cohort",
    ),
    path(LLME_RECORD, records_views.llme_record, name="llme_record"),
    path(
        LLME_RECORD + "hubs/<int:role_pk>/",
        records_views.llme_role_edit,
        name="llme_role_edit",
    ),
    path(
        LLME_RECORD + "accreditations/add/",
        records_views.accreditation_add,
        name="accreditation_add",
    ),
    path(
        LLME_RECORD + "accreditations/<int:accreditation_pk>/",
        records_views.accreditation_edit,
        name="accreditation_edit",
    ),
    path(
        LLME_RECORD + "accreditations/<int:accreditation_pk>/remove/",
        records_views.accreditation_remove,
        name="accreditation_remove",
    ),
]

# Development: log, co-leads' notes, pairings, quality visits, the national directory -------
from hubwork.leaders.views import development as development_views  # noqa: E402
from hubwork.leaders.views import directory as directory_views  # noqa: E402

HUB_DEVELOPMENT = "hubs/<slug:hub_slug>/manage/llme-development/"
urlpatterns += [
    path("llme/development/", development_views.development, name="development"),
    path(
        "llme/development/add/",
        development_views.development_entry_create,
        name="development_entry_create",
    ),
    path(
        "llme/development/<int:pk>/edit/",
        development_views.development_entry_edit,
        name="development_entry_edit",
    ),
    path(
        "llme/development/<int:pk>/delete/",
        development_views.development_entry_delete,
        name="development_entry_delete",
    ),
    path("llme/profile/", directory_views.profile, name="profile"),
    path("llmes/directory/", directory_views.directory, name="directory"),
    path("quality-visits/<int:pk>/", development_views.quality_visit, name="quality_visit"),
    path(
        "hubs/<slug:hub_slug>/manage/work-groups/<int:pk>/lead-notes/",
        development_views.lead_notes,
        name="lead_notes",
    ),
    path(HUB_DEVELOPMENT, development_views.hub_development, name="hub_development"),
    path(
        HUB_DEVELOPMENT + "pairings/add/",
        development_views.pairing_create,
        name="pairing_create",
    ),
    path(
        HUB_DEVELOPMENT + "pairings/<int:pk>/end/",
        development_views.pairing_end,
        name="pairing_end",
    ),
    path(
        HUB_DEVELOPMENT + "quality-visits/add/",
        development_views.quality_visit_create,
        name="quality_visit_create",
    ),
]
