"""Rate limits for public endpoints and busy actions, counted in the shared cache: Redis in
production, so a limit holds across every web worker and machine; a database table on the
embedded default, so it holds across the machine's workers (core/cache.py). While Redis is
down each process counts on its own: limits loosen, never refuse everyone.

Sign-in, sign-up and password reset are limited by allauth itself (ACCOUNT_RATE_LIMITS), in
the same cache.
"""

from django.core.cache import cache
from django.http import HttpRequest


def over_limit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `key`; True once it is over `limit` in the window, which opens with
    the key's first use."""
    cache_key = f"rate-limit:{key}"
    # incr() is atomic and keeps the key's expiry (in every cache Hubwork uses), so the
    # window closes a fixed time after it opened; most uses are this one call. The first use
    # opens the window with add(), which only sets a missing key, atomically: of concurrent
    # first uses one adds and the others count on.
    try:
        count = cache.incr(cache_key)
    except ValueError:
        if cache.add(cache_key, 1, timeout=window_seconds):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:  # the window closed in between: this use opens a new one
                cache.set(cache_key, 1, timeout=window_seconds)
                count = 1
    return count > limit


def over_rate_limit(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request against the address it came from (REMOTE_ADDR, the address that
    reached us: headers a client can set are not trusted)."""
    address = request.META.get("REMOTE_ADDR", "")
    return over_limit(f"{scope}:{address}", limit=limit, window_seconds=window_seconds)
