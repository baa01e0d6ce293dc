"""Demo page feedback: a few months of visitors' answers to "Is this page useful?" and "Was
this written in plain English?" on the demo's public pages and the catalogue, with some
comments (personal details already taken out, as the service does).

Harder pages (lower reading ease) are judged less plain, so the editors' report shows the
comparison it is for. Answers go through the service; only their dates are set back after.
Seeded once: nothing is added when the demo already has feedback.
"""

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from hubwork.content.models import PageFeedback
from hubwork.content.plain_english import check_page
from hubwork.content.services.feedback import feedback_record

USEFUL = PageFeedback.Question.USEFUL
PLAIN = PageFeedback.Question.PLAIN_ENGLISH

PLAIN_COMMENTS = [
    "Too many abbreviations: I did not know what TRG or NCETM stood for.",
    "The sentences are very long. I had to read the second paragraph three times.",
    "It reads like a policy document, not something for teachers.",
    "What does 'mastery' mean here? It is used before it is explained.",
]
USEFUL_COMMENTS = [
    "I could not find the dates of the sessions.",
    "It does not say whether supply cover is paid for.",
    "I wanted to know which Work Groups are near Wolverhampton.",
    "Nothing on what happens after the first year.",
]
# Pages outside the page tree that ask too.
OTHER_PATHS = ["/work-groups/", "/research/"]


def seed_content_feedback() -> int:
    """Answers on every live page of the page tree below the home page and on the
    catalogue and research findings; nothing if there is feedback already."""
    if PageFeedback.objects.exists():
        return 0
    rng = random.Random(16)  # noqa: S311 (the same demo every time, not a secret)
    now = timezone.now()
    targets: list[tuple[str, Page | None, float]] = []
    for page in Page.objects.live().public().filter(depth__gte=3).specific():
        url = page.url
        if not url or not url.startswith("/"):
            continue
        ease = check_page(page).reading_ease
        # Plain English "yes" from about 35% for very hard pages to 95% for easy ones.
        plain_chance = 0.35 + 0.6 * min(max((ease or 60) / 100, 0), 1)
        targets.append((url, page, plain_chance))
    targets.extend((path, None, 0.6) for path in OTHER_PATHS)
    created = 0
    for number, (path, page, plain_chance) in enumerate(targets):
        visitors = rng.randint(6, 18)
        for visitor in range(visitors):
            key = f"demo-visitor-{number:03d}-{visitor:03d}-key"
            days_ago = rng.randint(0, 150)
            for question, chance, comments in (
                (USEFUL, 0.75, USEFUL_COMMENTS),
                (PLAIN, plain_chance, PLAIN_COMMENTS),
            ):
                if rng.random() < 0.2:
                    continue  # answered the other question only
                yes = rng.random() < chance
                comment = rng.choice(comments) if not yes and rng.random() < 0.4 else ""
                feedback = feedback_record(
                    path=path,
                    page=page,
                    question=question,
                    answer=yes,
                    comment=comment,
                    visitor_key=key,
                )
                PageFeedback.objects.filter(pk=feedback.pk).update(
                    created_at=now - timedelta(days=days_ago)
                )
                created += 1
    return created
