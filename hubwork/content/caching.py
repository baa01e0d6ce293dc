"""Cache headers for the public site's Wagtail pages (the helpers are in core.caching)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from hubwork.core.caching import cache_headers_apply, cache_validator, not_modified


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
