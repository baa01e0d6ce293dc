"""Real Wagtail pages for the public site's tests, published as an editor would."""

from datetime import date
from typing import Any

from wagtail.models import Page

from hubwork.content.models.pages import (
    ArticleIndexPage,
    HomePage,
    NewsArticlePage,
    PhaseTag,
    RelatedPage,
    SpotlightPage,
    SpotlightPerson,
    StandardPage,
)
from hubwork.content.services.site import public_site_ensure


def home_page() -> HomePage:
    public_site_ensure()
    return HomePage.objects.get()


def listing_page() -> ArticleIndexPage:
    return ArticleIndexPage.objects.child_of(home_page()).get()


def _publish(parent: Page, page: Page) -> Any:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def qa_block(question: str, *answers: tuple[str, str]) -> dict[str, Any]:
    return {
        "type": "question_answer",
        "value": {
            "question": question,
            "answers": [{"person": person, "answer": f"<p>{text}</p>"} for person, text in answers],
        },
    }


def standard_page_publish(*, slug: str, title: str, text: str = "Some words.") -> StandardPage:
    return _publish(
        home_page(),
        StandardPage(
            title=title,
            slug=slug,
            standfirst=f"About {title.lower()}.",
            body=[{"type": "text", "value": f"<p>{text}</p>"}],
        ),
    )


def _concerns(page: Any, phases: tuple[str, ...], programmes: Any, hubs: Any) -> None:
    page.phases.set(PhaseTag.objects.filter(phase__in=phases))
    page.programmes.set(programmes)
    page.hubs.set(hubs)


def spotlight_publish(
    *,
    slug: str,
    title: str = "",
    published_on: date = date(2026, 10, 1),
    phases: tuple[str, ...] = (),
    programmes: Any = (),
    hubs: Any = (),
    people: tuple[str, ...] = ("Ada Lovelace",),
    body: list[dict[str, Any]] | None = None,
    related: list[Page] | None = None,
) -> SpotlightPage:
    page = SpotlightPage(
        title=title or f"Spotlight {slug}",
        slug=slug,
        standfirst=f"The standfirst of {slug}.",
        published_on=published_on,
        body=body
        if body is not None
        else [qa_block("Why maths?", (people[0], "Because it is everywhere."))],
    )
    _concerns(page, phases, programmes, hubs)
    page.people = [SpotlightPerson(name=name, role="LLME") for name in people]
    page.related_links = [RelatedPage(page=other) for other in related or []]
    return _publish(listing_page(), page)


def news_publish(
    *,
    slug: str,
    title: str = "",
    published_on: date = date(2026, 9, 1),
    phases: tuple[str, ...] = (),
    programmes: Any = (),
    hubs: Any = (),
) -> NewsArticlePage:
    page = NewsArticlePage(
        title=title or f"News {slug}",
        slug=slug,
        standfirst=f"The standfirst of {slug}.",
        published_on=published_on,
        body=[
            {"type": "text", "value": "<h2>What happened</h2><p>Something good.</p>"},
            {"type": "inset_text", "value": {"text": "<p>Worth knowing.</p>"}},
            {
                "type": "details",
                "value": {"summary": "More detail", "text": "<p>The detail.</p>"},
            },
        ],
    )
    _concerns(page, phases, programmes, hubs)
    return _publish(listing_page(), page)
