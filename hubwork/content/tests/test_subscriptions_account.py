"""A signed-in person's newsletters, their address changing, retention, and their data
export and erasure."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_changed
from django.core import mail
from django.utils import timezone

from hubwork.accounts.models import ErasureRequest
from hubwork.accounts.services.erasure import account_erase
from hubwork.accounts.tests.factories import UserFactory
from hubwork.content.models import Subscriber, Subscription
from hubwork.content.services.subscriptions import subscription_request
from hubwork.content.tests.subscription_helpers import subscribed
from hubwork.core.models import AuditEvent
from hubwork.core.privacy import personal_data_parts
from hubwork.core.retention import retention_rules, retention_run

pytestmark = pytest.mark.django_db
ACCOUNT_PAGE = "/accounts/newsletters/"


def test_the_account_menu_links_to_newsletters(client, participant):
    client.force_login(participant)
    page = client.get("/accounts/details/").content.decode()
    assert f'href="{ACCOUNT_PAGE}"' in page


def test_a_signed_in_person_chooses_newsletters_without_a_confirmation_email(
    client, participant, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    assert client.get(ACCOUNT_PAGE).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACCOUNT_PAGE, {"newsletters": ["primary", "secondary"]})
    assert response.status_code == 302
    assert mail.outbox == []
    subscriber = Subscriber.objects.get(user=participant)
    assert subscriber.email == participant.email
    assert subscribed(participant.email) == {"primary": True, "secondary": True}
    assert AuditEvent.objects.filter(
        verb="newsletter.preferences_changed", actor=participant
    ).exists()

    client.post(ACCOUNT_PAGE, {"newsletters": ["secondary"]})
    assert subscribed(participant.email) == {"secondary": True}
    page = client.get(ACCOUNT_PAGE).content.decode()
    assert "Your newsletter choices are saved" in page


def test_the_account_takes_over_what_its_address_subscribed_to_before(client, participant):
    earlier = Subscriber.objects.create(email=participant.email.upper())
    Subscription.objects.create(
        subscriber=earlier, newsletter="national", confirmed_at=timezone.now()
    )
    client.force_login(participant)
    page = client.get(ACCOUNT_PAGE).content.decode()
    assert 'value="national"' in page
    client.post(ACCOUNT_PAGE, {"newsletters": ["national", "primary"]})
    earlier.refresh_from_db()
    assert earlier.user == participant
    assert Subscriber.objects.count() == 1


def test_the_footer_form_with_ones_own_address_subscribes_at_once(
    client, participant, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/newsletters/subscribe/",
            {"footer-email": participant.email, "footer-newsletters": ["primary"]},
        )
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT_PAGE
    assert mail.outbox == []
    assert subscribed(participant.email) == {"primary": True}


def test_another_address_still_needs_confirming_when_signed_in(
    client, participant, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/newsletters/subscribe/",
            {"email": "someone.else@example.org", "newsletters": ["primary"]},
        )
    assert subscribed("someone.else@example.org") == {"primary": False}
    assert len(mail.outbox) == 1


def test_an_unverified_account_address_is_not_subscribed_without_confirming(client):
    person = UserFactory.create(verified_email=False)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)
    client.force_login(person)
    page = client.get(ACCOUNT_PAGE).content.decode()
    assert "Confirm your email address first" in page
    client.post(ACCOUNT_PAGE, {"newsletters": ["primary"]})
    assert subscribed(person.email) == {}


def test_newsletters_follow_the_account_to_its_new_address(participant):
    subscription_request(email=participant.email, newsletters=["primary"], user=participant)
    # The new address had subscribed on its own, unconfirmed, to another newsletter.
    other = Subscriber.objects.create(email="priya.new@example.org")
    Subscription.objects.create(subscriber=other, newsletter="secondary")
    old_email = participant.email
    participant.email = "priya.new@example.org"
    participant.save()
    email_changed.send(
        sender=type(participant),
        request=None,
        user=participant,
        from_email_address=None,
        to_email_address=None,
    )
    subscriber = Subscriber.objects.get(user=participant)
    assert subscriber.email == "priya.new@example.org"
    assert subscribed("priya.new@example.org") == {"primary": True, "secondary": False}
    assert subscribed(old_email) == {}
    assert Subscriber.objects.count() == 1


def test_unconfirmed_subscriptions_go_after_the_retention_period(settings):
    now = timezone.now()
    old = now - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS + 1)
    stale = Subscriber.objects.create(email="stale@example.org")
    Subscription.objects.create(subscriber=stale, newsletter="primary")
    mixed = Subscriber.objects.create(email="mixed@example.org")
    Subscription.objects.create(subscriber=mixed, newsletter="primary")
    Subscription.objects.create(subscriber=mixed, newsletter="national", confirmed_at=old)
    fresh = Subscriber.objects.create(email="fresh@example.org")
    Subscription.objects.create(subscriber=fresh, newsletter="primary")
    Subscription.objects.exclude(subscriber=fresh).update(updated_at=old)
    # Unsubscribed from everything long ago; and a bounced address, remembered.
    left = Subscriber.objects.create(email="left@example.org")
    bounced = Subscriber.objects.create(email="bounced@example.org", suppressed_at=old)
    Subscriber.objects.filter(pk__in=[left.pk, bounced.pk]).update(updated_at=old)

    assert "newsletter-unconfirmed" in [rule.name for rule in retention_rules()]
    dry = retention_run(now=now, dry_run=True)
    assert len(dry.lines["newsletter-unconfirmed"]) == 3
    assert Subscription.objects.count() == 4

    run = retention_run(now=now, dry_run=False)
    assert run.counts["newsletter-unconfirmed"] == 3
    assert not Subscriber.objects.filter(pk__in=[stale.pk, left.pk]).exists()
    assert Subscriber.objects.filter(pk=bounced.pk).exists()
    assert subscribed("mixed@example.org") == {"national": True}
    assert subscribed("fresh@example.org") == {"primary": False}
    # The lines name subscribers by id, never by address.
    assert "@" not in " ".join(run.lines["newsletter-unconfirmed"])
    again = retention_run(now=now, dry_run=False)
    assert again.counts["newsletter-unconfirmed"] == 0


def _part():
    return next(part for part in personal_data_parts() if part.name == "content-newsletters")


def test_a_persons_export_has_their_subscriptions(participant):
    subscription_request(
        email=participant.email, newsletters=["primary", "national"], user=participant
    )
    exported = _part().export(participant)
    assert [row["email"] for row in exported.tables["newsletter_subscribers"]] == [
        participant.email
    ]
    assert sorted(row["newsletter"] for row in exported.tables["newsletter_subscriptions"]) == [
        "national",
        "primary",
    ]


def test_erasure_removes_their_subscriber(participant, national_admin):
    subscription_request(email=participant.email, newsletters=["primary"], user=participant)
    someone_else = Subscriber.objects.create(email="else@example.org")
    account_erase(user=participant, by=national_admin, reason=ErasureRequest.Reason.EMAIL)
    assert list(Subscriber.objects.all()) == [someone_else]
    assert Subscription.objects.count() == 0


def test_the_demo_subscribers_are_seeded_once(django_capture_on_commit_callbacks):
    from hubwork.demo.content_subscriptions import PARTICIPANT_EMAIL, seed_content_subscriptions

    participant = UserFactory.create(email=PARTICIPANT_EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_content_subscriptions() > 0
    assert seed_content_subscriptions() == 0
    assert subscribed(PARTICIPANT_EMAIL) == {"primary": True}
    assert Subscriber.objects.get(user=participant).email == PARTICIPANT_EMAIL
    assert subscribed("not.yet@example.org") == {"national": False}
    assert subscribed("eyfs.teacher@example.org") == {"primary": True}
    assert Subscriber.objects.filter(suppressed_at__isnull=False).count() == 1
