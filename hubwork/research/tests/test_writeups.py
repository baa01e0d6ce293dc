"""The write-up of a research project through its pages: co-leads edit it together and a
stale save is refused with nothing lost, every save is a version with its history and diff,
restoring is a new save, editing stops once submitted, and who may read and change it."""

import pytest
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.research.models import ProjectSchool, ResearchProject, WriteUpVersion
from hubwork.research.selectors.writeups import text_diff, writeup_participants
from hubwork.research.services.writeups import WriteUpData, writeup_save
from hubwork.research.tests.factories import ResearchProjectFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db

Status = ResearchProject.Status


@pytest.fixture
def co_lead(hub):
    user = UserFactory.create(display_name="Grace Adeyemi")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    enable_totp(user)
    return user


@pytest.fixture
def project(hub, llme, co_lead):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme, co_lead], title="RIWG: Oracy")
    return ResearchProjectFactory.create(
        work_group=work_group, title="Talk for reasoning", status=Status.WRITING_UP
    )


@pytest.fixture
def member(project):
    enrolment = EnrolmentFactory.create(work_group=project.years.get().work_group)
    return enrolment.user


def url(project, name="research:writeup", **kwargs):
    return reverse(name, kwargs={"pk": project.pk, **kwargs})


def form(version, **parts):
    return {
        "summary": "",
        "findings": "",
        "implications": "",
        "limitations": "",
        "version": str(version),
        **parts,
    }


def test_a_lead_saves_the_write_up_as_a_version(client, project, llme):
    client.force_login(llme)
    response = client.post(
        url(project), form(0, summary="We tried talk frames.\r\n", findings="More reasoning.")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary == "We tried talk frames."
    assert project.writeup_version == 1
    assert project.writeup_updated_by == llme
    version = WriteUpVersion.objects.get(project=project)
    assert (version.number, version.summary, version.saved_by) == (1, project.summary, llme)
    event = AuditEvent.objects.get(verb="research_project.writeup_saved")
    assert event.data["version"] == 1
    assert event.hub_id == project.hub_id
    page = client.get(url(project))
    assert "saved as version 1" in page.content.decode()


def test_saving_nothing_new_writes_no_version(client, project, llme):
    writeup_save(project=project, data=WriteUpData(summary="Same"), version=0, by=llme)
    client.force_login(llme)
    client.post(url(project), form(1, summary="Same"))
    project.refresh_from_db()
    assert project.writeup_version == 1
    assert WriteUpVersion.objects.filter(project=project).count() == 1


def test_a_stale_save_is_refused_and_nothing_is_lost(client, project, llme, co_lead):
    # Both open version 1; Grace saves first.
    writeup_save(project=project, data=WriteUpData(summary="First draft"), version=0, by=llme)
    writeup_save(
        project=project, data=WriteUpData(summary="Grace's summary"), version=1, by=co_lead
    )
    client.force_login(llme)
    response = client.post(url(project), form(1, summary="Liam's summary", findings="Liam's"))
    assert response.status_code == 409
    body = response.content.decode()
    # Nothing written: Grace's words stand.
    project.refresh_from_db()
    assert project.summary == "Grace's summary"
    assert project.writeup_version == 2
    assert WriteUpVersion.objects.filter(project=project).count() == 2
    # Liam's words are still in the form, Grace's are shown beside them, with who saved.
    assert "Your changes are not saved yet" in body
    assert "Grace Adeyemi saved the write-up at" in body
    assert "Liam&#x27;s summary</textarea>" in body
    assert "Grace&#x27;s summary" in body
    # The form now carries Grace's version, so saving again (having merged) succeeds.
    assert 'name="version" value="2"' in body
    merged = client.post(url(project), form(2, summary="Grace's and Liam's summary"))
    assert merged.status_code == 302
    project.refresh_from_db()
    assert (project.summary, project.writeup_version) == ("Grace's and Liam's summary", 3)


def test_the_history_lists_versions_and_shows_what_changed(client, project, llme, co_lead):
    writeup_save(
        project=project, data=WriteUpData(summary="Pupils talk in pairs."), version=0, by=llme
    )
    writeup_save(
        project=project, data=WriteUpData(summary="Pupils talk in threes."), version=1, by=co_lead
    )
    client.force_login(llme)
    history = client.get(url(project, "research:writeup_history")).content.decode()
    assert "Version 2</a> (current)" in history
    assert "Grace Adeyemi" in history
    assert "Liam Evans" in history
    page = client.get(url(project, "research:writeup_version", number=2))
    body = page.content.decode()
    assert page.status_code == 200
    assert "[removed: </span>pairs.<span" in body
    assert "[added: </span>threes.<span" in body
    assert "<del" in body
    assert "<ins" in body
    assert client.get(url(project, "research:writeup_version", number=9)).status_code == 404


def test_the_diff_is_word_by_word():
    segments = text_diff("Pupils explain more", "Pupils explain far more\nclearly")
    assert [(s.kind, s.text) for s in segments if s.kind != "equal"] == [
        ("insert", "far "),
        ("insert", "\nclearly"),
    ]


def test_restoring_an_old_version_is_a_new_save(client, project, llme, co_lead):
    writeup_save(project=project, data=WriteUpData(summary="Old words"), version=0, by=llme)
    writeup_save(project=project, data=WriteUpData(summary="New words"), version=1, by=co_lead)
    client.force_login(llme)
    response = client.post(url(project, "research:writeup_version", number=1), {"version": "2"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.summary, project.writeup_version) == ("Old words", 3)
    assert WriteUpVersion.objects.filter(project=project).count() == 3
    event = AuditEvent.objects.filter(verb="research_project.writeup_saved").latest("pk")
    assert event.data["restored_from"] == 1
    # Restoring from a page opened before someone else saved is refused, like a stale save.
    stale = client.post(url(project, "research:writeup_version", number=2), {"version": "2"})
    assert stale.status_code == 409
    project.refresh_from_db()
    assert project.writeup_version == 3


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REVIEWED, Status.PUBLISHED])
def test_the_write_up_cannot_change_once_submitted(client, project, llme, status):
    ResearchProject.objects.filter(pk=project.pk).update(status=status)
    client.force_login(llme)
    page = client.get(url(project))
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()
    assert "cannot be changed" in page.content.decode() or "no longer be changed" in (
        page.content.decode()
    )
    response = client.post(url(project), form(0, summary="Sneaky change"))
    assert response.status_code == 409
    project.refresh_from_db()
    assert project.summary == ""
    assert project.writeup_version == 0


