"""Addresses of newsletter sending (included by content/urls.py). Sending itself is in
Wagtail's editor (/cms/, content/hooks/sending.py); the provider's webhook is public."""

from django.urls import path

from hubwork.content.views import webhooks

urlpatterns = [
    path(
        "newsletters/webhooks/postmark/tracking/",
        # A new view per request reads the secret from settings each time.
        webhooks.ProviderTrackingWebhookView.as_view(),
        name="newsletter_webhook_tracking",
    ),
]
