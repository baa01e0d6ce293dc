"""Rate limits for public endpoints and forms, counted in the shared cache (Redis in production).

Sign-in, sign-up and password reset are limited by allauth itself (ACCOUNT_RATE_LIMITS).
"""

from django.core.cache import cache
from django.http import HttpRequest


def over_rate_limit(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request against its address; True once it is over `limit` in the window.

    The window opens with the address's first request. The cache is shared by every web
    worker, so the limit holds across machines. REMOTE_ADDR is the address that reached us;
    headers a client can set are not trusted.
    """
    key = f"rate-limit:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    # add() only sets a missing key, atomically, so concurrent first requests all count;
    # incr() keeps the key's expiry, so the window closes a fixed time after it opened.
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
