"""Hostile values in every GET parameter and form field of every page answer anything but 500.

For each URL pattern of `access.TABLE`, the page is opened (with hub A's objects) as a persona
who may open it, and its <form>s are read for their fields. Then:

- a fixed pass sends each of `CLASSIC` (a superscript digit, a number too big for any
  column, a negative one, a NUL byte, a very long string, a date that does not exist) in
  every field and query parameter at once;
- hypothesis then draws values for each field on its own (any text, control characters
  included, integers of any size, several values for one name), a few examples per page,
  derandomised so that every run tries the same values (`HOSTILE_EXAMPLES` sets how many).

Query parameters are the page's GET form fields and `KNOWN_PARAMETERS`, which pages read
from the address. Each form is sent to its own action, once per module (the sign-out form in
every page's header is sent once, not on every page); patterns that only take a POST are also
sent `POST_FIELDS`. Every request is rolled back. A view that raises, or any 500, fails the
test with the address and the values sent. allauth's forms are left to allauth.
"""

import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.authorisation.access import (
    ANY_HUB_STAFF,
    HUB_LEAD,
    HUB_STAFF,
    LEAD,
    LLMES,
    MEMBER,
    NATIONAL,
    NOBODY,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    TABLE,
    THE_LEAD,
    UNCHECKED,
    Case,
    case_url,
)
from tests.authorisation.world import (
    ANONYMOUS,
    LLME,
    NATIONAL_ADMIN,
    PARTICIPANT,
    PARTICIPANT_OUT,
    World,
    ask,
)
from tests.authorisation.world import (
    HUB_LEAD as HUB_LEAD_PERSONA,
)

pytestmark = pytest.mark.django_db

# Examples per page. A few keep the suite quick; HOSTILE_EXAMPLES=50 looks harder.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "4"))

# Who opens a page of each level: public pages both signed out and as someone signed in who
# is in no group of hub A, so that both versions of a form are tried.
PERSONAS_FOR = {
    PUBLIC: (ANONYMOUS, PARTICIPANT_OUT),
    SIGNED_IN: (PARTICIPANT,),
    MEMBER: (PARTICIPANT,),
    OWNER: (PARTICIPANT,),
    LEAD: (LLME,),
    HUB_STAFF: (HUB_LEAD_PERSONA,),
    HUB_LEAD: (HUB_LEAD_PERSONA,),
    NATIONAL: (NATIONAL_ADMIN,),
    NOBODY: (),
    LLMES: (LLME,),
    ANY_HUB_STAFF: (HUB_LEAD_PERSONA,),
    THE_LEAD: (LLME,),
}

# Query parameters pages read from the address (pagination, searches, prefilled forms).
KNOWN_PARAMETERS = (
    "page",
    "q",
    "urn",
    "gap_task",
    "work_group",
    "status",
    "kind",
    "phase",
    "local_authority",
    "next",
)
# Fields of the forms that post to a POST-only address from elsewhere (or from script).
POST_FIELDS = (
    "status",
    "share",
    "body",
    "reason",
    "version",
    "source",
    "page",
    "completed",
    "action",
    "form-TOTAL_FORMS",
    "form-INITIAL_FORMS",
    "form-0-title",
    "form-0-minutes",
)

CLASSIC = (
    "²",  # isdigit() says yes, int() says no
    "99999999999999999999999",  # bigger than any integer column
    "-1",
    "\x00",
    "x" * 10_000,
    "2026-02-30",
)

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from(
        [
            *CLASSIC,
            "-99999999999999999999999",
            "１２３",
            "٣",
            "1e309",
            "NaN",
            "0x10",
            " ",
            "",
            "%C2%B2",
            "\r\nBcc: someone@example.org",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "../../etc/passwd",
            "9999-12-31",
            "00:00:00",
            "on",
        ]
    ),
)
HOSTILE_VALUE = st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, min_size=2, max_size=3))


class _Forms(HTMLParser):
    """The forms of a page: method, action and the names of their fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, list[str]]] = []
        self._current: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._current = (
                (attributes.get("method") or "get").lower(),
                attributes.get("action") or "",
                [],
            )
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea", "button") and self._current is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken" and name not in self._current[2]:
                self._current[2].append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def forms_of(html: str) -> list[tuple[str, str, list[str]]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _posted_by_allauth(path: str) -> bool:
    """Whether a form posts to a pattern whose POST the table leaves to allauth, or to no
    pattern of Hubwork's at all."""
    try:
        match = resolve(path)
    except Resolver404:
        return True
    entry = TABLE.get(match.view_name)
    return entry is None or all(case.post is UNCHECKED for case in entry.cases)


# (persona, action, fields) already sent this module: the header's forms are on every page.
_SENT: set[tuple[str, str, tuple[str, ...]]] = set()


def targets(world: World, name: str, case: Case) -> list[tuple[str, str, str, list[str]]]:
    """(persona, method, url, field names) to send hostile values to, for one case."""
    url = case_url(name, case, world.a)
    path = urlsplit(url).path
    found: list[tuple[str, str, str, list[str]]] = []
    if case.get is not None and case.get is not UNCHECKED:
        for persona in PERSONAS_FOR[case.get.level]:
            answer = ask(world, persona, "GET", url)
            query_fields = list(KNOWN_PARAMETERS)
            html = answer.body if answer.status == 200 else ""
            for method, action, fields in forms_of(html):
                target = urlsplit(action).path or path
                if method == "get":
                    query_fields += [field for field in fields if field not in query_fields]
                    continue
                key = (persona, target, tuple(fields))
                if key in _SENT or _posted_by_allauth(target):
                    continue
                _SENT.add(key)
                found.append((persona, "POST", target, fields))
            found.append((persona, "GET", url, query_fields))
    if case.get is None and case.post not in (None, UNCHECKED):
        for persona in PERSONAS_FOR[case.post.level]:  # type: ignore[union-attr]
            found.append((persona, "POST", url, list(POST_FIELDS)))
    return found


def send(world: World, persona: str, method: str, url: str, data: dict[str, object]) -> str:
    """'' if all is well, or what went wrong."""
    try:
        answer = ask(world, persona, method, url, data)
    except Exception as error:  # the view raised: a 500 for a real visitor
        return f"{persona} {method} {url} {data!r:.300}: raised {type(error).__name__}: {error}"
    if answer.status >= 500 and answer.status != 503:  # /healthz says 503 when Redis is down
        return f"{persona} {method} {url} {data!r:.300}: answered {answer.status}"
    return ""


@pytest.mark.parametrize("name", sorted(TABLE))
def test_no_hostile_value_gives_a_500(world, name):
    to_send = [target for case in TABLE[name].cases for target in targets(world, name, case)]
    found: list[str] = []
    for value in CLASSIC:
        for persona, method, url, fields in to_send:
            if problem := send(world, persona, method, url, dict.fromkeys(fields, value)):
                found.append(problem)
    assert not found, "\n".join(found)
    if not to_send:
        return

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: every request costs
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def hostile(data):
        for persona, method, url, fields in to_send:
            values = data.draw(st.fixed_dictionaries(dict.fromkeys(fields, HOSTILE_VALUE)))
            problem = send(world, persona, method, url, values)
            assert not problem, problem

    hostile()
