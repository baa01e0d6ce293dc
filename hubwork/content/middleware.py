"""A looser Content Security Policy for Wagtail's editor at /cms/, and only there."""

from collections.abc import Callable

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.http import HttpRequest, HttpResponseBase

CMS_PREFIX = "/cms/"

# Why: Wagtail's admin is not ours to rewrite. Its panels (the inline panel for the people
# interviewed, the date pickers) carry inline <script> blocks without a nonce, and its
# widgets (Draftail, the StreamField editor, the minimap) set inline styles. A nonce in the
# policy would make browsers ignore 'unsafe-inline', so the editor's policy has none. Its
# live preview is an <iframe> of the editor's own pages, so they may frame each other.
# Everything else stays as strict as the rest of the site: only Hubwork's own origin, no
# plugins, forms posting back to the site. The editor is for signed-in content roles with
# two-factor, and every page it shows is Hubwork's or Wagtail's own markup.
CMS_POLICY = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
}


class CmsContentSecurityPolicyMiddleware:
    """Replaces the policy's directives above on responses under /cms/ (django-csp reads
    `_csp_replace` when it writes the header, after every middleware below it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith(CMS_PREFIX):
            response._csp_replace = CMS_POLICY  # type: ignore[attr-defined]
        return response