def test_members_read_it_but_cannot_edit_it(client, project, member):
    writeup_save(project=project, data=WriteUpData(summary="What we found"), version=0, by=member)
    client.force_login(member)
    page = client.get(url(project))
    assert page.status_code == 200
    assert "What we found" in page.content.decode()
    assert "<textarea" not in page.content.decode()
    assert client.post(url(project), form(1, summary="Changed")).status_code == 403
    assert client.get(url(project, "research:writeup_history")).status_code == 403
    project.refresh_from_db()
    assert project.summary == "What we found"


def test_another_hubs_llme_cannot_reach_it_before_it_is_published(client, project, other_hub):
    other_llme = UserFactory.create(display_name="Olive Other")
    HubRoleFactory.create(user=other_llme, hub=other_hub, role=HubRole.Kind.LLME)
    WorkGroupFactory.create(hub=other_hub, leads=[other_llme])
    client.force_login(other_llme)
    for name, kwargs in [
        ("research:writeup", {}),
        ("research:writeup_history", {}),
        ("research:writeup_version", {"number": 1}),
        ("research:project_review", {}),
    ]:
        assert client.get(url(project, name, **kwargs)).status_code == 404, name
    assert client.post(url(project), form(0, summary="Not mine")).status_code == 404
    assert client.post(url(project, "research:project_submit")).status_code == 404
    project.refresh_from_db()
    assert project.summary == ""


def test_schools_are_named_only_with_consent(client, project, llme, other_hub):
    for name, consent in [("Hillside Primary", True), ("Oak Academy", False), ("Elm", False)]:
        ProjectSchool.objects.create(
            project=project, school=SchoolFactory.create(name=name), named_with_consent=consent
        )
    # A second year run by another hub.
    second = WorkGroupFactory.create(hub=other_hub)
    project.years.create(work_group=second, number=2)
    participants = writeup_participants(project)
    assert [hub.name for hub in participants.hubs] == ["GLOW Maths Hub", "Origin Maths Hub"]
    client.force_login(llme)
    body = client.get(url(project)).content.decode()
    assert "Schools: Hillside Primary and 2 other schools." in body
    assert "Oak Academy" not in body
    assert "Elm" not in body
    assert "Maths Hubs: GLOW Maths Hub, Origin Maths Hub." in body


def test_an_overlong_part_is_refused_by_its_field(client, project, llme):
    client.force_login(llme)
    response = client.post(url(project), form(0, findings="x" * 20_001))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    project.refresh_from_db()
    assert project.writeup_version == 0


def test_a_save_after_a_co_lead_submitted_shows_what_was_typed(client, project, llme, co_lead):
    writeup_save(
        project=project,
        data=WriteUpData(summary="Summary", findings="Findings"),
        version=0,
        by=co_lead,
    )
    ResearchProject.objects.filter(pk=project.pk).update(status=Status.SUBMITTED)
    client.force_login(llme)
    response = client.post(url(project), form(1, summary="Summary", limitations="Only 8 classes"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Your text, not saved" in body
    assert "Only 8 classes" in body
    project.refresh_from_db()
    assert project.limitations == ""
