"""Placeholder views, replaced as each part of evaluation lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def session_feedback(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
