"""Panels: parts of every page that core's base template shows but higher apps own.

Apps depend downward only, so base.html cannot include the public site's newsletter sign-up
form. Instead a higher app registers a template for a named place from its start-up hook,
and base.html renders whatever is there with the page's own context:

    # content/newsletter_connections.py
    register_panel("footer", "content/newsletters/footer_panel.html")
    # base.html
    {% load panels %}{% panels "footer" %}

A panel's template must cost a fixed number of queries (none, ideally): it is on every page.
"""

PLACES = {
    "footer": "the top of every page's footer, above its links",
    "home": "Hubwork's public home page, below what Hubwork is for",
}

_panels: dict[str, list[str]] = {}


def register_panel(place: str, template_name: str) -> None:
    """Show `template_name` at `place` on every page (once: registering again changes nothing)."""
    if place not in PLACES:
        raise ValueError(f"No place is called {place!r}; the places are {', '.join(PLACES)}.")
    templates = _panels.setdefault(place, [])
    if template_name not in templates:
        templates.append(template_name)


def panels(place: str) -> list[str]:
    return list(_panels.get(place, []))
