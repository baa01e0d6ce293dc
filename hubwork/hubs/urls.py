from django.urls import path

from hubwork.hubs import find_views, views

app_name = "hubs"

urlpatterns = [
    path("hubs/", views.hub_list, name="list"),
    path("hubs/find/", find_views.find_your_hub, name="find"),
    path("hubs/<slug:slug>/", views.hub_detail, name="detail"),
    path("hubs/<slug:slug>/manage/", views.manage_home, name="manage"),
    path("hubs/<slug:slug>/manage/team/", views.manage_team, name="team"),
    path(
        "hubs/<slug:slug>/manage/team/<int:pk>/end/",
        views.manage_team_role_end,
        name="team_role_end",
    ),
    path("hubs/<slug:slug>/manage/schools/", views.manage_schools, name="schools"),
]
