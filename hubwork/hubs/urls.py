from django.urls import path

from hubwork.hubs.views import find, public, school_search, team

app_name = "hubs"

# A hub's public page (/hubs/<slug>/) and its staff area's schools and Work Groups tabs show
# Work Groups, so workgroups serves them under the same /hubs/<slug>/ addresses.
urlpatterns = [
    path("schools/search/", school_search.school_search, name="school_search"),
    path("hubs/", public.hub_list, name="list"),
    path("hubs/find/", find.find_your_hub, name="find"),
    path("hubs/<slug:slug>/manage/", team.manage_home, name="manage"),
    path("hubs/<slug:slug>/manage/team/", team.manage_team, name="team"),
    path(
        "hubs/<slug:slug>/manage/team/<int:pk>/end/",
        team.manage_team_role_end,
        name="team_role_end",
    ),
    path(
        "hubs/<slug:slug>/manage/team/<int:pk>/days/",
        team.manage_team_role_days,
        name="team_role_days",
    ),
]
