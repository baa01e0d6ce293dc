from django.http import HttpRequest, HttpResponse


def work_group_list(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def work_group_create(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def work_group_manage(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def work_group_edit(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def work_group_status(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def work_group_copy(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def session_create(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError


def session_rearrange(request: HttpRequest, hub_slug: str, **kwargs: int) -> HttpResponse:
    raise NotImplementedError
