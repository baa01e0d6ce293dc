"""Placeholder views, replaced as each part of evaluation lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def hub_rollup(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def hub_rollup_csv(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def national_rollup(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def national_programme(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def national_programme_csv(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
