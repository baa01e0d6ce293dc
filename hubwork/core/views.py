import logging

import redis
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from hubwork.core.ratelimit import over_rate_limit
from hubwork.core.security import REPORT_MAX_BYTES, UnreadableReport, csp_violations, security_txt

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
    return render(
        request,
        "core/pages/privacy.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "evidence_retention_years": settings.PRACTICE_EVIDENCE_RETENTION_YEARS,
            "account_retention_years": settings.ACCOUNT_RETENTION_YEARS,
            "leader_contact_retention_years": settings.SCHOOL_LEADER_CONTACT_RETENTION_YEARS,
        },
    )


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


@require_GET
def security_txt_file(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): how to report a vulnerability."""
    return HttpResponse(security_txt(now=timezone.now()), content_type="text/plain; charset=utf-8")


# A browser reports each refused script or style; a page with a problem sends a few at once.
CSP_REPORTS_PER_MINUTE = 60


@csrf_exempt  # browsers send reports without a token, and the endpoint changes nothing
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log what the Content Security Policy refused, so a page that breaks is noticed."""
    if over_rate_limit(
        request, scope="csp-report", limit=CSP_REPORTS_PER_MINUTE, window_seconds=60
    ):
        return HttpResponse(status=429)
    body = request.read(REPORT_MAX_BYTES + 1)
    try:
        violations = csp_violations(body)
    except UnreadableReport:
        return HttpResponse(status=400)
    for violation in violations:
        logger.warning(
            "Content Security Policy violation: %s",
            " ".join(f"{name}={value!r}" for name, value in violation.items()),
        )
    return HttpResponse(status=204)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered with the request so that its inline scripts carry this
    response's nonce (Django's own handler renders without it, and the Content Security
    Policy would refuse them); if even that fails, Django's plain page."""
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", {"request": request}))
    except Exception:  # the page that says something went wrong must itself never fail
        logger.exception("Could not render the 500 page")
        return defaults.server_error(request)
