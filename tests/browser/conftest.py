"""Browser journeys: Playwright driving Debian's Chromium against a live Hubwork."""

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import skip_unless_available
from hubwork.accounts.tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = (
    Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)

# Without these, Chromium reaches out to the network at start-up; it must stay on this machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        skip_unless_available("browser", f"No Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's event loop runs in this thread; the tests' own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _page(browser, live_server, **options) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server):
    yield from _page(browser, live_server)


@pytest.fixture
def page_without_javascript(browser, live_server):
    """For checking that forms still work where JavaScript does not run (axe-core needs it,
    so pages are checked for accessibility by the journeys with it on)."""
    yield from _page(browser, live_server, java_script_enabled=False)


def assert_accessible(page) -> None:
    """Run axe-core on the page; fail on any serious or critical violation (WCAG 2.2 AA)."""
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: [
                'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice',
            ]},
            resultTypes: ['violations'],
        })"""
    )
    serious = [v for v in results["violations"] if v["impact"] in {"serious", "critical"}]
    report = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in serious
    ]
    assert not serious, f"Accessibility violations on {page.url}:\n{json.dumps(report, indent=2)}"


def tab_to(page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element is called `name` (its text, or its label for a
    form field), as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const element = document.activeElement;
                const label = element.labels && element.labels[0];
                return (label ? label.innerText : element.innerText || element.value || '').trim();
            }"""
        )
        if focused == name:
            return
    raise AssertionError(f"Could not reach {name!r} with the Tab key")


def sign_in(page, email: str) -> None:
    """Sign in (as someone else, if someone already is) with the factories' password; for
    people without two-factor, who land on their dashboard."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")
