"""A Work Group's leads must use two-factor authentication before they see its participants'
personal details (names, emails, schools): they are sent to set it up, then brought back."""

import pytest

from hubwork.accounts.tests.factories import PASSWORD, UserFactory, enable_totp, totp_code
from hubwork.accounts.two_factor import RETURN_TO_SESSION_KEY
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

SET_UP = "/accounts/2fa/totp/activate/"


@pytest.fixture
def lead(hub):
    """An LLME who leads a Work Group and has not set up two-factor."""
    user = UserFactory.create(display_name="Lena Lead")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    return user


@pytest.fixture
def work_group(hub, lead):
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead], title="Mastering Number")
    EnrolmentFactory.create(work_group=work_group, user__email="pat@school.example")
    return work_group


def personal_pages(work_group):
    base = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/"
    first = SessionFactory.create(work_group=work_group, date=days(-14))
    second = SessionFactory.create(work_group=work_group, date=days(14))
    enrolment = work_group.enrolments.get()
    return [
        base + "participants/",
        base + "participants.csv",
        base + "participants/message/",
        base + f"participants/{enrolment.pk}/move/",
        base + f"sessions/{first.pk}/register/",
        base + "attendance/",
        base + "completion/",
        base + f"completion/{enrolment.pk}/",
        base + f"sessions/{second.pk}/what-we-tried/",
        base + f"sessions/{second.pk}/what-we-tried/print/",
    ]


def test_a_lead_without_two_factor_is_sent_to_set_it_up_from_every_page_of_personal_details(
    client, lead, work_group
):
    pages = personal_pages(work_group)
    client.force_login(lead)
    for page in pages:
        response = client.get(page)
        assert (response.status_code, response.url) == (302, SET_UP), page
        assert client.session[RETURN_TO_SESSION_KEY] == page
    # Nothing was downloaded: no export is in the audit log.
    assert not AuditEvent.objects.filter(verb="work_group.participants_exported").exists()
    # The pages without personal details still open.
    base = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/"
    assert client.get(base + "plans/").status_code == 200
    assert client.get("/dashboard/").status_code == 200


def test_people_who_may_not_see_the_page_are_still_refused_not_sent_to_set_up(
    client, work_group, participant, hub
):
    for page in personal_pages(work_group):
        client.force_login(participant)
        assert client.get(page).status_code == 403, page
    other_lead = UserFactory.create()
    HubRoleFactory.create(user=other_lead, hub=hub, role=HubRole.Kind.LLME)
    client.force_login(other_lead)
    assert client.get(personal_pages(work_group)[0]).status_code == 403


def test_the_lead_sets_up_two_factor_and_comes_back_to_the_participants(client, lead, work_group):
    participants = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/participants/"
    client.post("/accounts/login/", {"login": lead.email, "password": PASSWORD})
    response = client.get(participants, follow=True)
    # Setting two-factor up asks for the password again first (allauth's safeguard).
    assert response.redirect_chain[0] == (SET_UP, 302)
    assert "personal details, so you need two-factor" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    secret = response.context["form"].secret

    response = client.post(SET_UP, {"code": totp_code(secret)}, follow=True)
    html = response.content.decode()
    assert "Recovery codes" in html
    assert f'<a class="govuk-link" href="{participants}">Carry on to the page' in html

    response = client.get(participants)
    assert response.status_code == 200
    assert "pat@school.example" in response.content.decode()
    assert RETURN_TO_SESSION_KEY not in client.session
    # Once there, the way back is not offered again.
    assert "Carry on to the page" not in client.get("/accounts/2fa/").content.decode()


def test_with_two_factor_the_lead_sees_and_downloads_the_participants(client, lead, work_group):
    enable_totp(lead)
    client.force_login(lead)
    base = f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/"
    for page in personal_pages(work_group):
        assert client.get(page).status_code == 200, page
    assert "pat@school.example" in client.get(base + "participants.csv").content.decode()
    assert AuditEvent.objects.filter(verb="work_group.participants_exported").exists()


def test_the_dashboard_says_two_factor_is_needed_and_links_to_setting_it_up(
    client, lead, work_group
):
    SessionFactory.create(work_group=work_group, date=days(7))
    client.force_login(lead)
    html = client.get("/dashboard/").content.decode()
    assert "Required for your role" in html
    assert f'href="{SET_UP}">Set up an authenticator app' in html
    enable_totp(lead)
    html = client.get("/dashboard/").content.decode()
    assert f'href="{SET_UP}">Set up an authenticator app' not in html
