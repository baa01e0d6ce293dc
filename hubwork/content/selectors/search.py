"""Search over the public site's pages (Wagtail search, the database backend)."""

from typing import Any

from wagtail.models import Page

from hubwork.content.services.site import HOME_SLUG


def pages_found(*, query: str) -> Any:
    """Live, public pages under the home page matching the words, best first."""
    if not query:
        return Page.objects.none()
    home = Page.objects.filter(depth=2, slug=HOME_SLUG).first()
    pages = Page.objects.live().public()
    if home is not None:
        pages = pages.descendant_of(home)
    return pages.search(query)
