"""Addresses of registered interest (included by content/urls.py)."""

from django.urls import path

from hubwork.content.views import interest

urlpatterns = [
    path("register-interest/", interest.interest_register_view, name="interest_register"),
    path("register-interest/check-your-email/", interest.interest_sent, name="interest_sent"),
    path(
        "register-interest/confirm/<str:token>/",
        interest.interest_confirm_view,
        name="interest_confirm",
    ),
    path("register-interest/stop/<str:token>/", interest.interest_stop_view, name="interest_stop"),
    path("accounts/work-group-interest/", interest.interest_mine, name="interest_mine"),
    path(
        "accounts/work-group-interest/withdraw/",
        interest.interest_withdraw_view,
        name="interest_withdraw",
    ),
]
