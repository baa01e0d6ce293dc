"""Demo newsletter subscribers: some confirmed, some still waiting to confirm, one stopped
by a bounce, and the demo participant subscribed to the Primary & Early Years Round-up from
her account. Written through the subscription services, so the audit log reads as it would;
seeded once: nothing is added when the demo already has subscribers."""

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.content.models import Newsletter, Subscriber
from hubwork.content.services.subscriptions import (
    account_subscriptions_set,
    subscription_confirm,
    subscription_request,
)

PRIMARY = Newsletter.PRIMARY.value
SECONDARY = Newsletter.SECONDARY.value
NATIONAL = Newsletter.NATIONAL.value

# (address, newsletters, confirmed)
SUBSCRIBERS = [
    ("maths.lead@oakfield-primary.example.org", [PRIMARY, NATIONAL], True),
    ("eyfs.teacher@example.org", [PRIMARY], True),
    ("head.of.maths@riverside-academy.example.org", [SECONDARY, NATIONAL], True),
    ("core.maths@college.example.org", [SECONDARY], True),
    ("curious.parent@example.org", [NATIONAL], True),
    ("new.teacher@example.org", [PRIMARY, SECONDARY], False),
    ("not.yet@example.org", [NATIONAL], False),
]
BOUNCED = ("old.address@example.org", [SECONDARY])
PARTICIPANT_EMAIL = "participant@example.org"


def seed_content_subscriptions() -> int:
    if Subscriber.objects.exists():
        return 0
    created = 0
    for email, newsletters, confirmed in [*SUBSCRIBERS, (*BOUNCED, True)]:
        outcome = subscription_request(email=email, newsletters=newsletters)
        if confirmed and outcome.subscriber is not None:
            subscription_confirm(subscriber=outcome.subscriber, newsletters=newsletters)
        created += 1
    # A bounce reported by the mail provider (the sending part's webhook does this for real).
    Subscriber.objects.filter(email=BOUNCED[0]).update(
        suppressed_at=timezone.now(), suppressed_reason=Subscriber.Suppression.BOUNCED
    )
    participant = User.objects.filter(email=PARTICIPANT_EMAIL).first()
    if participant is not None:
        account_subscriptions_set(user=participant, newsletters=[PRIMARY])
        created += 1
    return created
