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
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

MENUS = {
    "service": "the service navigation at the top of every page",
    "footer": "the links in every page's footer",
    "hub_staff": "the tabs of a hub's staff area; each link takes the hub's slug",
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
    signed_in_only: bool = False
    order: int = 0


@dataclass(frozen=True)
class MenuItem:
    label: str
    href: str
    current: bool  # the link is to this very page
    active: bool  # the link is to this page or to the part of Hubwork it is in


_menus: dict[str, list[Link]] = {}
_pages: dict[str, str] = {}


def register(menu: str, link: Link) -> None:
    """Add a link to a menu (once: registering the same link again changes nothing)."""
    if menu not in MENUS:
        raise ValueError(f"No menu is called {menu!r}; the menus are {', '.join(MENUS)}.")
    links = _menus.setdefault(menu, [])
    if link not in links:
        links.append(link)
        links.sort(key=lambda link: link.order)


def menu_items(
    menu: str, *, path: str, signed_in: bool, url_args: tuple[str, ...] = ()
) -> list[MenuItem]:
    """The menu's links as they show on the page at `path`."""
    items = []
    for link in _menus.get(menu, []):
        if link.signed_in_only and not signed_in:
            continue
        href = reverse(link.url_name, args=url_args)
        current = path == href
        active = (
            current
            or path.startswith(link.active_prefixes)
            or (link.active_below and path.startswith(href))
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
