from django.http import HttpRequest, HttpResponse


def catalogue(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def work_group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise NotImplementedError
