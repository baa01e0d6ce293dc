"""Registering interest: the form, double opt-in for visitors, at once for signed-in
teachers, duplicates, the honeypot, rate limits and the emailed links."""

import time

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.content.interest_links import confirm_url, stop_url
from hubwork.content.models import InterestRegistration
from hubwork.content.tests.interest_helpers import (
    CONFIRM_LINK,
    STOP_LINK,
    form_data,
    link_in,
    make_programme,
    path_of,
)
from hubwork.core.models import AuditEvent
from hubwork.programmes.models import Programme

REGISTER = reverse("content:interest_register")
SENT = reverse("content:interest_sent")

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db) -> Programme:
    return make_programme()


def register(client, captured, data):
    with captured(execute=True):
        return client.post(REGISTER, data)


def test_the_form_takes_its_choices_from_the_address(client, programme, hub):
    response = client.get(f"{REGISTER}?programme={programme.slug}&phase=primary&hub={hub.slug}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{programme.slug}" selected>' in html
    assert f'<option value="{hub.slug}" selected>' in html
    assert '<option value="primary" selected>' in html


def test_a_visitor_is_sent_a_confirmation_link_and_nothing_waits_until_they_confirm(
    client, programme, hub, django_capture_on_commit_callbacks
):
    response = register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="sam@example.org"),
    )
    assert response.status_code == 302
    assert response["Location"] == SENT
    registration = InterestRegistration.objects.get()
    assert (registration.email, registration.programme, registration.hub) == (
        "sam@example.org",
        programme,
        hub,
    )
    assert registration.phase == ""
    assert registration.confirmed_at is None
    assert registration.user is None
    assert not InterestRegistration.objects.waiting().exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert "Mastering Number" in mail.outbox[0].body
    assert "GLOW Maths Hub" in mail.outbox[0].body
    event = AuditEvent.objects.get(verb="interest.registered")
    assert event.data["registration"] == registration.pk
    # The audit log never holds a visitor's address.
    assert "sam@example.org" not in str(event.data) + event.object_repr


def test_get_on_the_link_shows_a_button_and_post_confirms(
    client, programme, hub, django_capture_on_commit_callbacks
):
    register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="sam@example.org"),
    )
    link = link_in(mail.outbox[0], CONFIRM_LINK)
    response = client.get(link)
    assert response.status_code == 200
    assert b"Confirm your request" in response.content
    assert InterestRegistration.objects.get().confirmed_at is None  # a mail scanner's GET
    response = client.post(link)
    assert response.status_code == 200
    assert b"You will hear when a Work Group opens" in response.content
    assert InterestRegistration.objects.waiting().count() == 1
    assert AuditEvent.objects.filter(verb="interest.confirmed").count() == 1
    client.post(link)  # again: nothing changes
    assert AuditEvent.objects.filter(verb="interest.confirmed").count() == 1


def _signed_days_ago(monkeypatch, days: int) -> None:
    """Links signed from now on carry a time `days` ago."""
    then = int(time.time()) - days * 24 * 60 * 60
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))


def test_the_confirmation_link_runs_out_after_a_week(client, programme, hub, monkeypatch):
    registration = InterestRegistration.objects.create(
        email="sam@example.org", programme=programme, hub=hub
    )
    with monkeypatch.context() as patched:
        _signed_days_ago(patched, 6)
        fresh = path_of(confirm_url(registration))
        _signed_days_ago(patched, 8)
        stale = path_of(confirm_url(registration))
    response = client.post(stale)
    assert b"This link no longer works" in response.content
    assert InterestRegistration.objects.get().confirmed_at is None
    response = client.post(fresh)
    assert InterestRegistration.objects.get().confirmed_at is not None


def test_a_forged_link_does_nothing(client, programme, hub, django_capture_on_commit_callbacks):
    register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="sam@example.org"),
    )
    link = link_in(mail.outbox[0], CONFIRM_LINK)
    response = client.post(link.replace("/confirm/", "/confirm/x"))
    assert b"This link no longer works" in response.content
    # A stop token is no confirmation token.
    stop = link_in(mail.outbox[0], STOP_LINK)
    response = client.post(stop.replace("/stop/", "/confirm/"))
    assert b"This link no longer works" in response.content
    assert InterestRegistration.objects.get().confirmed_at is None


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(
    client, programme, hub, django_capture_on_commit_callbacks
):
    known = register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="sam@example.org"),
    )
    client.post(link_in(mail.outbox[0], CONFIRM_LINK))
    again = register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="SAM@example.org"),
    )
    assert known.status_code == again.status_code == 302
    assert known["Location"] == again["Location"] == SENT
    # No second registration; a confirmed one is not sent another link.
    assert InterestRegistration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_asking_again_before_confirming_sends_the_link_again_a_few_times_a_day(
    client, programme, hub, django_capture_on_commit_callbacks
):
    for _ in range(5):
        register(
            client,
            django_capture_on_commit_callbacks,
            form_data(programme, hub.slug, email="sam@example.org"),
        )
    assert InterestRegistration.objects.count() == 1
    assert len(mail.outbox) == 3  # EMAILS_PER_ADDRESS


