"""What every page tells the browser: a strict Content Security Policy with a fresh nonce for
the inline scripts, the features Hubwork never uses turned off, and where to send reports."""

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import include, path
from django.utils import timezone


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def nonce_of(response) -> str:
    match = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert match, response["Content-Security-Policy"]
    return match[1]


@pytest.mark.django_db
def test_pages_get_a_strict_content_security_policy(client):
    response = client.get("/help/")
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert len(csp["script-src"]) == 2
    assert csp["script-src"][1].startswith("'nonce-")
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["report-uri"] == ["/csp-report/"]
    assert csp["report-to"] == ["csp"]
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]


@pytest.mark.django_db
def test_every_inline_script_carries_this_responses_nonce(client, participant):
    client.force_login(participant)
    for url in ("/help/", "/dashboard/", "/accounts/details/"):
        response = client.get(url)
        assert response.status_code == 200, url
        nonce = nonce_of(response)
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            if "src=" in tag or 'type="application/json"' in tag:
                continue  # a file from Hubwork itself, or data that never runs
            assert f'nonce="{nonce}"' in tag, (url, tag)
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert re.search(r"\son[a-z]+=", html) is None, url
    # A new nonce for every response, or it would protect nothing.
    first = client.get("/help/")["Content-Security-Policy"]
    assert first != client.get("/help/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_other_security_headers(client):
    response = client.get("/help/")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    policy = dict(
        item.split("=", 1) for item in response["Permissions-Policy"].replace(" ", "").split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()"
    assert policy["publickey-credentials-get"] == "(self)"
    assert policy["publickey-credentials-create"] == "(self)"


@pytest.mark.django_db
def test_security_txt(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == f"mailto:{settings.CONTACT_EMAIL}"
    assert fields["Preferred-Languages"] == "en"
    assert fields["Canonical"] == f"{settings.SITE_URL}/.well-known/security.txt"
    assert fields["Policy"] == f"{settings.SITE_URL}/help/"
    expires = dt.datetime.fromisoformat(fields["Expires"])
    assert fields["Expires"].endswith("Z")
    # A year ahead of now, computed when asked, so the file never expires.
    assert abs(expires - (timezone.now() + dt.timedelta(days=365))) < dt.timedelta(minutes=1)


REPORT_URI_BODY = (
    b'{"csp-report": {"document-uri": "http://testserver/help/", '
    b'"violated-directive": "script-src-elem", "blocked-uri": "inline", '
    b'"source-file": "http://testserver/help/", "line-number": 12}}'
)
REPORT_TO_BODY = (
    b'[{"type": "csp-violation", "url": "http://testserver/help/", "body": '
    b'{"documentURL": "http://testserver/help/", "effectiveDirective": "style-src-attr", '
    b'"blockedURL": "inline", "lineNumber": 3}}]'
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "directive"),
    [
        (REPORT_URI_BODY, "application/csp-report", "script-src-elem"),
        (REPORT_TO_BODY, "application/reports+json", "style-src-attr"),
    ],
)
def test_violation_reports_are_logged(client, caplog, body, content_type, directive):
    with caplog.at_level(logging.WARNING, logger="hubwork.core.views"):
        response = client.post("/csp-report/", body, content_type=content_type)
    assert response.status_code == 204
    (record,) = [r for r in caplog.records if "Content Security Policy" in r.getMessage()]
    assert f"directive='{directive}'" in record.getMessage()
    assert "page='http://testserver/help/'" in record.getMessage()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"csp-report": "x"}',
        b"[1, 2, 3]",
        b'{"a": 1}',
        b'"' + b"x" * 100_000 + b'"',
    ],
)
def test_garbage_reports_are_refused_without_an_error(client, body):
    response = client.post("/csp-report/", body, content_type="application/csp-report")
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_report_cannot_forge_log_lines(client, caplog):
    body = REPORT_URI_BODY.replace(b'"inline"', b'"inline\\nFAKE ERROR line"')
    with caplog.at_level(logging.WARNING, logger="hubwork.core.views"):
        client.post("/csp-report/", body, content_type="application/csp-report")
    assert "\n" not in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_violation_reports_are_rate_limited(client):
    statuses = [
        client.post("/csp-report/", REPORT_URI_BODY, content_type="application/csp-report")
        for _ in range(61)
    ]
    assert {response.status_code for response in statuses[:60]} == {204}
    assert statuses[60].status_code == 429
    assert client.get("/csp-report/").status_code == 405


def broken_view(request):
    raise RuntimeError("broken on purpose")


# This module is also the URLconf of the test below: Hubwork's, and one page that fails.
urlpatterns = [path("broken/", broken_view), path("", include("hubwork.urls"))]
handler500 = "hubwork.core.views.server_error"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_error_page_s_scripts_carry_the_nonce_too():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with Hubwork" in response.content.decode()
    nonce = nonce_of(response)
    tags = re.findall(r"<script\b[^>]*>", response.content.decode())
    inline = [tag for tag in tags if "src=" not in tag]
    assert inline
    assert all(f'nonce="{nonce}"' in tag for tag in inline), inline


HUBWORK = Path(__file__).resolve().parents[2]
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(
    r"<[^>]*\s(on[a-z]+|hx-on[:-][^=\s]*|data-hx-on[^=\s]*)=", re.IGNORECASE
)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def test_no_template_has_what_the_policy_would_refuse():
    """Inline styles, event handlers (htmx's hx-on too) and scripts without the nonce would
    be refused in the browser: caught here, with the file, before any browser test runs.
    HTML emails (templates/<app>/email/) are read in mail clients, not under the site's policy,
    and mail clients need their styles inline: they may have them, but never scripts."""
    problems = []
    for template in sorted(HUBWORK.rglob("templates/**/*.html")):
        source = template.read_text()
        where = template.relative_to(HUBWORK)
        if INLINE_STYLE.search(source) and "email" not in where.parts:
            problems.append(f"{where}: inline style")
        if match := INLINE_HANDLER.search(source):
            problems.append(f"{where}: inline handler {match[1]}")
        for tag in SCRIPT_TAG.findall(source):
            if "src=" in tag or 'type="application/json"' in tag:
                continue
            if 'nonce="{{ request.csp_nonce }}"' not in tag:
                problems.append(f"{where}: inline script without the nonce: {tag}")
    assert not problems, "\n".join(problems)
