"""Demo newsletter issues: two sent last term (readable under /newsletters/, with a delivery
row for each subscriber they went to) and a National Newsletter still in draft, for an
editor to test and a reviewer to send.

The two past sends are history, written as rows dated last term: seeding sends no email.
Seeded once: issues whose slug exists are left as they are.
"""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from wagtail.models import Page

from hubwork.accounts.models import User
from hubwork.content.models import (
    Delivery,
    FeaturedPage,
    IssueSend,
    Newsletter,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Subscription,
)


def _item(heading: str, text: str, link: str = "") -> tuple[str, dict[str, Any]]:
    return ("item", {"heading": heading, "text": text, "link": link})


ISSUES: list[dict[str, Any]] = [
    {
        "slug": "primary-round-up-autumn-2026",
        "title": "Primary & Early Years Round-up: autumn 2026",
        "newsletter": Newsletter.PRIMARY.value,
        "sent_on": datetime(2026, 10, 14, 16, 0),
        "introduction": (
            "<p>Welcome back. This term's round-up is about talk: how children explain their "
            "thinking out loud, and what teachers in our Work Groups noticed when they made "
            "more time for it.</p>"
        ),
        "featured": ["talking-maths-oracy", "mastery-in-a-small-school"],
        "items": [
            _item(
                "Early Years Work Groups have places left",
                "<p>Two of our Early Years Work Groups start after half term and still have "
                "places. Each group meets four times and looks at counting, subitising and "
                "the language of comparison.</p>",
            ),
            _item(
                "Try this: the silent number line",
                "<p>Draw an empty number line, mark 0 and 20, and ask children where 15 goes "
                "without talking. Then ask them to explain their choice to a partner. Several "
                "Year 1 teachers found the explanations better than the placing.</p>",
            ),
        ],
    },
    {
        "slug": "secondary-round-up-autumn-2026",
        "title": "Secondary Round-up: autumn 2026",
        "newsletter": Newsletter.SECONDARY.value,
        "sent_on": datetime(2026, 10, 21, 16, 0),
        "introduction": (
            "<p>This term we hear from a sixth-form college that grew its Core Maths group "
            "from eight students to thirty, and we share what Years 7 and 8 teachers found "
            "when they planned lessons together with their primary colleagues.</p>"
        ),
        "featured": ["core-maths-in-the-sixth-form"],
        "items": [
            _item(
                "Years 5 to 8 Continuity: a second year",
                "<p>Schools that took part last year can carry on with the same partner "
                "schools. Ask your hub about places for the spring term.</p>",
            ),
            _item(
                "Become an LLME",
                "<p>If you have led maths in your department and enjoy working with other "
                "teachers, find out how to lead a Work Group yourself.</p>",
            ),
        ],
    },
]

DRAFT: dict[str, Any] = {
    "slug": "national-newsletter-spring-2027",
    "title": "National Newsletter: spring 2027",
    "newsletter": Newsletter.NATIONAL.value,
    "introduction": (
        "<p>Work Groups for next year open for interest in March. This issue explains what is "
        "new, how to find a group near you, and what last year's groups told us.</p>"
    ),
    "featured": ["work-groups-open-for-next-year"],
    "items": [
        _item(
            "What teachers told us",
            "<p>Nine in ten teachers who finished a Work Group last year said they changed "
            "something in their teaching because of it.</p>",
        ),
    ],
}


def _issue(
    index: NewsletterIndexPage, spec: dict[str, Any], *, publish: bool
) -> NewsletterIssuePage:
    issue = NewsletterIssuePage(
        title=spec["title"],
        slug=spec["slug"],
        newsletter=spec["newsletter"],
        introduction=spec["introduction"],
        items=spec["items"],
        live=publish,
    )
    index.add_child(instance=issue)
    pages = {page.slug: page for page in Page.objects.filter(slug__in=spec["featured"])}
    for position, slug in enumerate(spec["featured"]):
        if slug in pages:
            FeaturedPage.objects.create(issue=issue, page=pages[slug], sort_order=position)
    revision = issue.save_revision()
    if publish:
        revision.publish()
    return issue


def seed_content_issues() -> int:
    """After the pages and the subscribers: two sent issues and a draft."""
    index = NewsletterIndexPage.objects.first()
    if index is None:
        return 0
    existing = set(NewsletterIssuePage.objects.values_list("slug", flat=True))
    reviewer = User.objects.filter(email="content-reviewer@example.org").first()
    created = 0
    for spec in ISSUES:
        if spec["slug"] in existing:
            continue
        issue = _issue(index, spec, publish=True)
        sent_at = timezone.make_aware(spec["sent_on"])
        send = IssueSend.objects.create(
            issue=issue,
            status=IssueSend.Status.SENT,
            send_at=sent_at,
            requested_by=reviewer,
            started_at=sent_at,
            finished_at=sent_at + timedelta(minutes=2),
        )
        subscriber_ids = Subscription.objects.receiving(spec["newsletter"]).values_list(
            "subscriber_id", flat=True
        )
        Delivery.objects.bulk_create(
            [
                Delivery(
                    send=send,
                    subscriber_id=subscriber_id,
                    status=Delivery.Status.SENT,
                    sent_at=sent_at + timedelta(seconds=number),
                    message_id=f"<demo-{send.pk}-{subscriber_id}@hubwork.localhost>",
                )
                for number, subscriber_id in enumerate(subscriber_ids)
            ]
        )
        created += 1
    if DRAFT["slug"] not in existing:
        _issue(index, DRAFT, publish=False)
        created += 1
    return created
