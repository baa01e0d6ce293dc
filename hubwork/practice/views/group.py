"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def group_space(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def discussion(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def post_remove(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def contact_sharing(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
