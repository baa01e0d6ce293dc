"""Template tags for menus, well-known pages and link slots (core.navigation, core.links)."""

from typing import Any

from django import template

from hubwork.core import navigation
from hubwork.core.links import LinkSlot, RenderedLink

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation_menu(context: template.Context, menu: str, *url_args: Any) -> list[Any]:
    """`{% navigation_menu "service" as links %}`: the menu's links for this person and page."""
    request = context.get("request")
    return navigation.menu_items(
        menu,
        path=request.path if request is not None else "",
        person=_person(request),
        url_args=tuple(str(arg) for arg in url_args),
    )


def _person(request: Any) -> navigation.Person:
    """The person looking, kept on the request so that every menu of the page asks about
    them once."""
    if request is None:
        return navigation.Person()
    person = getattr(request, "_navigation_person", None)
    if person is None:
        person = navigation.Person(getattr(request, "user", None))
        request._navigation_person = person
    return person


@register.simple_tag
def page_url(page: str, **kwargs: Any) -> str:
    """`{% page_url "home" %}`, `{% page_url "hub" slug=hub.slug as hub_url %}`."""
    return navigation.page_url(page, **{name: str(value) for name, value in kwargs.items()})


@register.filter
def links_for(slot: LinkSlot[Any] | None, obj: Any) -> list[RenderedLink]:
    """`{% for link in session_tools|links_for:session %}`: the links a slot holds for obj."""
    return slot.links_for(obj) if slot is not None else []
