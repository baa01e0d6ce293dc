"""Production settings: refuse to start half-configured; pass Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    unwanted = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": "hubwork.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-only-" + "9" * 10,
    "ALLOWED_HOSTS": "hubwork.example.org",
}


def test_production_passes_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_collects_static_files_with_hashed_names(tmp_path):
    # The manifest storage fails on any asset a stylesheet or script points at but lacks.
    result = run_manage("collectstatic", "--no-input", **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"dist/hubwork.css": "dist/hubwork.' in manifest
    assert list(tmp_path.glob("dist/hubwork.*.css.br")) or list(
        tmp_path.glob("dist/hubwork.*.css.gz")
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", **{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


SQLITE_SETTINGS = """
import json
from django.conf import settings
from django.db import connection

with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy_timeout = cursor.fetchone()[0]
print(json.dumps({
    "options": settings.DATABASES["default"]["OPTIONS"],
    "journal_mode": journal_mode,
    "busy_timeout": busy_timeout,
}))
"""


def sqlite_settings(**env: str) -> dict[str, object]:
    result = run_manage("shell", "-c", SQLITE_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_named_by_database_url_gets_the_same_safety_settings(tmp_path):
    # DATABASE_URL=sqlite:///… must not lose WAL, IMMEDIATE transactions or the busy
    # timeout, or a rush of sign-ups answers "database is locked".
    by_default = sqlite_settings(DATA_DIR=str(tmp_path / "default"), DATABASE_URL="")
    by_url = sqlite_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'named.sqlite3'}")

    for configured in (by_default, by_url):
        options = configured["options"]
        assert isinstance(options, dict)
        assert options["transaction_mode"] == "IMMEDIATE"
        assert configured["journal_mode"] == "wal"
        assert configured["busy_timeout"] == 20_000


PRODUCTION_HEADERS = """
import json
from django.test import Client

# A response that needs no database or collected static files, with the same headers.
response = Client().get(
    "/.well-known/security.txt", secure=True, HTTP_HOST="hubwork.example.org"
)
print(json.dumps({"status": response.status_code, **{k: v for k, v in response.items()}}))
"""


def test_production_pages_carry_the_security_headers():
    result = run_manage("shell", "-c", PRODUCTION_HEADERS, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["status"] == 200
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp  # and the nonce, on pages with inline scripts
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "publickey-credentials-get=(self)" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_queries():
    # Compiling the grouped report queries cost more than it saved (bench/national.py).
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
