"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def what_we_tried(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def what_we_tried_print(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
