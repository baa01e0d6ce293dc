"""Placeholder views, replaced as each part of evaluation lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def my_forms(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def form_pre(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def form_post(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def form_session(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def form_school_leader(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
