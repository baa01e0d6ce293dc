"""The mail provider's tracking webhook: bounces and complaints (django-anymail, Postmark).

Anymail checks the HTTP basic auth against ANYMAIL["WEBHOOK_SECRET"] and answers 400 when it
is wrong; its `tracking` signal reaches content/sending_connections.py. Where no secret is set,
Anymail would accept anyone's posts (with a warning), so this view refuses them all instead.
"""

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from django.http import HttpRequest


class ProviderTrackingWebhookView(PostmarkTrackingWebhookView):
    warn_if_no_basic_auth = False

    def validate_request(self, request: HttpRequest) -> None:
        # Anymail calls every validate_request in the class chain; its own checks the auth.
        if not self.basic_auth:
            raise AnymailWebhookValidationFailure("No webhook secret is set: refused.")
