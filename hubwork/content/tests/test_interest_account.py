"""A signed-in person's own registrations: the list, withdrawing, their data export and
erasure, and retention."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.services.erasure import account_erase
from hubwork.accounts.tests.factories import UserFactory
from hubwork.content.models import InterestRegistration
from hubwork.content.tests.interest_helpers import make_programme
from hubwork.core.models import AuditEvent
from hubwork.core.privacy import personal_data_parts
from hubwork.core.retention import retention_rules, retention_run
from hubwork.programmes.models import Programme
from hubwork.workgroups.tests.factories import ProgrammeFactory, WorkGroupFactory

MINE = reverse("content:interest_mine")
WITHDRAW = reverse("content:interest_withdraw")

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db) -> Programme:
    return make_programme()


def _registration(email: str, programme, hub, **fields) -> InterestRegistration:
    return InterestRegistration.objects.create(
        email=email, programme=programme, hub=hub, confirmed_at=timezone.now(), **fields
    )


def test_the_dashboard_and_account_menu_link_to_the_list(client, participant):
    client.force_login(participant)
    assert MINE.encode() in client.get(reverse("dashboard:index")).content
    assert MINE.encode() in client.get(reverse("accounts:details")).content


def test_the_list_shows_ones_own_registrations_in_a_fixed_number_of_queries(
    client, participant, programme, hub, other_hub
):
    client.force_login(participant)
    _registration(participant.email, programme, hub, user=participant)
    client.get(MINE)  # the session and menus warmed up
    with CaptureQueriesContext(connection) as first:
        response = client.get(MINE)
    assert response.content.decode().count('data-testid="interest-registration"') == 1
    # Made before the account, by address: theirs too. Someone else's: not shown.
    work_group = WorkGroupFactory.create(programme=programme, hub=other_hub)
    _registration(
        participant.email.upper(),
        ProgrammeFactory.create(),
        other_hub,
        notified_at=timezone.now(),
        notified_work_group=work_group,
    )
    _registration("someone@example.org", programme, hub)
    with CaptureQueriesContext(connection) as second:
        response = client.get(MINE)
    html = response.content.decode()
    assert html.count('data-testid="interest-registration"') == 2
    assert "someone@example.org" not in html
    assert work_group.title in html
    assert "Waiting for a Work Group" in html
    assert len(second) == len(first)


def test_withdrawing_deletes_ones_own_registration(client, participant, programme, hub):
    registration = _registration(participant.email, programme, hub, user=participant)
    client.force_login(participant)
    response = client.post(WITHDRAW, {"registration": registration.pk})
    assert response.status_code == 302
    assert response["Location"] == MINE
    assert not InterestRegistration.objects.exists()
    event = AuditEvent.objects.get(verb="interest.withdrawn")
    assert event.actor_id == participant.pk


def test_someone_elses_registration_is_not_found(client, participant, programme, hub):
    other = _registration("someone@example.org", programme, hub)
    client.force_login(participant)
    assert client.post(WITHDRAW, {"registration": other.pk}).status_code == 404
    assert client.post(WITHDRAW, {"registration": "x"}).status_code == 302
    assert InterestRegistration.objects.filter(pk=other.pk).exists()


def test_signed_out_the_list_asks_to_sign_in(client):
    response = client.get(MINE)
    assert response.status_code == 302
    assert "login" in response["Location"]


def _part():
    return next(part for part in personal_data_parts() if part.name == "content-interest")


def test_a_persons_export_has_their_registrations(participant, programme, hub):
    _registration(participant.email, programme, hub, user=participant)
    _registration(participant.email, programme, hub, phase="primary")
    _registration("someone@example.org", programme, hub)
    rows = _part().export(participant).tables["work_group_interest"]
    assert [row["email"] for row in rows] == [participant.email, participant.email]
    assert rows[0]["programme__name"] == "Mastering Number"
    assert rows[0]["hub__name"] == "GLOW Maths Hub"


def test_erasure_deletes_their_registrations(participant, national_admin, programme, hub):
    _registration(participant.email, programme, hub, user=participant)
    _registration(participant.email, programme, hub, phase="primary")
    kept = _registration("someone@example.org", programme, hub)
    erasure = account_erase(user=participant, by=national_admin, reason="email")
    assert list(InterestRegistration.objects.all()) == [kept]
    event = AuditEvent.objects.filter(verb="account.erasure_carried_out").get()
    assert event.data["removed"]["content-interest.interest_registrations_deleted"] == 2
    assert erasure.carried_out_at is not None


def test_retention_removes_unconfirmed_and_answered_registrations(programme, hub, settings):
    settings.NEWSLETTER_UNCONFIRMED_RETENTION_DAYS = 30
    settings.INTEREST_NOTIFIED_RETENTION_DAYS = 365
    now = timezone.now()
    old_unconfirmed = InterestRegistration.objects.create(
        email="a@example.org", programme=programme, hub=hub
    )
    new_unconfirmed = InterestRegistration.objects.create(
        email="b@example.org", programme=programme, hub=hub
    )
    old_answered = _registration("c@example.org", programme, hub, notified_at=now)
    new_answered = _registration("d@example.org", programme, hub, notified_at=now)
    old_waiting = _registration("e@example.org", programme, hub)
    InterestRegistration.objects.filter(pk__in=[old_unconfirmed.pk, old_waiting.pk]).update(
        created_at=now - timedelta(days=31)
    )
    InterestRegistration.objects.filter(pk=old_answered.pk).update(
        notified_at=now - timedelta(days=366)
    )
    rule = next(rule for rule in retention_rules() if rule.name == "work-group-interest")
    due = rule.due(now)
    assert len(due) == 2
    assert not any("@" in line for line in due)
    run = retention_run(now=now, dry_run=False)
    assert run.counts["work-group-interest"] == 2
    assert set(InterestRegistration.objects.values_list("pk", flat=True)) == {
        new_unconfirmed.pk,
        new_answered.pk,
        old_waiting.pk,
    }
    assert retention_run(now=now, dry_run=False).counts["work-group-interest"] == 0


def test_an_account_address_change_carries_its_registrations(client, programme, hub):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import email_changed

    person = UserFactory.create(email="old@example.org")
    registration = _registration("old@example.org", programme, hub, user=person)
    person.email = "new@example.org"
    person.save()
    new_address = EmailAddress.objects.create(user=person, email="new@example.org", verified=True)
    email_changed.send(
        sender=EmailAddress,
        request=None,
        user=person,
        from_email_address=None,
        to_email_address=new_address,
    )
    registration.refresh_from_db()
    assert registration.email == "new@example.org"
