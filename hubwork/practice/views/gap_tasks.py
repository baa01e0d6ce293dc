"""Not built yet."""

from django.http import Http404, HttpRequest, HttpResponse


def gap_task_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def gap_task_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def gap_task_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
