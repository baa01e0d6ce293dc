"""Your details: a person changes their own name, through a service that validates and audits."""

import pytest
from django.core.exceptions import ValidationError

from hubwork.accounts.models import User
from hubwork.accounts.services.users import user_details_update
from hubwork.core.models import AuditEvent

URL = "/accounts/details/"


@pytest.fixture
def signed_in(client, participant):
    client.force_login(participant)
    return client


def test_your_details_shows_your_email_and_name(signed_in, participant):
    html = signed_in.get(URL).content.decode()
    assert "<title>Your details – Hubwork</title>" in html
    assert participant.email in html
    assert 'value="Priya Clarke"' in html
    assert 'autocomplete="name"' in html


def test_the_account_pages_and_every_page_s_header_link_here(signed_in):
    assert 'href="/accounts/details/" aria-current="page">Your details</a>' in (
        signed_in.get(URL).content.decode()
    )
    email_page = signed_in.get("/accounts/email/").content.decode()
    assert '<a class="govuk-link govuk-link--no-visited-state" href="/accounts/details/">' in (
        email_page
    )
    dashboard = signed_in.get("/dashboard/").content.decode()
    assert '<a class="hubwork-header__account-link" href="/accounts/details/">Your account</a>' in (
        dashboard
    )


def test_changing_your_name(signed_in, participant):
    response = signed_in.post(URL, {"display_name": "  Priya   Clarke-Smith "})
    assert response.status_code == 302
    assert response.url == URL
    assert User.objects.get(pk=participant.pk).display_name == "Priya Clarke-Smith"
    page = signed_in.get(URL).content.decode()
    assert "Your details are saved." in page
    event = AuditEvent.objects.get(verb="user.details_changed")
    assert (event.actor, event.object_id) == (participant, str(participant.pk))
    # Which details changed, never what to: a name is personal data.
    assert event.data == {"changed": ["display_name"]}
    assert "Clarke-Smith" not in str(event.data) + event.object_repr.replace("Clarke-Smith", "")


def test_a_name_is_needed(signed_in, participant):
    response = signed_in.post(URL, {"display_name": "   "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Your details – Hubwork</title>" in html
    assert 'href="#id_display_name">Enter your name</a>' in html
    assert User.objects.get(pk=participant.pk).display_name == "Priya Clarke"
    assert not AuditEvent.objects.filter(verb="user.details_changed").exists()


def test_a_name_has_a_length_limit(signed_in, participant):
    response = signed_in.post(URL, {"display_name": "A" * 151})
    assert "Your name must be 150 characters or fewer" in response.content.decode()
    assert User.objects.get(pk=participant.pk).display_name == "Priya Clarke"


@pytest.mark.parametrize("name", ["Eve\r\nBcc: everyone@example.org", "Eve\x00", "Eve\x85Bcc"])
def test_a_name_with_line_breaks_or_control_characters_is_refused(signed_in, participant, name):
    response = signed_in.post(URL, {"display_name": name})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'href="#id_display_name">Enter your name without line breaks or control characters</a>'
        in html
    )
    assert User.objects.get(pk=participant.pk).display_name == "Priya Clarke"


def test_the_service_refuses_line_breaks_in_a_name_too(participant):
    with pytest.raises(ValidationError) as refused:
        user_details_update(user=participant, display_name="Eve\nBcc: everyone@example.org")
    assert refused.value.message_dict == {
        "display_name": ["Enter your name without line breaks or control characters"]
    }


def test_saving_the_same_name_writes_nothing(participant):
    user_details_update(user=participant, display_name="Priya Clarke")
    assert not AuditEvent.objects.filter(verb="user.details_changed").exists()
    with pytest.raises(ValidationError):
        user_details_update(user=participant, display_name="")


def test_signed_out_people_are_asked_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
