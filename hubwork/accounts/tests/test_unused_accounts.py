"""Accounts nobody signs in to: after ACCOUNT_RETENTION_YEARS they are warned by email, once,
and erased 30 days later unless they sign in. Staff accounts are kept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hubwork.accounts.models import ErasureRequest, User
from hubwork.accounts.services.erasure import erasures_carry_out_due
from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.core.retention import retention_rules

NOW = timezone.now()


def rule():
    return next(rule for rule in retention_rules() if rule.name == "unused-accounts")


@pytest.fixture
def dormant(db) -> User:
    user = UserFactory.create(display_name="Dora Mant", email="dora@example.org")
    User.objects.filter(pk=user.pk).update(
        last_login=NOW - timedelta(days=3 * 365 + 1), date_joined=NOW - timedelta(days=2000)
    )
    return user


@pytest.fixture
def recent(db) -> User:
    user = UserFactory.create(display_name="Rita Recent")
    User.objects.filter(pk=user.pk).update(
        last_login=NOW - timedelta(days=300), date_joined=NOW - timedelta(days=2000)
    )
    return user


def test_the_dry_run_lists_the_unused_account_and_changes_nothing(dormant, recent):
    assert rule().due(NOW) == [
        f"Account {dormant.pk}: warn, and erase 30 days later unless they sign in"
    ]
    assert not ErasureRequest.objects.exists()


def test_never_signed_in_counts_from_joining(db):
    never = UserFactory.create()
    User.objects.filter(pk=never.pk).update(
        last_login=None, date_joined=NOW - timedelta(days=4 * 365)
    )
    assert len(rule().due(NOW)) == 1


def test_the_setting_decides_how_long(settings, dormant):
    settings.ACCOUNT_RETENTION_YEARS = 5
    assert rule().due(NOW) == []


def test_warned_once_then_erased_30_days_later(dormant, recent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lines = rule().apply(NOW)
    assert len(lines) == 1
    erasure = ErasureRequest.objects.get()
    assert erasure.user == dormant
    assert erasure.reason == ErasureRequest.Reason.UNUSED
    assert erasure.due_at == NOW + timedelta(days=30)
    assert [message.to for message in mail.outbox] == [["dora@example.org"]]
    assert "unused" in mail.outbox[0].subject
    # Applying again warns nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        assert rule().apply(NOW + timedelta(days=1)) == []
    assert len(mail.outbox) == 1
    assert erasures_carry_out_due(now=NOW + timedelta(days=29)) == []
    assert erasures_carry_out_due(now=NOW + timedelta(days=31)) == [erasure.reference]
    dormant.refresh_from_db()
    assert not dormant.is_active
    assert dormant.email.endswith("@erased.invalid")
    recent.refresh_from_db()
    assert recent.is_active


def test_signing_in_calls_the_erasure_off(client, dormant):
    rule().apply(NOW)
    response = client.post("/accounts/login/", {"login": dormant.email, "password": PASSWORD})
    assert response.status_code == 302
    erasure = ErasureRequest.objects.get()
    assert erasure.cancelled_at is not None
    assert erasures_carry_out_due(now=NOW + timedelta(days=31)) == []
    # Signed in, the account is used again: no new warning.
    assert rule().due(timezone.now()) == []


def test_staff_accounts_are_kept(hub_lead, national_admin):
    for user in (hub_lead, national_admin):
        User.objects.filter(pk=user.pk).update(last_login=NOW - timedelta(days=5 * 365))
    assert rule().due(NOW) == []
