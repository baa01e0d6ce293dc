"""Every URL pattern, requested as every persona, with real objects from two hubs.

The patterns come from the URL resolver itself, so a new page cannot go untested: a pattern
with no entry in `access.TABLE` fails `test_every_url_pattern_has_an_entry` (and so does an
entry whose pattern is gone). Each entry is then requested with GET, and with an empty POST
where the pattern takes one (CSRF checks are off in the test client: this is about who gets
in, not about validation), as the nine personas of `world.py`, with hub A's objects and hub
B's. Every request runs in a transaction that is rolled back, so each sees the same world.

A request fails the test when:
- it answers 500 (or the view raises);
- its status is not what the table says for that persona: the personas the entry's level
  admits get its `ok` statuses, everyone else 403 or 404 (only 404 for someone else's own
  things; anonymous visitors may instead be sent to sign in); someone admitted is never
  sent to sign in or to set up two-factor;
- its body shows a marker (`world.Marker`) the persona may not see: another hub's
  participants and their work, another person's drafts, reflections and private outputs.

A POST-only or GET-only pattern is also sent the other method, which must answer 405.

Left out: Wagtail's editor (/cms/, ~200 patterns), for content editors and reviewers alone;
`hubwork/content/tests` request it as each persona instead. And the Django admin's own ~100
patterns. The admin is for national admins alone
(is_staff, signed in through Hubwork with two-factor), so instead every registered model's
list is requested as each persona (`test_the_admin_is_for_national_admins_alone`).
allauth's account and two-factor pages are requested with GET only: their forms are allauth's,
and posting them (signing out, new recovery codes) is allauth's to test.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authorisation.access import (
    EXCLUDED_NAMESPACES,
    EXCLUDED_ROUTES,
    GET_OK,
    NOT_FOUND,
    OWNER,
    POST_OK,
    PUBLIC,
    TABLE,
    Rule,
    case_url,
    may,
    may_see,
)
from tests.authorisation.world import ANONYMOUS, NATIONAL_ADMIN, PERSONAS, Answer, World, ask

pytestmark = pytest.mark.django_db

DENIED = frozenset({403, 404})
SIGN_IN_PATH = "/accounts/login/"
TWO_FACTOR_SET_UP_PATH = "/accounts/2fa/"


def url_pattern_names() -> dict[str, str]:
    """Every named pattern, `namespace:name` → its route, outside the excluded namespaces;
    an unnamed pattern is listed under its route so that it fails the check too."""
    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(EXCLUDED_ROUTES):
                continue
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                if inner.split(":")[0] in EXCLUDED_NAMESPACES:
                    continue
                walk(pattern, route, inner)
            elif isinstance(pattern, URLPattern):
                if pattern.name is None:
                    found[f"(unnamed) {route}"] = route
                else:
                    found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = route

    walk(get_resolver(), "", "")
    return found


def test_every_url_pattern_has_an_entry():
    names = url_pattern_names()
    missing = sorted(set(names) - set(TABLE))
    stale = sorted(set(TABLE) - set(names))
    assert not missing, (
        "URL patterns with no entry in tests/authorisation/access.py (add one, see its "
        "docstring): " + ", ".join(f"{name} ({names[name]})" for name in missing)
    )
    assert not stale, "Entries in access.py for patterns that no longer exist: " + ", ".join(stale)


def sent_to(answer: Answer, path: str) -> bool:
    return answer.status == 302 and urlsplit(answer.location).path.startswith(path)


def problems(
    world: World, *, persona: str, side: str, method: str, url: str, rule: Rule | None
) -> list[str]:
    """What is wrong with one request, if anything."""
    where = f"{persona} {method} {url}"
    try:
        answer = ask(world, persona, method, url)
    except Exception as error:  # the view raised: a 500 for a real visitor
        return [f"{where}: raised {type(error).__name__}: {error}"]
    found = []
    if answer.status >= 500 and not (rule and rule.ok and answer.status in rule.ok):
        found.append(f"{where}: answered {answer.status}")  # a 503 from /healthz is no error
    elif rule is None:
        if answer.status != 405:
            found.append(f"{where}: answered {answer.status}, expected 405 (not allowed)")
    elif may(rule.level, persona, side):
        ok = rule.ok or (GET_OK if method == "GET" else POST_OK)
        if answer.status not in ok:
            found.append(f"{where}: answered {answer.status}, expected {sorted(ok)}")
        elif rule.level != PUBLIC and (
            sent_to(answer, SIGN_IN_PATH) or sent_to(answer, TWO_FACTOR_SET_UP_PATH)
        ):
            found.append(f"{where}: sent to {answer.location}, though {rule.level} may open it")
    else:
        # Someone else's own things are "not found", never "forbidden".
        denied = rule.denied or (NOT_FOUND if rule.level == OWNER else DENIED)
        if answer.status not in denied and not (
            persona == ANONYMOUS and sent_to(answer, SIGN_IN_PATH)
        ):
            found.append(
                f"{where}: answered {answer.status} {answer.location}, expected "
                + " or ".join(map(str, sorted(denied)))
                + (" or sign-in" if persona == ANONYMOUS else "")
            )
    body = answer.body.lower()
    for marker in world.markers:
        if marker.text.lower() in body and not may_see(marker, persona):
            found.append(
                f"{where}: shows {marker.text} (hub {marker.side}'s, for {marker.level}"
                + (f" and {marker.owner}" if marker.owner else "")
                + ")"
            )
    return found


@pytest.mark.parametrize("name", sorted(TABLE))
def test_access(world, name):
    found: list[str] = []
    for case in TABLE[name].cases:
        for side in case.sides_to_request():
            url = case_url(name, case, world.sides[side])
            for method, rule in (("GET", case.get), ("POST", case.post)):
                if not (rule is None or isinstance(rule, Rule)):
                    continue  # UNCHECKED
                # 405 comes before any check of who is asking: two personas show it.
                personas = PERSONAS if rule is not None else (ANONYMOUS, NATIONAL_ADMIN)
                for persona in personas:
                    found += problems(
                        world, persona=persona, side=side, method=method, url=url, rule=rule
                    )
    assert not found, "\n".join(found)


def test_the_admin_is_for_national_admins_alone(world):
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    found = []
    for url in urls:
        for persona in PERSONAS:
            answer = ask(world, persona, "GET", url)
            if persona == NATIONAL_ADMIN:
                if answer.status != 200:
                    found.append(f"{persona} GET {url}: answered {answer.status}")
            elif answer.status == 200 or answer.status >= 500:
                found.append(f"{persona} GET {url}: answered {answer.status}")
            body = answer.body.lower()
            found += [
                f"{persona} GET {url}: shows {marker.text}"
                for marker in world.markers
                if marker.text.lower() in body and not may_see(marker, persona)
            ]
    assert not found, "\n".join(found)