def test_another_phase_or_hub_is_another_registration(
    client, programme, hub, other_hub, django_capture_on_commit_callbacks
):
    for data in (
        form_data(programme, hub.slug, email="sam@example.org"),
        form_data(programme, hub.slug, email="sam@example.org", phase="primary"),
        form_data(programme, other_hub.slug, email="sam@example.org"),
    ):
        register(client, django_capture_on_commit_callbacks, data)
    assert InterestRegistration.objects.count() == 3


def test_a_phase_the_programme_is_not_for_is_refused(client, programme, hub):
    response = client.post(
        REGISTER, form_data(programme, hub.slug, email="sam@example.org", phase="secondary")
    )
    assert response.status_code == 200
    assert "Mastering Number is for primary" in response.content.decode()
    assert not InterestRegistration.objects.exists()


def test_the_form_says_what_is_missing(client):
    response = client.post(REGISTER, {})
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("Choose a programme", "Choose a Maths Hub", "Enter your email address"):
        assert message in html
    assert "Error: Tell me when a Work Group opens" in html


def test_the_honeypot_catches_bots_without_telling_them(
    client, programme, hub, django_capture_on_commit_callbacks
):
    response = register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="bot@example.org", website="http://spam.example"),
    )
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert not InterestRegistration.objects.exists()
    assert mail.outbox == []


def test_too_many_sends_from_one_address_are_refused(client, programme, hub, monkeypatch):
    monkeypatch.setattr("hubwork.content.views.interest.REGISTER_RATE_LIMIT", 2)
    for number in range(2):
        response = client.post(
            REGISTER, form_data(programme, hub.slug, email=f"person{number}@example.org")
        )
        assert response.status_code == 302
    response = client.post(REGISTER, form_data(programme, hub.slug, email="late@example.org"))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert b"too many times" in response.content
    assert InterestRegistration.objects.count() == 2


def test_a_signed_in_teacher_with_a_verified_address_is_confirmed_at_once(
    client, participant, programme, hub, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    response = client.get(REGISTER)
    assert b'name="email"' not in response.content
    assert participant.email.encode() in response.content
    response = register(client, django_capture_on_commit_callbacks, form_data(programme, hub.slug))
    assert response.status_code == 302
    assert response["Location"] == reverse("content:interest_mine")
    registration = InterestRegistration.objects.get()
    assert registration.user == participant
    assert registration.email == participant.email
    assert registration.confirmed_at is not None
    assert mail.outbox == []


def test_a_signed_in_person_whose_address_is_not_verified_confirms_by_email(
    client, programme, hub, django_capture_on_commit_callbacks
):
    person = UserFactory.create(verified_email=False)
    client.force_login(person)
    response = register(client, django_capture_on_commit_callbacks, form_data(programme, hub.slug))
    assert response["Location"] == SENT
    assert InterestRegistration.objects.get().confirmed_at is None
    assert mail.outbox[0].to == [person.email]


def test_the_stop_link_deletes_the_registration(
    client, programme, hub, django_capture_on_commit_callbacks
):
    register(
        client,
        django_capture_on_commit_callbacks,
        form_data(programme, hub.slug, email="sam@example.org"),
    )
    link = link_in(mail.outbox[0], STOP_LINK)
    response = client.get(link)
    assert b"Stop this request" in response.content
    assert InterestRegistration.objects.exists()
    response = client.post(link)
    assert b"Your request has been deleted" in response.content
    assert not InterestRegistration.objects.exists()
    assert AuditEvent.objects.filter(verb="interest.withdrawn").count() == 1
    # The same page again, whatever happened before.
    assert b"Your request has been deleted" in client.post(link).content


def test_the_stop_link_still_works_a_year_on(client, programme, hub, monkeypatch):
    registration = InterestRegistration.objects.create(
        email="sam@example.org", programme=programme, hub=hub, confirmed_at=timezone.now()
    )
    with monkeypatch.context() as patched:
        _signed_days_ago(patched, 400)
        link = path_of(stop_url(registration))
    client.post(link)
    assert not InterestRegistration.objects.exists()


def test_find_your_hub_on_the_form_offers_the_schools_local_hub(client, programme, hillside):
    response = client.get(f"{REGISTER}?programme={programme.slug}&school=Hillside")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hillside" in html
    assert f"programme={programme.slug}&amp;hub=glow" in html
