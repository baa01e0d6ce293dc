"""LLME applications through their pages: applying (signed out and in, errors by the field),
the school leader's link (GET shows, POST confirms), the applicant's page, and each hub's
pipeline, which shows that hub's part only, with a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.choices import Phase
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.leaders.application_links import school_leader_token
from hubwork.leaders.models import Application, HubApplication, HubApplicationNote
from hubwork.leaders.services.applications import (
    hub_application_move,
    hub_application_note_add,
    interview_arrange,
)
from hubwork.leaders.tests.test_applications_services import submit
from hubwork.workgroups.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
Status = HubApplication.Status


@pytest.fixture(autouse=True)
def _after_commit_at_once(monkeypatch):
    """The outbox hands emails on once the transaction commits; a test's never does."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def applicant(db):
    return UserFactory.create(display_name="Priya Clarke", email="priya@example.org")


@pytest.fixture
def other_hub_lead(other_hub):
    user = UserFactory.create(display_name="Owen Origin")
    HubRoleFactory.create(user=user, hub=other_hub, role=HubRole.Kind.HUB_LEAD)
    enable_totp(user)
    return user


def _pipeline(hub, status=""):
    url = reverse("leaders:hub_applications", kwargs={"hub_slug": hub.slug})
    return f"{url}?status={status}" if status else url


def _detail(part, name="leaders:hub_application"):
    return reverse(name, kwargs={"hub_slug": part.hub.slug, "pk": part.pk})


# Applying ----------------------------------------------------------------------------------


def test_signed_out_visitors_are_asked_to_sign_in(client):
    page = client.get(reverse("leaders:apply"))
    assert page.status_code == 200
    assert "Sign in or create an account to apply" in page.text
    assert client.post(reverse("leaders:apply")).status_code == 302


def test_a_teacher_applies_to_two_hubs(client, applicant, hub, other_hub, hillside):
    programme = ProgrammeFactory.create(name="Mastering Number")
    client.force_login(applicant)
    form = client.get(reverse("leaders:apply"))
    assert form.status_code == 200
    answer = client.post(
        reverse("leaders:apply"),
        {
            "school": "Hillside",
            "school_urn": str(hillside.urn),
            "role_in_school": "Year 4 teacher",
            "phases": [Phase.PRIMARY],
            "experience": "Eight years.",
            "accreditations_held": [],
            "programmes": [programme.pk],
            "why": "To help other teachers.",
            "school_leader_name": "Sam Head",
            "school_leader_email": "head@school.example.org",
            "hubs": [hub.pk, other_hub.pk],
        },
    )
    assert answer.status_code == 302, answer.text
    application = Application.objects.get()
    assert application.school == hillside
    assert list(application.programmes.all()) == [programme]
    assert application.hub_applications.count() == 2
    assert any(m.to == ["head@school.example.org"] for m in mail.outbox)
    mine = client.get(reverse("leaders:my_applications"))
    assert "GLOW Maths Hub" in mine.text
    assert "Origin Maths Hub" in mine.text
    assert "Waiting for the school leader" in mine.text


def test_errors_show_by_their_fields_and_the_local_hub_comes_first(
    client, applicant, hub, other_hub, hillside
):
    client.force_login(applicant)
    answer = client.post(
        reverse("leaders:apply"),
        {"school_urn": str(hillside.urn), "school_leader_email": "not an address"},
    )
    assert answer.status_code == 200
    assert "There is a problem" in answer.text
    for message in (
        "Enter your role in school.",
        "Choose the phases you teach.",
        "Tell us why you want to become an LLME.",
        "Enter an email address, like name@example.org.",
        "Choose at least one Maths Hub to apply to.",
    ):
        assert message in answer.text
    assert "GLOW Maths Hub (your school&#x27;s local hub)" in answer.text
    assert answer.text.index("GLOW Maths Hub (your") < answer.text.index("Origin Maths Hub")


# The school leader ---------------------------------------------------------------------------


