from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ReportingEndpointsMiddleware:
    """Names the endpoint that the Content Security Policy's `report-to csp` sends to
    (browsers that do not know the Reporting API use its `report-uri` instead)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Reporting-Endpoints", f'csp="{settings.CSP_REPORT_PATH}"')
        return response
