"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def evidence_download(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def output_download(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
