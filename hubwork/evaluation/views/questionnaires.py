"""Placeholder views, replaced as each part of evaluation lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def questionnaire_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def questionnaire_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def questionnaire_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def questionnaire_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def item_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def item_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)


def item_delete(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(status=501)
