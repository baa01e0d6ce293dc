"""Cache headers for the public site's pages.

Anonymous visitors get a short public Cache-Control and an ETag, so a browser or a cache in
front of the site can keep a page for five minutes and then ask cheaply whether it changed
(304). Signed-in people never do: their pages show their own menu and account links.

Django adds `Vary: Cookie` (the session and the CSRF token are read on every page), so a
shared cache never gives one visitor's page to someone signed in.
"""

import hashlib
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date

PUBLIC_MAX_AGE = 300  # seconds


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


class CachedForVisitors:
    """A page type whose live pages anonymous visitors may cache for a few minutes.

    `cache_parts` says what the page's content depends on; a listing adds its newest article.
    """

    def cache_parts(self, request: HttpRequest) -> tuple[Any, ...]:
        page: Any = self
        return (page.pk, page.latest_revision_id, page.last_published_at, request.GET.urlencode())

    def cache_last_modified(self) -> datetime | None:
        return getattr(self, "last_published_at", None)

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        etag = cache_validator(*self.cache_parts(request))
        last_modified = self.cache_last_modified()
        unchanged = not_modified(request, etag=etag, last_modified=last_modified)
        if unchanged is not None:
            return unchanged
        response = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        return cache_headers_apply(request, response, etag=etag, last_modified=last_modified)
