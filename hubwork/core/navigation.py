"""Menus and well-known pages that core's templates show but higher apps own.

Apps depend downward only, so core's base template cannot name the catalogue or the
dashboard, and the hub staff area (in hubs) cannot name its Work Groups tab. Instead each app
registers its links here from its AppConfig.ready(), and the templates render what is there
(`{% load navigation %}`):

- a menu is an ordered list of links: `register("service", Link("Work Groups",
  "workgroups:catalogue", active_prefixes=("/work-groups/",), order=20))`, rendered with
  `{% navigation_menu "service" as links %}`. Links of the "hub_staff" menu take the hub's
  slug: `{% navigation_menu "hub_staff" hub.slug as tabs %}`.
- a page is somewhere a lower app links to by what it is: `register_page("home",
  "dashboard:home")`, then `{% page_url "home" %}` in a template or `page_url("hub",
  slug=hub.slug)` in Python.

A menu shows each person the links for them and where they are: a link may be for people
signed in or signed out only, for some roles only (`roles`, read from `user.roles`, which the
request has loaded already), or for an audience an app above registers
(`register_audience("taking_part", test)`), tested at most once per page whatever the number
of links, so a menu costs a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

MENUS = {
    "service": "the service navigation at the top of every page",
    "footer": "the links in every page's footer",
    "hub_staff": "the tabs of a hub's staff area; each link takes the hub's slug",
    "account": "the pages of a person's own account, beside allauth's (email, password, "
    "two-factor)",
}


@dataclass(frozen=True)
class Link:
    """One link of a menu. URL arguments, if any, are given when the menu is shown."""

    label: str
    url_name: str
    # The link is also marked active (aria-current="true") on pages whose path starts with one
    # of these, or, with active_below, with the link's own address.
    active_prefixes: tuple[str, ...] = ()
    active_below: bool = False
    # ... and on pages whose path holds one of these ("/manage/": a hub's staff area);
    # never on pages whose path holds one of `inactive_within` (the staff area sits under
    # /hubs/, but it is not the public Maths Hubs pages).
    active_within: tuple[str, ...] = ()
    inactive_within: tuple[str, ...] = ()
    signed_in_only: bool = False
    signed_out_only: bool = False
    # Shown only to people signed in who hold one of these roles (accounts.models.Role
    # values), or who are in this registered audience; with both, either will do.
    roles: frozenset[str] = frozenset()
    audience: str = ""
    order: int = 0

    def is_for(self, person: "Person") -> bool:
        if self.signed_in_only and not person.signed_in:
            return False
        if self.signed_out_only and person.signed_in:
            return False
        if not (self.roles or self.audience):
            return True
        if not person.signed_in:
            return False
        return bool(self.roles & person.roles) or (
            bool(self.audience) and person.is_in(self.audience)
        )


@dataclass(frozen=True)
class MenuItem:
    label: str
    href: str
    current: bool  # the link is to this very page
    active: bool  # the link is to this page or to the part of Hubwork it is in


_menus: dict[str, list[Link]] = {}
_pages: dict[str, str] = {}
_audiences: dict[str, Callable[[Any], bool]] = {}


def register_audience(name: str, test: Callable[[Any], bool]) -> None:
    """Name a group of signed-in people that links can be for: `test(user)` says whether
    someone is in it (one query at most: it runs once per page that shows such a link)."""
    registered = _audiences.setdefault(name, test)
    if registered is not test:
        raise ValueError(f"The {name!r} audience is already registered.")


class Person:
    """Who is looking at the page, as the menus need it: their roles (already on the user)
    and, asked once each and remembered, the audiences they are in."""

    def __init__(self, user: Any = None) -> None:
        self.user = user
        self.signed_in = bool(user is not None and user.is_authenticated)
        self.roles: frozenset[str] = frozenset(user.roles) if self.signed_in else frozenset()
        self._audiences: dict[str, bool] = {}

    def is_in(self, audience: str) -> bool:
        if not self.signed_in:
            return False
        if audience not in self._audiences:
            try:
                test = _audiences[audience]
            except KeyError:
                raise ValueError(
                    f"No installed app has registered the {audience!r} audience."
                ) from None
            self._audiences[audience] = bool(test(self.user))
        return self._audiences[audience]


def register(menu: str, link: Link) -> None:
    """Add a link to a menu (once: registering the same link again changes nothing)."""
    if menu not in MENUS:
        raise ValueError(f"No menu is called {menu!r}; the menus are {', '.join(MENUS)}.")
    links = _menus.setdefault(menu, [])
    if link not in links:
        links.append(link)
        links.sort(key=lambda link: link.order)


def menu_items(
    menu: str, *, path: str, person: Person, url_args: tuple[str, ...] = ()
) -> list[MenuItem]:
    """The menu's links for this person, as they show on the page at `path`."""
    items = []
    for link in _menus.get(menu, []):
        if not link.is_for(person):
            continue
        href = reverse(link.url_name, args=url_args)
        current = path == href
        active = current or (
            not any(part in path for part in link.inactive_within)
            and (
                path.startswith(link.active_prefixes)
                or any(part in path for part in link.active_within)
                or (link.active_below and path.startswith(href))
            )
        )
        items.append(MenuItem(label=link.label, href=href, current=current, active=active))
    return items


def register_page(page: str, url_name: str) -> None:
    """Say which URL shows a well-known page ("home", "dashboard", "hub")."""
    registered = _pages.setdefault(page, url_name)
    if registered != url_name:
        raise ValueError(f"The {page!r} page is already {registered!r}, not {url_name!r}.")


def page_url(page: str, **kwargs: str) -> str:
    try:
        url_name = _pages[page]
    except KeyError:
        raise NoReverseMatch(f"No installed app has registered the {page!r} page.") from None
    return reverse(url_name, kwargs=kwargs or None)
