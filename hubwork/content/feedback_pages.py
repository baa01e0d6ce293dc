"""Which pages ask for feedback, and how an answer proves which page it is about.

Every public page asks (content pages, the catalogue and its Work Groups, the hubs' pages,
research findings); pages for people signed in do not: they are tools, and Hubwork asks
about them through its own help page. The public views are listed here, by URL name, rather
than in their own apps, which sit below this one and cannot name it; base.html shows the
panel where the context processor below offers it.

An answer carries its page's address signed by the page that showed the form, so the only
addresses accepted are ones Hubwork rendered the question on; the address must still resolve
to a public view (and, for the page tree, to a live public page) when the answer arrives.
The visitor is sent back only to that signed, same-site, relative address.
"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.core import signing
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page, Site

from hubwork.content.models import PageFeedback

PUBLIC_VIEWS = frozenset(
    {
        "wagtail_serve",
        "content:articles",
        "content:news",
        "workgroups:catalogue",
        "workgroups:detail",
        "workgroups:hub_detail",
        "hubs:list",
        "research:findings",
        "research:finding",
    }
)
SALT = "content.page-feedback"
# The query parameter that says which question was just answered (the thank-you), and the
# one that asks for the "What was wrong?" box on its own (a "No" sent without JavaScript).
THANKS_PARAMETER = "page_feedback"
FRAGMENT = "page-feedback"
TEMPLATE = "content/feedback/panel.html"


@dataclass(frozen=True)
class FeedbackPanel:
    """What the panel needs: where answers go back to, and what was just answered."""

    token: str
    answered: str  # the question just answered, or ""
    template: str = TEMPLATE

    @property
    def questions(self) -> list[tuple[str, str, bool]]:
        return [
            (value, label, value == self.answered) for value, label in PageFeedback.Question.choices
        ]


def _without_thanks(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop(THANKS_PARAMETER, None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def page_token(request: HttpRequest) -> str:
    # Without a timestamp: the same page gets the same token, so pages stay cacheable.
    return signing.Signer(salt=SALT).sign_object(_without_thanks(request))


def feedback_panel(request: HttpRequest) -> dict[str, FeedbackPanel]:
    """Context processor: the panel, on GET requests of public pages. No queries."""
    match = request.resolver_match
    if request.method != "GET" or match is None or match.view_name not in PUBLIC_VIEWS:
        return {}
    answered = request.GET.get(THANKS_PARAMETER, "")
    if answered not in PageFeedback.Question.values:
        answered = ""
    return {"page_feedback": FeedbackPanel(token=page_token(request), answered=answered)}


@dataclass(frozen=True)
class AnsweredPage:
    full_path: str  # with the page's query string, to go back to
    path: str  # without it: what answers are counted by
    page: Page | None


def answered_page(request: HttpRequest, token: str) -> AnsweredPage | None:
    """The page an answer is about, or None when the token is forged or its address is no
    longer a public page."""
    try:
        full_path = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if (
        not isinstance(full_path, str)
        or not full_path.startswith("/")
        or full_path.startswith("//")
        or "\\" in full_path
        or not url_has_allowed_host_and_scheme(full_path, allowed_hosts=None)
    ):
        return None
    path = urlsplit(full_path).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name not in PUBLIC_VIEWS:
        return None
    page = None
    if match.view_name == "wagtail_serve":
        site = Site.find_for_request(request)
        if site is None:
            return None
        url_path = site.root_page.url_path + path.lstrip("/")
        page = Page.objects.live().public().filter(url_path=url_path).first()
        if page is None:
            return None
    return AnsweredPage(full_path=full_path, path=path, page=page)


def thanks_url(answered: AnsweredPage, question: str) -> str:
    """Back to the page, at the panel, with the thank-you for `question`."""
    parts = urlsplit(answered.full_path)
    query = QueryDict(parts.query, mutable=True)
    query[THANKS_PARAMETER] = question
    return f"{parts.path}?{urlencode(list(query.lists()), doseq=True)}#{FRAGMENT}"
