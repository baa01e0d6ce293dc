"""Signed links in newsletter emails: confirm an address, reach its preferences, unsubscribe.

No account is needed for any of them: the signature is the proof that the link came in an
email to that address. Confirmation links run out (CONFIRM_MAX_AGE); preferences and
unsubscribe links do not, because an old issue's unsubscribe link must still work.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from hubwork.content.models import Subscriber

CONFIRM_SALT = "content.newsletter.confirm"
PREFERENCES_SALT = "content.newsletter.preferences"
UNSUBSCRIBE_SALT = "content.newsletter.unsubscribe"
# A confirmation link works for a week.
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


def confirm_token(subscriber: Subscriber, newsletters: list[str]) -> str:
    """Confirms these newsletters for this address (the ones asked for in one go)."""
    return signing.dumps(
        {"s": subscriber.pk, "e": subscriber.email, "n": sorted(newsletters)},
        salt=CONFIRM_SALT,
        compress=True,
    )


def confirm_url(subscriber: Subscriber, newsletters: list[str]) -> str:
    token = confirm_token(subscriber, newsletters)
    return settings.SITE_URL + reverse("content:newsletter_confirm", kwargs={"token": token})


def preferences_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=PREFERENCES_SALT)


def preferences_url(subscriber: Subscriber) -> str:
    token = preferences_token(subscriber)
    return settings.SITE_URL + reverse("content:newsletter_preferences", kwargs={"token": token})


def unsubscribe_token(subscriber: Subscriber, newsletter: str) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "e": subscriber.email, "n": newsletter}, salt=UNSUBSCRIBE_SALT
    )


def unsubscribe_url(subscriber: Subscriber, newsletter: str) -> str:
    """The one-click unsubscribe address (RFC 8058: a POST to it unsubscribes at once; a GET
    shows a page with one button)."""
    token = unsubscribe_token(subscriber, newsletter)
    return settings.SITE_URL + reverse("content:newsletter_unsubscribe", kwargs={"token": token})


def token_read(token: str, *, salt: str, max_age: int | None = None) -> dict | None:
    """The token's contents, or None when it is forged, altered or has run out."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def list_unsubscribe_headers(subscriber: Subscriber, newsletter: str) -> dict[str, str]:
    """The RFC 8058 headers for one-click unsubscribe, on every issue sent to `subscriber`:
    mail programs show an "Unsubscribe" button that POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber, newsletter)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
