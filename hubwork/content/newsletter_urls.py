"""Addresses of newsletter subscriptions (included by content/urls.py). The newsletters page
itself, /newsletters/, is a Wagtail page; these sit beside it."""

from django.urls import path

from hubwork.content.views import subscriptions

urlpatterns = [
    path("newsletters/subscribe/", subscriptions.subscribe, name="newsletter_subscribe"),
    path(
        "newsletters/subscribe/check-your-email/",
        subscriptions.check_email,
        name="newsletter_check_email",
    ),
    path("newsletters/confirm/<str:token>/", subscriptions.confirm, name="newsletter_confirm"),
    path(
        "newsletters/preferences/<str:token>/",
        subscriptions.preferences,
        name="newsletter_preferences",
    ),
    path(
        "newsletters/unsubscribe/<str:token>/",
        subscriptions.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("accounts/newsletters/", subscriptions.account, name="newsletter_account"),
]
