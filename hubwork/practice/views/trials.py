"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def my_practice(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def trial_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def trial_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def trial_share(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def trial_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def evidence_upload(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def evidence_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def trial_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