def test_the_leader_page_shows_on_get_and_confirms_on_post(client, applicant, hub, other_hub):
    application = submit(applicant, [hub, other_hub])
    url = reverse(
        "leaders:school_leader_confirm", kwargs={"token": school_leader_token(application)}
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Priya Clarke" in page.text
    assert "Origin Maths Hub" in page.text
    application.refresh_from_db()
    assert application.school_leader_confirmed_at is None  # a mail scanner's GET does nothing
    assert client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.school_leader_confirmed_at is not None
    assert "You confirmed your support" in client.get(url).text


def test_a_broken_leader_link_says_so(client):
    url = reverse("leaders:school_leader_confirm", kwargs={"token": "not-a-token"})
    page = client.get(url)
    assert page.status_code == 404
    assert "This link does not work" in page.text
    assert client.post(url).status_code == 404


# The applicant's page ------------------------------------------------------------------------


def test_the_applicant_accepts_an_offer_and_withdraws_from_another_hub(
    client, applicant, hub, other_hub, hub_lead
):
    application = submit(applicant, [hub, other_hub])
    glow = application.hub_applications.get(hub=hub)
    origin = application.hub_applications.get(hub=other_hub)
    hub_application_move(hub_application=glow, to_status=Status.SHORTLISTED, by=hub_lead)
    interview_arrange(
        hub_application=glow,
        at=timezone.now() + timedelta(days=3),
        minutes=30,
        place="Online",
        by=hub_lead,
    )
    hub_application_move(hub_application=glow, to_status=Status.OFFERED, by=hub_lead)
    client.force_login(applicant)
    assert "Accept the offer" in client.get(reverse("leaders:my_applications")).text
    client.post(reverse("leaders:hub_application_accept", kwargs={"pk": glow.pk}))
    glow.refresh_from_db()
    assert glow.status == Status.ACCEPTED
    withdraw = reverse("leaders:hub_application_withdraw", kwargs={"pk": origin.pk})
    assert client.get(withdraw).status_code == 200
    assert client.post(withdraw, {"reason": "I accepted GLOW."}).status_code == 302
    origin.refresh_from_db()
    assert origin.status == Status.WITHDRAWN
    assert origin.reason == "I accepted GLOW."


def test_someone_elses_application_is_not_found(client, applicant, participant, hub):
    part = submit(applicant, [hub]).hub_applications.get()
    client.force_login(participant)
    withdraw = reverse("leaders:hub_application_withdraw", kwargs={"pk": part.pk})
    assert client.get(withdraw).status_code == 404
    assert client.post(withdraw).status_code == 404
    again = reverse("leaders:application_ask_again", kwargs={"pk": part.application_id})
    assert client.post(again).status_code == 404
    assert "GLOW" not in client.get(reverse("leaders:my_applications")).text


# A hub's pipeline ------------------------------------------------------------------------


def test_each_hub_sees_only_its_own_part(
    client, applicant, hub, other_hub, hub_lead, other_hub_lead
):
    """Hub A's staff never see hub B's status, notes, history, or that the person applied
    there at all; the application's shared fields are fine."""
    application = submit(applicant, [hub, other_hub])
    glow = application.hub_applications.get(hub=hub)
    origin = application.hub_applications.get(hub=other_hub)
    hub_application_move(
        hub_application=origin,
        to_status=Status.NOT_PROGRESSED,
        by=other_hub_lead,
        reason="ORIGIN-REASON",
    )
    hub_application_note_add(hub_application=origin, by=other_hub_lead, text="ORIGIN-NOTE")
    hub_application_note_add(hub_application=glow, by=hub_lead, text="GLOW-NOTE")

    client.force_login(hub_lead)
    for url in (_pipeline(hub), _detail(glow), _detail(glow, "leaders:hub_application_interview")):
        page = client.get(url)
        assert page.status_code == 200
        assert "Priya Clarke" in page.text
        for leak in ("Origin", "ORIGIN-REASON", "ORIGIN-NOTE", "Not progressed (1)"):
            assert leak not in page.text, (url, leak)
    assert "GLOW-NOTE" in client.get(_detail(glow)).text
    # Hub B's part through hub A's address: not found; hub B's own address: forbidden.
    assert (
        client.get(
            reverse("leaders:hub_application", kwargs={"hub_slug": hub.slug, "pk": origin.pk})
        ).status_code
        == 404
    )
    assert client.get(_detail(origin)).status_code == 403
    assert client.get(_pipeline(other_hub)).status_code == 403
    for name in ("leaders:hub_application_step", "leaders:hub_application_note"):
        assert client.post(_detail(origin, name), {"to_status": "shortlisted"}).status_code == 403

    client.force_login(other_hub_lead)
    page = client.get(_detail(origin))
    assert "ORIGIN-NOTE" in page.text
    assert "GLOW-NOTE" not in page.text
    assert "GLOW" not in page.text


def test_hub_staff_move_an_application_on_with_errors_by_the_field(
    client, applicant, hub, hub_lead
):
    assistant = UserFactory.create(display_name="Arjun Shah")
    HubRoleFactory.create(
        user=assistant, hub=hub, role=HubRole.Kind.ASSISTANT_HUB_LEAD, phase=Phase.PRIMARY
    )
    enable_totp(assistant)
    part = submit(applicant, [hub]).hub_applications.get()
    client.force_login(assistant)  # assistant hub leads move steps too
    refused = client.post(_detail(part, "leaders:hub_application_step"), {"to_status": ""})
    assert refused.status_code == 200
    assert "Choose what happens next." in refused.text
    refused = client.post(
        _detail(part, "leaders:hub_application_step"), {"to_status": Status.NOT_PROGRESSED}
    )
    assert "Say why the application is not progressed." in refused.text
    # A step the pipeline does not allow now is not even offered.
    refused = client.post(
        _detail(part, "leaders:hub_application_step"), {"to_status": Status.OFFERED}
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text
    done = client.post(
        _detail(part, "leaders:hub_application_step"), {"to_status": Status.SHORTLISTED}
    )
    assert done.status_code == 302
    interview = _detail(part, "leaders:hub_application_interview")
    when = timezone.localtime() + timedelta(days=10)
    done = client.post(
        interview,
        {
            "interview_date": when.date().isoformat(),
            "interview_time": "16:00",
            "interview_minutes": "45",
            "interview_place": "GLOW office",
        },
    )
    assert done.status_code == 302
    part.refresh_from_db()
    assert part.status == Status.INTERVIEW_ARRANGED
    assert mail.outbox[-1].attachments
    client.post(_detail(part, "leaders:hub_application_note"), {"text": "Good interview."})
    assert HubApplicationNote.objects.get().author == assistant
    page = client.get(_detail(part))
    assert "Interview arranged" in page.text
    assert "Good interview." in page.text


def test_the_pipeline_counts_and_filters(client, hub, hub_lead):
    parts = [submit(UserFactory.create(), [hub]).hub_applications.get() for _ in range(3)]
    hub_application_move(hub_application=parts[0], to_status=Status.SHORTLISTED, by=hub_lead)
    client.force_login(hub_lead)
    page = client.get(_pipeline(hub, Status.SHORTLISTED))
    assert "Shortlisted (1)" in page.text
    assert "Received (2)" in page.text
    assert len(re.findall(r'href="/hubs/glow/manage/llme-applications/\d+/"', page.text)) == 1


def test_the_pipeline_keeps_a_fixed_number_of_queries(
    client, hub, hub_lead, django_assert_num_queries, django_assert_max_num_queries
):
    submit(UserFactory.create(), [hub])
    client.force_login(hub_lead)
    client.get(_pipeline(hub))  # warm what is loaded once per process
    with django_assert_max_num_queries(100) as few:
        client.get(_pipeline(hub))
    for _ in range(4):
        part = submit(UserFactory.create(), [hub]).hub_applications.get()
        hub_application_move(hub_application=part, to_status=Status.SHORTLISTED, by=hub_lead)
    with django_assert_num_queries(len(few)):
        page = client.get(_pipeline(hub))
    assert page.text.count("Waiting for the school leader") == 5


def test_the_detail_keeps_a_fixed_number_of_queries(
    client, applicant, hub, hub_lead, django_assert_num_queries, django_assert_max_num_queries
):
    part = submit(applicant, [hub]).hub_applications.get()
    client.force_login(hub_lead)
    client.get(_detail(part))
    with django_assert_max_num_queries(100) as few:
        client.get(_detail(part))
    for number in range(3):
        hub_application_note_add(hub_application=part, by=hub_lead, text=f"Note {number}")
    hub_application_move(hub_application=part, to_status=Status.SHORTLISTED, by=hub_lead)
    with django_assert_num_queries(len(few)):
        client.get(_detail(part))
