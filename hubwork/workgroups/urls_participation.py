"""Signing up to a Work Group, a participant's own Work Groups, offers and withdrawing."""

from django.urls import URLPattern, URLResolver, path

from hubwork.workgroups.views import participation

urlpatterns: list[URLPattern | URLResolver] = [
    path("work-groups/<slug:slug>/sign-up/", participation.sign_up, name="sign_up"),
    path(
        "work-groups/<slug:slug>/sign-up/done/",
        participation.sign_up_done,
        name="sign_up_done",
    ),
    path("my/work-groups/", participation.my_work_groups, name="my_work_groups"),
    path(
        "my/work-groups/<int:pk>/withdraw/",
        participation.withdraw,
        name="my_work_group_withdraw",
    ),
    path(
        "my/work-groups/<int:pk>/accept/",
        participation.accept_offer,
        name="my_work_group_accept",
    ),
    path(
        "my/work-groups/<int:pk>/decline/",
        participation.decline_offer,
        name="my_work_group_decline",
    ),
]
