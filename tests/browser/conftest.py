"""Browser journeys: Playwright driving Debian's Chromium against a live Hubwork."""

import contextlib
import json
import os
import shutil
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from conftest import skip_unless_available
from hubwork.accounts.tests.factories import PASSWORD, totp_code
from tests.browser import html_validator

# Seconds an authenticator app code is good for (RFC 6238, as allauth uses it).
TOTP_PERIOD = 30
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = (
    Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)
AXE_SOURCE = AXE_JS.read_text() if AXE_JS.exists() else ""

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


@pytest.fixture(scope="session")
def vnu() -> Iterator[html_validator.Validator]:
    """The Nu HTML validator, which every page a journey visits goes through. It needs Java;
    it starts here (before Chromium, so that the two start together) and is waited for at
    the first check."""
    if reason := html_validator.missing():
        skip_unless_available("browser", reason)
    validator = html_validator.Validator()
    yield validator
    validator.stop()


# Every page runs under Hubwork's Content Security Policy, and anything it refuses fails the
# test: Chromium says so on the console, and the page hears a `securitypolicyviolation`
# event, which this script (run before any of the page's own) records.
RECORD_CSP_VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"} `
        + `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
        + (event.sample ? ` (${event.sample})` : "")
    );
});
"""
_csp_violations: "weakref.WeakKeyDictionary[object, list[str]]" = weakref.WeakKeyDictionary()


def take_csp_violations(page) -> list[str]:
    """What the Content Security Policy refused on `page` since last asked (and forget it)."""
    found = _csp_violations.get(page, [])
    _csp_violations[page] = []
    if not page.is_closed():
        # JavaScript may be off, or the page navigating: then the console has told us.
        with contextlib.suppress(PlaywrightError):
            found += page.evaluate(
                "() => (window.__cspViolations || []).splice(0).map((v) => `page: ${v}`)"
            )
    return found


def assert_no_csp_violations(page) -> None:
    violations = take_csp_violations(page)
    assert not violations, (
        f"The Content Security Policy refused something on {page.url}:\n" + "\n".join(violations)
    )


# The pages each journey has seen so far, for the Nu HTML validator when it ends.
_visited: "weakref.WeakKeyDictionary[object, html_validator.VisitedPages]" = (
    weakref.WeakKeyDictionary()
)


def _page(vnu, browser, live_server, **options) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.add_init_script(RECORD_CSP_VIOLATIONS_JS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    visited = _visited[page] = html_validator.VisitedPages()
    violations = _csp_violations[page] = []

    def keep(response) -> None:
        _keep_document(page, visited, response)

    def console(message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            _csp_violations.setdefault(page, violations).append(f"console: {text}")

    page.on("response", keep)
    page.on("console", console)
    yield page
    page.remove_listener("response", keep)
    csp_problems = take_csp_violations(page)
    context.close()
    assert not csp_problems, "The Content Security Policy refused something:\n" + "\n".join(
        csp_problems
    )
    problems = visited.problems(vnu)
    assert not problems, "The Nu HTML validator found problems:\n" + "\n".join(problems)


def _keep_document(page, visited: html_validator.VisitedPages, response) -> None:
    """Keep each HTML page the browser loads, as the server sent it, for the validator."""
    request = response.request
    if request.resource_type != "document" or response.frame != page.main_frame:
        return
    if not response.headers.get("content-type", "").startswith("text/html"):
        return
    if 300 <= response.status < 400:
        return
    if urlsplit(response.url).path.startswith("/cms/"):
        # Wagtail's editor: its markup is Wagtail's, not ours to validate (its Content
        # Security Policy is still checked, as on every page).
        return
    label = f"{request.method} {urlsplit(response.url).path} (as sent)"
    try:
        body = response.text()
    except PlaywrightError as error:
        if "closed" in str(error) or "navigated away" in str(error):
            # The journey ended, or went on to the next page, while this one was still
            # loading: it was never seen, and its body is gone.
            return
        body = f"<!-- could not read the page: {error} -->"  # say so, rather than nothing
    visited.add(label, body)


@pytest.fixture
def page(vnu, browser, live_server):
    yield from _page(vnu, browser, live_server)


@pytest.fixture
def page_without_javascript(vnu, browser, live_server):
    """For checking that forms still work where JavaScript does not run (axe-core needs it,
    so pages are checked for accessibility by the journeys with it on)."""
    yield from _page(vnu, browser, live_server, java_script_enabled=False)


# Moderate in axe's terms, but every part of a page must be reachable by landmark.
ALSO_FAILING_RULES = {"region"}
PHONE_WIDTH = 375
# What sticks out to the right, innermost first: an element, or text in one, reaching past the
# right edge of the screen, that is not inside something scrolling (or clipping) on its own.
TOO_WIDE_JS = """() => {
    const limit = window.innerWidth + 1;
    const contains = (element) => getComputedStyle(element).overflowX !== "visible";
    const inScroller = (element) => {
        // What is positioned absolutely is clipped by its containing block's scrollers only.
        const escapes = ["absolute", "fixed"].includes(getComputedStyle(element).position);
        const start = escapes ? element.offsetParent : element.parentElement;
        for (let up = start; up && up !== document.body; up = up.parentElement) {
            if (contains(up)) return true;
        }
        return false;
    };
    const sticksOut = (element) => {
        const box = element.getBoundingClientRect();
        if (!box.width) return false;
        return box.right > limit || (!contains(element) && box.left + element.scrollWidth > limit);
    };
    const describe = (element) => element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.classList.length ? "." + [...element.classList].join(".") : "");
    const wide = [...document.body.querySelectorAll("*")].filter(
        (element) => sticksOut(element) && !inScroller(element)
    );
    const all = new Set(wide);
    const innermost = wide.filter((element) => ![...element.children].some((c) => all.has(c)));
    return {
        pageWidth: document.documentElement.scrollWidth,
        screenWidth: window.innerWidth,
        wide: innermost.slice(0, 5).map((element) => {
            const table = element.closest("table");
            const where = table && table !== element ? describe(table) + " " : "";
            const text = (element.innerText || "").trim().slice(0, 40);
            return where + describe(element) + (text ? ` (“${text}”)` : "");
        }),
    };
}"""


def assert_fits_a_phone(page) -> None:
    """At 375 px wide the page itself never scrolls sideways: wide tables scroll inside their
    own region, or reflow. (The viewport goes back to what it was afterwards.)"""
    viewport = page.viewport_size or {"width": 1280, "height": 720}
    page.set_viewport_size({"width": PHONE_WIDTH, "height": viewport["height"]})
    try:
        fit = page.evaluate(TOO_WIDE_JS)
    finally:
        page.set_viewport_size(viewport)
    assert fit["pageWidth"] <= fit["screenWidth"], (
        f"At {PHONE_WIDTH} px wide, {page.url} scrolls sideways: it is {fit['pageWidth']} px "
        f"wide. Too wide: {', '.join(fit['wide']) or 'unknown'}"
    )


def assert_accessible(page) -> None:
    """Check the page as it stands: fail on any serious or critical violation axe-core finds
    (WCAG 2.2 AA) and on content outside the page's landmarks (axe's `region` rule), when the
    page scrolls sideways on a 375 px phone screen, on anything the Content Security Policy
    refused, and (when the test ends) on anything the Nu HTML validator finds in it."""
    assert_no_csp_violations(page)
    if page in _visited:
        _visited[page].add(f"{urlsplit(page.url).path} (as shown)", page.content())
    assert_fits_a_phone(page)
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does
    # not govern, and so not a <script> element in the page either.
    page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: [
                'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice',
            ]},
            resultTypes: ['violations'],
        })"""
    )
    assert_no_csp_violations(page)  # nor anything axe did
    serious = [
        v
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"} or v["id"] in ALSO_FAILING_RULES
    ]
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


def fresh_totp_code(secret: str) -> str:
    """The authenticator app's code, from a period with time left to type and send it: a
    code is good for its 30-second period only, and one typed in its last seconds can reach
    the server in the next period and be refused."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.2)
    # A code is good once: a second sign-in within the same period waits for the next code.
    if _periods_used.get(secret) == int(time.time() // TOTP_PERIOD):
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.2)
    _periods_used[secret] = int(time.time() // TOTP_PERIOD)
    return totp_code(secret)


# The period whose code each secret last gave.
_periods_used: dict[str, int] = {}


def sign_in_with_two_factor(page, email: str, secret: str) -> None:
    """Sign in as someone with an authenticator app (staff, Work Group leads), entering the
    code it shows now."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    # In <main>: the footer's newsletter sign-up asks for an email address too.
    page.get_by_role("main").get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")


def sign_in(page, email: str) -> None:
    """Sign in (as someone else, if someone already is) with the factories' password; for
    people without two-factor, who land on their dashboard."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    # In <main>: the footer's newsletter sign-up asks for an email address too.
    page.get_by_role("main").get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")
