"""A browser's User-Agent header in words a person recognises: "Chrome on Windows"."""

import re

from django import template

register = template.Library()

# Checked in order: Edge and Opera say "Chrome" too, and Chrome says "Safari".
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)
HEADLESS = re.compile(r"Headless", re.IGNORECASE)


@register.filter
def browser_summary(user_agent: str) -> str:
    """ "Chrome on Windows"; "An unknown browser" when it says nothing we know."""
    browser = next((name for marker, name in BROWSERS if marker in user_agent), "")
    if browser and HEADLESS.search(user_agent):
        browser = f"{browser} (headless)"
    system = next((name for marker, name in SYSTEMS if marker in user_agent), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "An unknown browser")
