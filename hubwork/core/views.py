import logging

import redis
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and Redis, when configured) answer; 503 otherwise."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure to reach the database means unhealthy
        logger.exception("Health check: database unreachable")
        checks["database"] = "unreachable"
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
            )
            client.ping()
            checks["redis"] = "ok"
        except redis.RedisError:
            logger.exception("Health check: Redis unreachable")
            checks["redis"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", **checks}, status=200 if healthy else 503
    )


# The service's own pages: help and contact, accessibility, privacy and cookies. Plain
# content; what they say about cookies comes from the settings that set them.


@require_GET
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/pages/help.html", {"contact_email": settings.CONTACT_EMAIL})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/pages/accessibility.html",
        {"contact_email": settings.CONTACT_EMAIL, "site_url": settings.SITE_URL},
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/pages/privacy.html", {"contact_email": settings.CONTACT_EMAIL})


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/pages/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
            # Messages ("Your details are saved") go in a cookie while they wait to be shown.
            "messages_cookie": CookieStorage.cookie_name,
        },
    )
