"""`{% panels "footer" %}`: the templates higher apps registered for a place (core.panels)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from hubwork.core import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, place: str) -> SafeString:
    """Each panel is rendered with the page's own context, as an {% include %} would be."""
    # The template being rendered knows its engine (and so its loaders and libraries).
    if context.template is None:
        raise template.TemplateSyntaxError("{% panels %} needs a template being rendered.")
    engine = context.template.engine
    parts = []
    for name in registry.panels(place):
        with context.push():
            parts.append(engine.get_template(name).render(context))
    # Each part is a rendered template, escaped by its own autoescaping.
    return mark_safe("".join(parts))  # noqa: S308
