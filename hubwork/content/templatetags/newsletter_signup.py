"""`{% newsletter_signup_form "footer" as form %}`: an empty sign-up form for any page."""

from django import template

from hubwork.content.forms.subscriptions import SubscribeForm
from hubwork.content.services.site import NEWSLETTERS_SLUG

register = template.Library()


@register.simple_tag
def newsletter_signup_form(prefix: str = "") -> SubscribeForm:
    return SubscribeForm(prefix=prefix or None)


@register.simple_tag(takes_context=True)
def newsletter_footer_wanted(context: template.Context) -> bool:
    """Not on the pages that are a sign-up form already (the newsletters page, the form's
    own page), so a page never has two."""
    request = context.get("request")
    path = getattr(request, "path", "")
    return path not in (f"/{NEWSLETTERS_SLUG}/", f"/{NEWSLETTERS_SLUG}/subscribe/")
