"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def plan_overview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def plan_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def plan_check(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def plan_copy(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
