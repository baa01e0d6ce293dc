"""`make run` and `make dev` point links in emails and calendar feeds where they serve Hubwork."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parents[3] / "Makefile"


def site_url_under_make(tmp_path: Path, *arguments: str, **environment: str) -> str:
    """SITE_URL as the Makefile's recipes (gunicorn, runserver) get it in their environment.

    Run from an empty folder, so a developer's own .env is not read.
    """
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    result = subprocess.run(  # noqa: S603 - make with fixed arguments
        [
            make,
            "--no-print-directory",
            "-s",
            "-f",
            str(MAKEFILE),
            "--eval",
            'print-site-url: ; @echo "$$SITE_URL"',
            "print-site-url",
            *arguments,
        ],
        cwd=tmp_path,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_links_follow_the_port(tmp_path):
    assert site_url_under_make(tmp_path) == "http://127.0.0.1:8000"
    assert site_url_under_make(tmp_path, "PORT=8101") == "http://127.0.0.1:8101"
    assert site_url_under_make(tmp_path, "HOST=localhost", "PORT=8102") == "http://localhost:8102"
    # Listening everywhere, it is still reached on this machine at 127.0.0.1.
    assert site_url_under_make(tmp_path, "HOST=0.0.0.0", "PORT=8103") == "http://127.0.0.1:8103"


def test_a_site_url_that_is_set_wins(tmp_path):
    assert (
        site_url_under_make(tmp_path, "PORT=8101", SITE_URL="https://hubwork.example.org")
        == "https://hubwork.example.org"
    )
    (tmp_path / ".env").write_text("SITE_URL=https://from-dotenv.example.org\n")
    assert site_url_under_make(tmp_path, "PORT=8101") == "https://from-dotenv.example.org"


def test_an_empty_site_url_in_dot_env_still_follows_the_port(tmp_path):
    # .env.example leaves SITE_URL empty.
    (tmp_path / ".env").write_text("SITE_URL=\nPORT=8104\n")
    assert site_url_under_make(tmp_path) == "http://127.0.0.1:8104"


def test_settings_read_an_empty_site_url_as_unset():
    from hubwork.core.tests.test_settings import run_manage

    def site_url(value: str) -> str:
        code = "from django.conf import settings; print(settings.SITE_URL)"
        return run_manage("shell", "-c", code, SITE_URL=value).stdout.strip().splitlines()[-1]

    assert site_url("") == "http://127.0.0.1:8000"
    assert site_url("http://127.0.0.1:8101/") == "http://127.0.0.1:8101"
