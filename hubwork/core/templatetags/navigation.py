"""Template tags for menus, well-known pages and link slots (core.navigation, core.links)."""

from typing import Any

from django import template

from hubwork.core import navigation
from hubwork.core.links import LinkSlot, RenderedLink

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation_menu(context: template.Context, menu: str, *url_args: Any) -> list[Any]:
    """`{% navigation_menu "service" as links %}`: the menu's links for this page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return navigation.menu_items(
        menu,
        path=request.path if request is not None else "",
        signed_in=bool(user and user.is_authenticated),
        url_args=tuple(str(arg) for arg in url_args),
    )


@register.simple_tag
def page_url(page: str, **kwargs: Any) -> str:
    """`{% page_url "home" %}`, `{% page_url "hub" slug=hub.slug as hub_url %}`."""
    return navigation.page_url(page, **{name: str(value) for name, value in kwargs.items()})


@register.filter
def links_for(slot: LinkSlot[Any] | None, obj: Any) -> list[RenderedLink]:
    """`{% for link in session_tools|links_for:session %}`: the links a slot holds for obj."""
    return slot.links_for(obj) if slot is not None else []
