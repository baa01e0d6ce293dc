"""Caching of public pages: versions of the data behind them, and HTTP cache headers.

Versions. A page or fragment that may be cached carries in its key (and ETag) the versions of
the data it shows (`data_versions`), read in one query. Any change to that data bumps a
version (`data_version_bump`) in the same transaction as the change, so the change and the
new version become visible together: the very next request uses a new key and sees it, a
rolled-back change leaves the version alone, and nothing has to be found and invalidated.

Headers. Anonymous visitors get a short public Cache-Control and an ETag, so a browser or a cache in
front of the site can keep a page for five minutes and then ask cheaply whether it changed
(304). Signed-in people never do: their pages show their own menu and account links.

Django adds `Vary: Cookie` (the session and the CSRF token are read on every page), so a
shared cache never gives one visitor's page to someone signed in.
"""

import hashlib
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date

from hubwork.core.models import DataVersion

PUBLIC_MAX_AGE = 300  # seconds


def data_versions(*names: str) -> tuple[int, ...]:
    """The current value of each named version (0 for one never bumped), in one query."""
    values = dict(DataVersion.objects.filter(name__in=names).values_list("name", "value"))
    return tuple(values.get(name, 0) for name in names)


def data_version_bump(name: str) -> None:
    """Move a version on, inside the caller's transaction (one UPDATE once the row exists).

    Call it from every write that changes what pages keyed by this version show.
    """
    if DataVersion.objects.filter(name=name).update(value=F("value") + 1):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(name=name, value=1)
    except IntegrityError:  # made by a concurrent first bump
        DataVersion.objects.filter(name=name).update(value=F("value") + 1)


def cache_validator(*parts: Any) -> str:
    """A strong ETag from what a page's content depends on (never from its bytes: every
    response carries its own CSP nonce and CSRF token)."""
    return (
        '"' + hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32] + '"'
    )


def cache_headers_apply(
    request: HttpRequest,
    response: HttpResponseBase,
    *,
    etag: str,
    last_modified: datetime | None = None,
) -> HttpResponseBase:
    """Short public caching with a validator for anonymous visitors; none for anyone else."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if getattr(request, "is_preview", False) or request.user.is_authenticated:
        add_never_cache_headers(response)
        return response
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def not_modified(
    request: HttpRequest, *, etag: str, last_modified: datetime | None
) -> HttpResponseBase | None:
    """A 304 for an anonymous visitor whose copy is still current, before any rendering."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return None
    response = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
    )
    if response is not None:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        response["ETag"] = etag
    return response
