"""RIWG research projects: starting one from its Work Group, its page, its leads' edits and
status steps, who may see what, carrying it over to next year, and the lists of projects."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.programmes.models import Programme
from hubwork.research.models import ProjectSchool, ProjectYear, ResearchProject
from hubwork.research.services import projects as services
from hubwork.research.tests.factories import ReadingFactory, ThemeFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.services.work_groups import work_group_copy_to_next_year
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

Status = ResearchProject.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def riwg(hub, llme) -> WorkGroup:
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme__kind=Programme.Kind.RIWG,
        programme__name="RIWG: Oracy",
        title="RIWG: Oracy in Key Stage 3",
        academic_year=2025,
    )
    work_group.leads.add(llme)
    return work_group


@pytest.fixture
def member(riwg, participant):
    EnrolmentFactory.create(work_group=riwg, user=participant)
    return participant


@pytest.fixture
def project(riwg, llme) -> ResearchProject:
    return services.project_start(work_group=riwg, by=llme)


def _ready(project: ResearchProject, by) -> ResearchProject:
    return services.project_update(
        project=project,
        by=by,
        question="Does structured talk help pupils explain?",
        ethics_school_agrees=True,
        ethics_no_identifying_data=True,
        ethics_aggregate_only=True,
    )


# --- Starting a project ---------------------------------------------------------------------


def test_a_lead_starts_the_project_from_the_work_group(client, riwg, llme):
    client.force_login(llme)
    url = reverse("research:work_group_project", kwargs={"slug": riwg.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "Start the research project" in page.text

    response = client.post(url)

    project = ResearchProject.objects.get()
    assert response.url == reverse("research:project_edit", kwargs={"pk": project.pk})
    assert project.hub == riwg.hub
    assert project.title == riwg.title
    assert project.status == Status.PLANNING
    assert list(project.years.values_list("number", "work_group")) == [(1, riwg.pk)]
    assert AuditEvent.objects.filter(verb="research_project.started").count() == 1
    # Starting again (a second lead, or a double press) leads to the same project.
    client.post(url)
    assert ResearchProject.objects.count() == 1
    assert client.get(url).url == reverse("research:project", kwargs={"pk": project.pk})


def test_a_member_cannot_start_it_but_is_told_it_is_coming(client, riwg, member):
    client.force_login(member)
    url = reverse("research:work_group_project", kwargs={"slug": riwg.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "have not started the research project" in page.text
    assert client.post(url).status_code == 403
    assert not ResearchProject.objects.exists()


def test_a_work_group_that_is_not_an_riwg_has_no_project(client, hub, llme):
    work_group = WorkGroupFactory.create(hub=hub)
    work_group.leads.add(llme)
    client.force_login(llme)
    url = reverse("research:work_group_project", kwargs={"slug": work_group.slug})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not ResearchProject.objects.exists()


# --- Editing and statuses -------------------------------------------------------------------


def test_a_lead_fills_in_the_details_themes_and_timeline(client, project, llme):
    theme = ThemeFactory.create(name="Oracy", slug="oracy")
    year = project.years.get()
    client.force_login(llme)
    response = client.post(
        reverse("research:project_edit", kwargs={"pk": project.pk}),
        {
            "title": "Talk for reasoning",
            "question": "Does structured talk help?",
            "context": "Six schools in Gloucestershire.",
            "method": "Three cycles.",
            "themes": [theme.pk],
            "ethics_school_agrees": "on",
            "timeline_1": "October: cycle 1\nJanuary: cycle 2",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    year.refresh_from_db()
    assert project.title == "Talk for reasoning"
    assert project.ethics_school_agrees
    assert not project.ethics_aggregate_only
    assert list(project.themes.all()) == [theme]
    assert year.timeline == "October: cycle 1\nJanuary: cycle 2"
    page = client.get(reverse("research:project", kwargs={"pk": project.pk}))
    assert "January: cycle 2" in page.text
    assert "Oracy" in page.text


def test_the_edit_page_shows_errors_by_the_field(client, project, llme):
    client.force_login(llme)
    response = client.post(reverse("research:project_edit", kwargs={"pk": project.pk}), {})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert 'href="#id_title"' in response.text  # the summary links to the field
    assert "govuk-form-group--error" in response.text


def test_collecting_needs_a_question_and_the_whole_ethics_checklist(client, project, llme):
    client.force_login(llme)
    url = reverse("research:project_status", kwargs={"pk": project.pk})
    response = client.post(url, {"status": Status.COLLECTING}, follow=True)
    project.refresh_from_db()
    assert project.status == Status.PLANNING
    assert "Tick every item of the ethics checklist" in response.text

    services.project_update(project=project, by=llme, question="Q?", ethics_school_agrees=True)
    client.post(url, {"status": Status.COLLECTING})
    project.refresh_from_db()
    assert project.status == Status.PLANNING

    _ready(project, llme)
    client.post(url, {"status": Status.COLLECTING})
    project.refresh_from_db()
    assert project.status == Status.COLLECTING
    event = AuditEvent.objects.get(verb="research_project.status_changed")
    assert event.data == {"was": "planning", "now": "collecting"}


def test_leads_step_on_and_back_one_status_at_a_time(project, llme):
    _ready(project, llme)
    with pytest.raises(ValidationError, match="cannot move"):
        services.project_status_set(project=project, status=Status.ANALYSING, by=llme)
    for status in (Status.COLLECTING, Status.ANALYSING, Status.WRITING_UP):
        project = services.project_status_set(project=project, status=status, by=llme)
    assert services.next_lead_status(project) is None
    project = services.project_status_set(project=project, status=Status.ANALYSING, by=llme)
    assert project.status == Status.ANALYSING
    # Submission is reviews' business: leads cannot submit or step back after it.
    with pytest.raises(ValidationError, match="cannot move"):
        services.project_status_set(project=project, status=Status.SUBMITTED, by=llme)
    ResearchProject.objects.filter(pk=project.pk).update(status=Status.SUBMITTED)
    project.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot move"):
        services.project_status_set(project=project, status=Status.WRITING_UP, by=llme)


def test_the_ethics_checklist_stays_ticked_once_collecting(project, llme):
    project = _ready(project, llme)
    services.project_status_set(project=project, status=Status.COLLECTING, by=llme)
    with pytest.raises(ValidationError) as raised:
        services.project_update(project=project, by=llme, ethics_aggregate_only=False)
    assert "ethics_aggregate_only" in raised.value.message_dict


# --- Who may see and change it --------------------------------------------------------------


def test_a_member_reads_the_project_but_cannot_change_it(client, project, member):
    client.force_login(member)
    page = client.get(reverse("research:project", kwargs={"pk": project.pk}))
    assert page.status_code == 200
    assert "Change the project's details" not in page.text
    assert (
        client.get(reverse("research:project_edit", kwargs={"pk": project.pk})).status_code == 403
    )
    response = client.post(
        reverse("research:project_status", kwargs={"pk": project.pk}), {"status": "collecting"}
    )
    assert response.status_code == 403


def test_another_hubs_llme_does_not_find_an_unpublished_project(client, project, other_hub):
    other_llme = UserFactory.create()
    HubRoleFactory.create(user=other_llme, hub=other_hub, role=HubRole.Kind.LLME)
    client.force_login(other_llme)
    for name in ("research:project", "research:project_edit", "research:cycle_create"):
        assert client.get(reverse(name, kwargs={"pk": project.pk})).status_code == 404
    # ... nor in the lists.
    assert "RIWG: Oracy" not in client.get(reverse("research:projects")).text


def test_hub_staff_and_national_admins_see_every_project_in_their_lists(
    client, project, hub_lead, national_admin, outsider
):
    client.force_login(hub_lead)
    page = client.get(reverse("research:hub_projects", kwargs={"hub_slug": project.hub.slug}))
    assert page.status_code == 200
    assert project.title in page.text
    client.force_login(outsider)
    assert (
        client.get(
            reverse("research:hub_projects", kwargs={"hub_slug": project.hub.slug})
        ).status_code
        == 403
    )
    assert client.get(reverse("research:national_projects")).status_code == 403
    client.force_login(national_admin)
    url = reverse("research:national_projects")
    assert project.title in client.get(url).text
    assert project.title in client.get(url, {"status": "planning"}).text
    assert project.title not in client.get(url, {"status": "published"}).text


def test_members_and_leads_find_their_projects(client, project, member, llme):
    for user in (member, llme):
        client.force_login(user)
        page = client.get(reverse("research:projects"))
        assert project.title in page.text


# --- Readings and schools -------------------------------------------------------------------


def test_leads_add_and_remove_readings_found_in_the_library(client, project, llme):
    reading = ReadingFactory.create(title="Exploratory talk in maths lessons")
    ReadingFactory.create(title="Fractions on a number line")
    client.force_login(llme)
    url = reverse("research:project", kwargs={"pk": project.pk})
    found = client.get(url, {"q": "exploratory talk"})
    assert "Exploratory talk in maths lessons" in found.text
    assert "Fractions on a number line" not in found.text

    client.post(
        reverse("research:project_reading_add", kwargs={"pk": project.pk}),
        {"reading": reading.pk},
    )
    assert list(project.readings.all()) == [reading]
    client.post(
        reverse("research:project_reading_remove", kwargs={"pk": project.pk}),
        {"reading": reading.pk},
    )
    assert not project.readings.exists()
    assert AuditEvent.objects.filter(verb__startswith="research_project.reading_").count() == 2


def test_leads_record_each_schools_consent_to_be_named(client, project, member, llme):
    school = Enrolment.objects.get(user=member).school
    stranger = SchoolFactory.create()
    client.force_login(llme)
    url = reverse("research:project_school_consent", kwargs={"pk": project.pk})
    client.post(url, {"school": school.pk, "named_with_consent": "yes"})
    client.post(url, {"school": stranger.pk, "named_with_consent": "yes"})
    assert list(ProjectSchool.objects.values_list("school", "named_with_consent")) == [
        (school.pk, True)
    ]
    page = client.get(reverse("research:project", kwargs={"pk": project.pk}))
    assert school.name in page.text
    assert "Yes, the school agreed" in page.text


# --- Year 2 ---------------------------------------------------------------------------------


def test_copying_the_riwg_to_next_year_carries_the_project_over(
    client, riwg, project, member, hub_lead, llme
):
    newcomer = UserFactory.create(display_name="Nina Newcomer")
    copy = work_group_copy_to_next_year(work_group=riwg, by=hub_lead)

    assert list(project.years.order_by("number").values_list("number", "work_group")) == [
        (1, riwg.pk),
        (2, copy.pk),
    ]
    # Copying a Work Group without a project adds nothing.
    plain = WorkGroupFactory.create(hub=riwg.hub)
    work_group_copy_to_next_year(work_group=plain, by=hub_lead)
    assert ProjectYear.objects.count() == 2

    last_year = Enrolment.objects.get(user=member, work_group=riwg)
    EnrolmentFactory.create(work_group=copy, user=member, continues_from=last_year)
    EnrolmentFactory.create(work_group=copy, user=newcomer)
    client.force_login(newcomer)
    page = client.get(reverse("research:project", kwargs={"pk": project.pk}))
    assert page.status_code == 200
    assert "Year 2" in page.text
    assert "1 continuing, 1 new" in page.text


# --- Query counts ---------------------------------------------------------------------------


def test_the_project_page_keeps_a_fixed_number_of_queries(client, riwg, project, llme):
    from hubwork.research.services.cycles import cycle_create

    client.force_login(llme)
    url = reverse("research:project", kwargs={"pk": project.pk})
    year = project.years.get()

    def add_member_with_cycle() -> None:
        enrolment = EnrolmentFactory.create(work_group=riwg)
        cycle_create(
            project=project, year=year, by=enrolment.user, asked="Q", class_description="Y8"
        )
        project.readings.add(ReadingFactory.create())

    add_member_with_cycle()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        add_member_with_cycle()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_details_no_longer_change_once_submitted(client, project, llme):
    ResearchProject.objects.filter(pk=project.pk).update(status=Status.SUBMITTED)
    project.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer change"):
        services.project_update(project=project, by=llme, title="Changed")
    client.force_login(llme)
    page = client.get(reverse("research:project", kwargs={"pk": project.pk}))
    assert "Submitted for review" in page.text
    assert "Change the project's details" not in page.text


def test_a_lead_finds_their_riwg_without_a_project_to_start(client, riwg, llme):
    client.force_login(llme)
    page = client.get(reverse("research:projects"))
    assert reverse("research:work_group_project", kwargs={"slug": riwg.slug}) in page.text
    services.project_start(work_group=riwg, by=llme)
    page = client.get(reverse("research:projects"))
    assert reverse("research:work_group_project", kwargs={"slug": riwg.slug}) not in page.text
