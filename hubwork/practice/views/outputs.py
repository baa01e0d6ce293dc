"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def my_outputs(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def output_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def output_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def output_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def output_library(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def output_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
