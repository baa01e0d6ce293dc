"""What Hubwork tells browsers and security researchers about itself: the reports browsers
send when the Content Security Policy refuses something, and /.well-known/security.txt."""

import datetime as dt
import json
import re
from typing import Any

from django.conf import settings
from django.urls import reverse

# A browser's report is well under this; anything longer is not a report worth reading.
REPORT_MAX_BYTES = 16 * 1024
# The fields worth a line in the log, as each reporting format names them.
REPORT_FIELDS = {
    "document-uri": "page",
    "documentURL": "page",
    "violated-directive": "directive",
    "effective-directive": "directive",
    "effectiveDirective": "directive",
    "blocked-uri": "blocked",
    "blockedURL": "blocked",
    "source-file": "source",
    "sourceFile": "source",
    "line-number": "line",
    "lineNumber": "line",
    "script-sample": "sample",
    "sample": "sample",
}
FIELD_MAX_CHARS = 300
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class UnreadableReport(ValueError):
    """The body is not a violation report in either format browsers send."""


def _plain(value: Any) -> str:
    """One short line, so a report cannot forge or flood log lines."""
    return CONTROL_CHARACTERS.sub(" ", str(value))[:FIELD_MAX_CHARS]


def csp_violations(body: bytes) -> list[dict[str, str]]:
    """The violations in a report body: `report-uri`'s {"csp-report": {...}}, or the
    Reporting API's list of {"type": "csp-violation", "body": {...}}. Raises
    `UnreadableReport` for anything else."""
    if len(body) > REPORT_MAX_BYTES:
        raise UnreadableReport("too long")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableReport("not JSON") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        bodies = [data["csp-report"]]
    elif isinstance(data, list):
        bodies = [
            item["body"]
            for item in data
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    else:
        raise UnreadableReport("not a report")
    if not bodies:
        raise UnreadableReport("no violations")
    violations = []
    for report in bodies[:10]:
        violation: dict[str, str] = {}
        for field, name in REPORT_FIELDS.items():
            if field in report and name not in violation:
                violation[name] = _plain(report[field])
        violations.append(violation)
    return violations


def security_txt(*, now: dt.datetime) -> str:
    """RFC 9116's security.txt: whom to tell about a vulnerability, valid for a year from
    `now` so that it never goes stale."""
    expires = (now + dt.timedelta(days=365)).astimezone(dt.UTC).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.CONTACT_EMAIL}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL}{reverse('core:security_txt')}",
        f"Policy: {settings.SITE_URL}{reverse('core:help')}",
    ]
    return "\n".join(lines) + "\n"
