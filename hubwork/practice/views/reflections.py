"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def reflection_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def reflection_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def reflection_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
