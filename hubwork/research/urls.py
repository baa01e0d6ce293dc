from django.urls import path

from hubwork.research import finding_urls, session_reading_urls
from hubwork.research.views import cycles as project_cycles
from hubwork.research.views import data as data_views
from hubwork.research.views import exports, imports, library, projects, readings
from hubwork.research.views import reviews as review_views
from hubwork.research.views import writeups as writeup_views

app_name = "research"

urlpatterns = [
    path("library/readings/", library.library, name="library"),
    path("library/readings/export.<str:file_format>", exports.library_export, name="export"),
    path("library/readings/add/", readings.reading_create, name="reading_create"),
    path("library/readings/import/", imports.readings_import_page, name="import"),
    path("library/readings/<int:pk>/", readings.reading_detail, name="reading"),
    path("library/readings/<int:pk>/edit/", readings.reading_edit, name="reading_edit"),
    path("library/readings/<int:pk>/delete/", readings.reading_delete, name="reading_delete"),
    # RIWG research projects (views/projects.py) and their enquiry cycles (views/cycles.py).
    path("research-projects/", projects.my_projects, name="projects"),
    path("research-projects/<int:pk>/", projects.project_detail, name="project"),
    path("research-projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("research-projects/<int:pk>/status/", projects.project_status, name="project_status"),
    path(
        "research-projects/<int:pk>/readings/add/",
        projects.project_reading_add,
        name="project_reading_add",
    ),
    path(
        "research-projects/<int:pk>/readings/remove/",
        projects.project_reading_remove,
        name="project_reading_remove",
    ),
    path(
        "research-projects/<int:pk>/schools/consent/",
        projects.project_school_consent,
        name="project_school_consent",
    ),
    path(
        "research-projects/<int:pk>/cycles/new/",
        project_cycles.cycle_create,
        name="cycle_create",
    ),
    path(
        "research-projects/<int:pk>/cycles/<int:cycle_pk>/edit/",
        project_cycles.cycle_edit,
        name="cycle_edit",
    ),
    path(
        "research-projects/<int:pk>/cycles/<int:cycle_pk>/delete/",
        project_cycles.cycle_delete,
        name="cycle_delete",
    ),
    path(
        "work-groups/<slug:slug>/research-project/",
        projects.work_group_project,
        name="work_group_project",
    ),
    path(
        "hubs/<slug:hub_slug>/manage/research-projects/",
        projects.hub_projects,
        name="hub_projects",
    ),
    path("national/research-projects/", projects.national_projects, name="national_projects"),
    # A project's write-up (its co-leads edit it together), submitting it, and its reviews.
    path("research-projects/<int:pk>/write-up/", writeup_views.writeup, name="writeup"),
    path(
        "research-projects/<int:pk>/write-up/versions/",
        writeup_views.writeup_history,
        name="writeup_history",
    ),
    path(
        "research-projects/<int:pk>/write-up/versions/<int:number>/",
        writeup_views.writeup_version,
        name="writeup_version",
    ),
    path(
        "research-projects/<int:pk>/submit/",
        writeup_views.project_submit_view,
        name="project_submit",
    ),
    path("research-projects/<int:pk>/review/", review_views.project_review, name="project_review"),
    path(
        "hubs/<slug:hub_slug>/manage/research-reviews/",
        review_views.hub_reviews,
        name="hub_reviews",
    ),
    path("national/research-reviews/", review_views.national_reviews, name="national_reviews"),
    # A project's tables of aggregate data (views/data.py).
    path("research-projects/<int:pk>/data/", data_views.data_tables, name="data_tables"),
    path("research-projects/<int:pk>/data/upload/", data_views.data_upload, name="data_upload"),
    path(
        "research-projects/<int:pk>/data/add/",
        data_views.data_table_create,
        name="data_table_create",
    ),
    path(
        "research-projects/<int:pk>/data/<int:table_pk>/",
        data_views.data_table,
        name="data_table",
    ),
    path(
        "research-projects/<int:pk>/data/<int:table_pk>/edit/",
        data_views.data_table_edit,
        name="data_table_edit",
    ),
    path(
        "research-projects/<int:pk>/data/<int:table_pk>/delete/",
        data_views.data_table_delete,
        name="data_table_delete",
    ),
    path(
        "research-projects/<int:pk>/data/<int:table_pk>/table.csv",
        data_views.data_table_csv,
        name="data_table_csv",
    ),
]

# Readings set for Work Group sessions (session_reading_urls.py).
urlpatterns += session_reading_urls.urlpatterns
# Published findings, for everyone (finding_urls.py).
urlpatterns += finding_urls.urlpatterns
