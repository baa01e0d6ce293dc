"""Placeholder views, replaced as each part of evaluation lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def report(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def report_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def report_submit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def report_decide(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def report_print(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
