"""Template filters for the public site's pages."""

import re
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

from hubwork.content.selectors.articles import (
    ArticleKind,
    article_kind_by_content_type,
    articles_published,
)

register = template.Library()

# Editors' rich text comes without classes; these give it the GOV.UK styles.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}
OPENING_TAG = re.compile(r"<(p|h2|h3|ul|ol|a)(\s[^>]*)?>")


def _add_class(match: re.Match[str]) -> str:
    tag, attributes = match.group(1), match.group(2) or ""
    if "class=" in attributes:
        return match.group(0)
    return f'<{tag} class="{GOVUK_CLASSES[tag]}"{attributes}>'


@register.filter
def govuk_rich_text(value: Any) -> SafeString:
    """Rich text (a block's value or a field's HTML) with internal links expanded and the
    GOV.UK classes on its paragraphs, headings, lists and links."""
    html = value.__html__() if hasattr(value, "__html__") else expand_db_html(str(value or ""))
    return mark_safe(OPENING_TAG.sub(_add_class, html))  # noqa: S308 - editors' sanitised HTML


# Articles on Hubwork's home page (content/includes/home_section.html).
LATEST_ON_HOME = 3


@register.simple_tag
def latest_articles() -> list[Any]:
    """The latest published spotlights and news, each with its kind's label (two queries)."""
    articles = list(articles_published()[:LATEST_ON_HOME])
    kinds = article_kind_by_content_type()
    for article in articles:
        article.kind_label = ArticleKind.LABELS.get(kinds.get(article.content_type_id, ""), "")
    return articles
