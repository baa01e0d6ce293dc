"""The PD Lead pathway: an accepted applicant is placed in a cohort of the hub's PD Lead
programme through the allocation services, takes part like anyone in a Work Group, and on
completing it is accredited and becomes an LLME of the hub from a start date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import Accreditation, HubRole
from hubwork.leaders.models import Application, HubApplication
from hubwork.leaders.services.pathway import pd_lead_cohort_place
from hubwork.programmes.models import Programme
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Allocation, Enrolment
from hubwork.workgroups.services.attendance import register_record
from hubwork.workgroups.services.completion import completion_apply, completion_override
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

THIS_YEAR = AcademicYear.current()


def accepted_applicant(hub, *, name="Asha Patel", school=None, status="accepted"):
    """An applicant whose application `hub` has taken to `status`."""
    applicant = UserFactory.create(display_name=name)
    application = Application.objects.create(
        applicant=applicant,
        school=school or SchoolFactory.create(name=f"School of {name}"),
        role_in_school="Maths lead",
        phases=["primary"],
        experience="Ten years teaching.",
        why="To help other teachers.",
        school_leader_name="Sam Head",
        school_leader_email="head@example.org",
    )
    return HubApplication.objects.create(application=application, hub=hub, status=status)


@pytest.fixture
def pd_lead(db):
    return ProgrammeFactory.create(
        name="PD Lead programme",
        slug="pd-lead-programme",
        kind=Programme.Kind.SPECIALIST,
        accreditation=Accreditation.Kind.PD_LEAD,
        completion_min_sessions=2,
    )


@pytest.fixture
def cohort(hub, pd_lead, llme):
    return WorkGroupFactory.create(
        hub=hub,
        programme=pd_lead,
        title="PD Lead cohort 1",
        leads=[llme],
        capacity=2,
        allocation=Allocation.REVIEW,
    )


def test_placing_enrols_them_with_their_school_and_emails_them(
    hub, hub_lead, cohort, django_capture_on_commit_callbacks, mailoutbox
):
    hub_application = accepted_applicant(hub)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = pd_lead_cohort_place(
            hub_application=hub_application, work_group=cohort, by=hub_lead
        )
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.school == hub_application.application.school
    assert enrolment.school_leader_email == "head@example.org"
    assert AuditEvent.objects.filter(verb="llme_application.placed_in_cohort").count() == 1
    assert [message.subject for message in mailoutbox] == [
        "Hubwork: you have a place in PD Lead cohort 1"
    ]


def test_a_full_cohort_refuses_and_saves_nothing(hub, hub_lead, cohort):
    EnrolmentFactory.create_batch(2, work_group=cohort)
    hub_application = accepted_applicant(hub)
    with pytest.raises(ValidationError, match="no room"):
        pd_lead_cohort_place(hub_application=hub_application, work_group=cohort, by=hub_lead)
    assert not Enrolment.objects.filter(user=hub_application.application.applicant).exists()


@pytest.mark.parametrize("problem", ["not_accepted", "not_accrediting", "draft", "other_hub"])
def test_only_accepted_applicants_go_into_an_open_cohort_of_their_hub(
    problem, hub, other_hub, hub_lead, cohort
):
    hub_application = accepted_applicant(
        hub, status="offered" if problem == "not_accepted" else "accepted"
    )
    if problem == "not_accrediting":
        cohort = WorkGroupFactory.create(hub=hub)
    elif problem == "draft":
        cohort.status = "draft"
    elif problem == "other_hub":
        cohort = WorkGroupFactory.create(hub=other_hub, programme=cohort.programme)
    with pytest.raises(ValidationError):
        pd_lead_cohort_place(hub_application=hub_application, work_group=cohort, by=hub_lead)
    assert not Enrolment.objects.exists()


def test_the_cohort_page_lists_this_hubs_applicants_and_places_one(
    client, hub, other_hub, hub_lead, cohort
):
    waiting = accepted_applicant(hub, name="Asha Patel")
    accepted_applicant(hub, name="Still Shortlisted", status="shortlisted")
    accepted_applicant(other_hub, name="Other Hubs Applicant")
    client.force_login(hub_lead)
    url = f"/hubs/{hub.slug}/manage/pd-lead-cohort/"
    html = client.get(url).content.decode()
    assert "Asha Patel" in html
    assert "PD Lead cohort 1" in html
    assert "Still Shortlisted" not in html
    assert "Other Hubs Applicant" not in html

    response = client.post(url, {"hub_application": waiting.pk, "work_group": cohort.pk})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "No accepted applicants are waiting for a cohort." in html
    assert 'data-testid="placed"' in html

    # Someone else's applicant (another hub's) is not one of the choices.
    other = accepted_applicant(other_hub, name="Ola Other")
    response = client.post(url, {"hub_application": other.pk, "work_group": cohort.pk})
    assert "Choose one of the applicants waiting for a cohort." in response.content.decode()


def test_the_cohort_page_is_for_the_hubs_staff(client, hub, llme, outsider, participant):
    url = f"/hubs/{hub.slug}/manage/pd-lead-cohort/"
    for user in (llme, outsider, participant):
        client.force_login(user)
        assert client.get(url).status_code == 403


def _run(cohort, enrolments, llme, presence):
    sessions = [SessionFactory.create(work_group=cohort, date=days(-60 + 20 * n)) for n in range(3)]
    for session in sessions:
        register_record(
            session=session,
            marks={enrolment.pk: presence[enrolment.pk] for enrolment in enrolments},
            by=llme,
        )


def test_completing_the_cohort_accredits_and_makes_them_an_llme_of_the_hub(
    hub, hub_lead, llme, cohort, django_capture_on_commit_callbacks, mailoutbox
):
    completer = pd_lead_cohort_place(
        hub_application=accepted_applicant(hub, name="Asha Patel"), work_group=cohort, by=hub_lead
    )
    dropped = pd_lead_cohort_place(
        hub_application=accepted_applicant(hub, name="Ben Short"), work_group=cohort, by=hub_lead
    )
    _run(cohort, [completer, dropped], llme, {completer.pk: "present", dropped.pk: "absent"})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        completion_apply(work_group=cohort, by=hub_lead)

    accreditation = Accreditation.objects.get()
    assert (accreditation.user, accreditation.kind) == (completer.user, "pd_lead")
    # The year the cohort's academic year ends; the role from the next academic year.
    assert accreditation.year_achieved == THIS_YEAR.start_year + 1
    role = HubRole.objects.get(user=completer.user)
    assert (role.hub, role.role) == (hub, HubRole.Kind.LLME)
    assert role.starts_on == date(THIS_YEAR.start_year + 1, 9, 1)
    assert AuditEvent.objects.filter(verb="llme.accredited").count() == 1
    welcome = [message for message in mailoutbox if "welcome" in message.subject]
    assert [message.to for message in welcome] == [[completer.user.email]]
    assert "PD Lead programme accreditation" in welcome[0].body
    assert f"/llmes/{completer.user.pk}/" in welcome[0].body

    # Applying completion again changes nothing; undoing it leaves the accreditation.
    completion_apply(work_group=cohort, by=hub_lead)
    completion_override(enrolment=completer, completed=False, by=hub_lead, reason="Mistake")
    completion_override(enrolment=completer, completed=True, by=hub_lead, reason="Fixed")
    assert Accreditation.objects.count() == 1
    assert HubRole.objects.filter(user=completer.user).count() == 1
    assert AuditEvent.objects.filter(verb="llme.accredited").count() == 1


def test_marking_someone_completed_by_hand_accredits_them_too(hub, hub_lead, cohort):
    enrolment = EnrolmentFactory.create(work_group=cohort)
    completion_override(enrolment=enrolment, completed=True, by=hub_lead, reason="Attended")
    assert Accreditation.objects.get().user == enrolment.user
    assert HubRole.objects.filter(user=enrolment.user, role="llme", hub=hub).exists()


def test_a_past_cohort_completed_late_starts_the_role_on_the_day(hub, hub_lead, pd_lead):
    last_year = THIS_YEAR.previous()
    cohort = WorkGroupFactory.create(
        hub=hub, programme=pd_lead, academic_year=last_year.start_year, status="running"
    )
    enrolment = EnrolmentFactory.create(work_group=cohort)
    completion_override(enrolment=enrolment, completed=True, by=hub_lead, reason="Late")
    role = HubRole.objects.get(user=enrolment.user)
    assert role.starts_on == timezone.localdate()
    assert Accreditation.objects.get().year_achieved == last_year.start_year + 1


def test_completing_an_ordinary_work_group_accredits_nobody(hub, hub_lead):
    work_group = WorkGroupFactory.create(hub=hub, status="running")
    enrolment = EnrolmentFactory.create(work_group=work_group)
    completion_override(enrolment=enrolment, completed=True, by=hub_lead, reason="Attended")
    assert not Accreditation.objects.exists()
