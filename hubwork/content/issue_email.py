"""A newsletter issue as an email: HTML and plain text, with the recipient's own links.

The issue's content (introduction, featured pages, items) is worked out once per batch
(`issue_content`); each recipient's message only adds their preferences and unsubscribe
links and the RFC 8058 headers (`issue_message`). Every link is absolute: an email has no
page to be relative to.
"""

import re
from dataclasses import dataclass
from email.utils import make_msgid
from html.parser import HTMLParser

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from hubwork.content.models import NewsletterIssuePage

# Links that rich text makes to the site's own pages start with "/": made absolute.
RELATIVE_HREF = re.compile(r'href="(/[^"]*)"')


@dataclass(frozen=True)
class FeaturedLink:
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class IssueItem:
    heading: str
    html: SafeString
    text: str
    link: str


@dataclass(frozen=True)
class IssueContent:
    """What every recipient of an issue reads the same."""

    subject: str
    newsletter: str
    newsletter_label: str
    introduction_html: SafeString
    introduction_text: str
    featured: list[FeaturedLink]
    items: list[IssueItem]
    web_url: str


@dataclass(frozen=True)
class RecipientLinks:
    preferences_url: str
    unsubscribe_url: str


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path if path.startswith("/") else path


def page_absolute_url(page: Page) -> str:
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else settings.SITE_URL + "/"


def rich_text_html(source: str) -> SafeString:
    """Wagtail's stored rich text as HTML with absolute links."""
    html = expand_db_html(source or "")
    return mark_safe(RELATIVE_HREF.sub(lambda m: f'href="{absolute_url(m.group(1))}"', html))  # noqa: S308 - Wagtail's own sanitised rich text


class _TextWriter(HTMLParser):
    """Rich text as plain text: paragraphs apart, list items as "- ", links as "text (url)"."""

    BLOCKS = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "div", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text)
            self.parts.append(f"{text} ({self.href})" if self.href and self.href != text else text)
            self.href = None
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        (self.link_text if self.href is not None else self.parts).append(data)


def html_to_text(html: str) -> str:
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    text = "".join(writer.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def issue_content(issue: NewsletterIssuePage) -> IssueContent:
    """The issue's shared content, from the page as given (the live page, or a draft
    revision for a test or a preview). A few queries, once per batch, not per recipient."""
    introduction = rich_text_html(issue.introduction)
    featured = []
    for featured_page in issue.featured_pages.all():
        page = Page.objects.live().filter(pk=featured_page.page_id).specific().first()
        if page is None:
            continue  # unpublished since it was chosen
        summary = getattr(page, "standfirst", "") or page.search_description
        featured.append(
            FeaturedLink(title=page.title, summary=summary, url=page_absolute_url(page))
        )
    items = []
    for block in issue.items:
        value = block.value
        html = rich_text_html(value["text"].source)
        items.append(
            IssueItem(
                heading=value["heading"],
                html=html,
                text=html_to_text(html),
                link=value.get("link") or "",
            )
        )
    return IssueContent(
        subject=issue.title,
        newsletter=issue.newsletter,
        newsletter_label=issue.get_newsletter_display(),
        introduction_html=introduction,
        introduction_text=html_to_text(introduction),
        featured=featured,
        items=items,
        web_url=page_absolute_url(issue) if issue.pk else settings.SITE_URL + "/",
    )


def issue_email_bodies(content: IssueContent, links: RecipientLinks) -> tuple[str, str]:
    """(plain text, HTML) for one recipient."""
    context = {"content": content, "links": links}
    return (
        render_to_string("content/email/newsletter_issue.txt", context),
        render_to_string("content/email/newsletter_issue.html", context),
    )


def issue_message(
    content: IssueContent,
    *,
    to: str,
    links: RecipientLinks,
    headers: dict[str, str],
    subject_prefix: str = "",
) -> EmailMultiAlternatives:
    """One recipient's email. Its Message-ID is set here, so it is known before it goes and
    can be kept with the delivery (providers that make their own replace it after sending)."""
    text_body, html_body = issue_email_bodies(content, links)
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    message = EmailMultiAlternatives(
        subject=subject_prefix + content.subject,
        body=text_body,
        to=[to],
        headers={"Message-ID": make_msgid(domain=domain or None), **headers},
    )
    message.attach_alternative(html_body, "text/html")
    return message
