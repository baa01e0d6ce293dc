"""Newsletter subscriptions' part of a person's data (core/privacy.py): the subscriber rows
tied to their account or at its address, with their subscriptions. Erasure deletes them.
Loaded by content/privacy.py."""

from hubwork.accounts.models import User
from hubwork.content.models import Subscriber, Subscription
from hubwork.content.selectors.subscriptions import subscribers_of_person
from hubwork.content.services.subscriptions import person_subscribers_erase
from hubwork.core.privacy import ExportPart, PersonalData, register_personal_data, rows


def newsletters_export(user: User) -> ExportPart:
    subscribers = subscribers_of_person(user)
    return ExportPart(
        tables={
            "newsletter_subscribers": rows(
                Subscriber.objects.filter(pk__in=[s.pk for s in subscribers]).order_by("pk"),
                "email",
                "created_at",
                "suppressed_at",
                "suppressed_reason",
            ),
            "newsletter_subscriptions": rows(
                Subscription.objects.filter(subscriber__in=subscribers).order_by(
                    "subscriber_id", "newsletter"
                ),
                "subscriber__email",
                "newsletter",
                "created_at",
                "confirmed_at",
            ),
        }
    )


register_personal_data(
    PersonalData(
        name="content-newsletters",
        covers=frozenset({"content.Subscriber.user"}),
        export=newsletters_export,
        erase=lambda user: person_subscribers_erase(user=user),
    )
)
