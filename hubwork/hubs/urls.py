from django.urls import path

from hubwork.hubs import find_views, views

urlpatterns = [
    path("hubs/", views.hub_list, name="hub_list"),
    path("hubs/find/", find_views.find_your_hub, name="find_your_hub"),
    path("hubs/<slug:slug>/", views.hub_detail, name="hub_detail"),
    path("hubs/<slug:slug>/manage/", views.manage_home, name="hub_manage"),
    path("hubs/<slug:slug>/manage/team/", views.manage_team, name="hub_manage_team"),
    path(
        "hubs/<slug:slug>/manage/team/<int:pk>/end/",
        views.manage_team_role_end,
        name="hub_manage_team_role_end",
    ),
    path("hubs/<slug:slug>/manage/schools/", views.manage_schools, name="hub_manage_schools"),
]
