from django.http import HttpRequest, HttpResponse


def work_group_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    raise NotImplementedError


def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    raise NotImplementedError


def calendar_settings(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
