"""Enquiry cycles: members record their own, everyone in the project reads them, only the
author changes or deletes them, and only their own trials in the project can be linked."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.programmes.models import Programme
from hubwork.research.models import EnquiryCycle, ResearchProject
from hubwork.research.services import projects as project_services
from hubwork.research.services.cycles import cycle_create, cycles_data_erase
from hubwork.workgroups.models import WorkGroup
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def riwg(hub, llme) -> WorkGroup:
    work_group = WorkGroupFactory.create(hub=hub, programme__kind=Programme.Kind.RIWG)
    work_group.leads.add(llme)
    return work_group


@pytest.fixture
def project(riwg, llme) -> ResearchProject:
    return project_services.project_start(work_group=riwg, by=llme)


@pytest.fixture
def member(riwg, participant):
    EnrolmentFactory.create(work_group=riwg, user=participant)
    return participant


@pytest.fixture
def colleague(riwg):
    return EnrolmentFactory.create(work_group=riwg, user__display_name="Cara Colleague").user


CYCLE = {
    "asked": "Do sentence stems help pupils explain?",
    "class_description": "Year 8, set 3",
    "did": "Used stems in three lessons.",
    "observed": "More pupils explained in full sentences.",
    "concluded": "Keep the stems; fade them out.",
}


def _create_url(project: ResearchProject) -> str:
    return reverse("research:cycle_create", kwargs={"pk": project.pk})


def test_a_member_records_a_cycle_linked_to_their_own_trial(client, project, riwg, member):
    own = ClassroomTrialFactory.create(work_group=riwg, author=member)
    elsewhere = ClassroomTrialFactory.create(author=member)  # another Work Group's
    client.force_login(member)
    form = client.get(_create_url(project))
    assert form.status_code == 200
    assert "No pupil" in form.text or "never name" in form.text
    assert f'value="{elsewhere.pk}"' not in form.text

    response = client.post(_create_url(project), {**CYCLE, "trials": [own.pk]})

    assert response.status_code == 302
    cycle = EnquiryCycle.objects.get()
    assert cycle.author == member
    assert cycle.year == project.years.get()
    assert list(cycle.trials.all()) == [own]
    assert AuditEvent.objects.filter(verb="enquiry_cycle.created").exists()


def test_a_cycle_cannot_link_someone_elses_trial(client, project, riwg, member, colleague):
    theirs = ClassroomTrialFactory.create(work_group=riwg, author=colleague)
    ClassroomTrialFactory.create(work_group=riwg, author=member)
    client.force_login(member)
    response = client.post(_create_url(project), {**CYCLE, "trials": [theirs.pk]})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert not EnquiryCycle.objects.exists()
    # The service refuses it too, whatever the form offered.
    with pytest.raises(ValidationError):
        cycle_create(project=project, year=project.years.get(), by=member, trials=[theirs], **CYCLE)


def test_a_cycle_needs_what_was_asked_and_the_class(client, project, member):
    client.force_login(member)
    response = client.post(_create_url(project), {"did": "Something"})
    assert 'href="#id_asked"' in response.text
    assert 'href="#id_class_description"' in response.text
    assert not EnquiryCycle.objects.exists()


def test_everyone_in_the_project_reads_cycles_but_only_the_author_changes_them(
    client, project, member, colleague, llme
):
    client.force_login(member)
    client.post(_create_url(project), CYCLE)
    cycle = EnquiryCycle.objects.get()
    edit = reverse("research:cycle_edit", kwargs={"pk": project.pk, "cycle_pk": cycle.pk})
    delete = reverse("research:cycle_delete", kwargs={"pk": project.pk, "cycle_pk": cycle.pk})
    page = reverse("research:project", kwargs={"pk": project.pk})

    for reader in (colleague, llme):
        client.force_login(reader)
        assert CYCLE["observed"] in client.get(page).text
        assert client.get(edit).status_code == 404
        assert client.post(delete).status_code == 404
    assert EnquiryCycle.objects.exists()

    client.force_login(member)
    client.post(edit, {**CYCLE, "concluded": "Fade the stems by Easter."})
    cycle.refresh_from_db()
    assert cycle.concluded == "Fade the stems by Easter."
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not EnquiryCycle.objects.exists()


def test_outsiders_cannot_record_cycles(client, project):
    client.force_login(UserFactory.create())
    assert client.get(_create_url(project)).status_code == 404
    assert client.post(_create_url(project), CYCLE).status_code == 404


def test_erasure_deletes_a_persons_cycles(client, project, member, colleague):
    client.force_login(member)
    client.post(_create_url(project), CYCLE)
    client.force_login(colleague)
    client.post(_create_url(project), CYCLE)
    counts = cycles_data_erase(member)
    assert counts["enquiry_cycles_deleted"] == 1
    assert list(EnquiryCycle.objects.values_list("author", flat=True)) == [colleague.pk]
