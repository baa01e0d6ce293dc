"""Submitting a research project and its two reviews through the pages: the whole path from
planning to published, returning with comments, the audit log, the emails, the guard against
two reviewers deciding at once, and who may decide what."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.research.models import ProjectReview, ResearchProject
from hubwork.research.services.reviews import ReviewRefused, review_decide
from hubwork.research.services.writeups import WriteUpData, writeup_save
from hubwork.research.tests.factories import ResearchProjectFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db

Status = ResearchProject.Status
Stage = ProjectReview.Stage
Decision = ProjectReview.Decision


@pytest.fixture
def co_lead(hub):
    user = UserFactory.create(display_name="Grace Adeyemi", email="grace@example.org")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.LLME)
    return user


@pytest.fixture
def assistant_hub_lead(hub):
    user = UserFactory.create(display_name="Arjun Shah", email="arjun@example.org")
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.ASSISTANT_HUB_LEAD, phase="primary")
    enable_totp(user)
    return user


@pytest.fixture
def project(hub, llme, co_lead):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme, co_lead])
    return ResearchProjectFactory.create(work_group=work_group, title="Talk for Reasoning!")


def written(project, by, status=Status.WRITING_UP):
    """The project written up (summary and findings) and in `status`."""
    writeup_save(
        project=project,
        data=WriteUpData(summary="We tried talk frames.", findings="Pupils reasoned more."),
        version=project.writeup_version,
        by=by,
    )
    ResearchProject.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    return project


def submit(client, project):
    return client.post(reverse("research:project_submit", kwargs={"pk": project.pk}))


def review(client, project, decision, comments=""):
    return client.post(
        reverse("research:project_review", kwargs={"pk": project.pk}),
        {"decision": decision, "comments": comments},
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_whole_path_from_planning_to_published(
    client,
    project,
    llme,
    co_lead,
    hub_lead,
    assistant_hub_lead,
    national_admin,
    django_capture_on_commit_callbacks,
):
    # Set in planning, the leads cannot submit yet.
    client.force_login(llme)
    refused = submit(client, project)
    assert refused.status_code == 409
    assert "Only a project that is being written up can be submitted" in refused.content.decode()

    project = written(project, llme)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, project).status_code == 302
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    # The hub's staff are told (one email each), not the national team.
    assert recipients() == sorted([hub_lead.email, assistant_hub_lead.email])
    assert "research project to review" in mail.outbox[0].subject
    assert reverse("research:project_review", kwargs={"pk": project.pk}) in mail.outbox[0].body

    # The hub lead finds it in the hub's queue and passes it on.
    mail.outbox.clear()
    client.force_login(hub_lead)
    queue = client.get(reverse("research:hub_reviews", kwargs={"hub_slug": project.hub.slug}))
    assert "Talk for Reasoning!" in queue.content.decode()
    page = client.get(reverse("research:project_review", kwargs={"pk": project.pk}))
    assert "Pass it to the national team" in page.content.decode()
    assert "Publish it" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = review(client, project, Decision.APPROVED, "Clear and useful.")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Status.REVIEWED
    assert recipients() == [national_admin.email]

    # The national admin finds it in the national queue and publishes it.
    mail.outbox.clear()
    client.force_login(national_admin)
    queue = client.get(reverse("research:national_reviews"))
    assert "Talk for Reasoning!" in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert review(client, project, Decision.PUBLISHED).status_code == 302
    project.refresh_from_db()
    assert project.status == Status.PUBLISHED
    assert project.published_at is not None
    assert project.slug == "talk-for-reasoning"
    assert project.licence == "CC-BY-4.0"
    assert recipients() == sorted([llme.email, co_lead.email])
    assert "is published" in mail.outbox[0].subject

    assert list(
        ProjectReview.objects.filter(project=project)
        .order_by("pk")
        .values_list("stage", "decision", "reviewer")
    ) == [
        (Stage.HUB, Decision.APPROVED, hub_lead.pk),
        (Stage.NATIONAL, Decision.PUBLISHED, national_admin.pk),
    ]
    verbs = list(
        AuditEvent.objects.filter(object_type="research.researchproject")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs[-3:] == [
        "research_project.submitted",
        "research_project.passed_on",
        "research_project.published",
    ]
    published = AuditEvent.objects.get(verb="research_project.published")
    assert published.actor_id == national_admin.pk
    assert published.data["slug"] == "talk-for-reasoning"
    assert published.hub_id == project.hub_id


def test_submitting_needs_a_summary_and_findings(client, project, llme):
    ResearchProject.objects.filter(pk=project.pk).update(status=Status.WRITING_UP)
    client.force_login(llme)
    response = submit(client, project)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Write a summary before you submit the project." in body
    assert "Write the findings before you submit the project." in body
    assert 'href="#id_summary"' in body
    project.refresh_from_db()
    assert project.status == Status.WRITING_UP
    assert not AuditEvent.objects.filter(verb="research_project.submitted").exists()


@pytest.mark.parametrize("stage_status", [Status.SUBMITTED, Status.REVIEWED])
def test_returning_needs_comments_and_sends_them_to_the_leads(
    client,
    project,
    llme,
    co_lead,
    hub_lead,
    national_admin,
    stage_status,
    django_capture_on_commit_callbacks,
):
    project = written(project, llme, status=stage_status)
    reviewer = hub_lead if stage_status == Status.SUBMITTED else national_admin
    client.force_login(reviewer)
    without = review(client, project, Decision.RETURNED, "  ")
    assert without.status_code == 200
    assert "Say what the leads need to change" in without.content.decode()
    project.refresh_from_db()
    assert project.status == stage_status

    with django_capture_on_commit_callbacks(execute=True):
        review(client, project, Decision.RETURNED, "Say how many pupils took part.")
    project.refresh_from_db()
    assert project.status == Status.WRITING_UP
    assert recipients() == sorted([llme.email, co_lead.email])
    assert "Say how many pupils took part." in mail.outbox[0].body
    event = AuditEvent.objects.get(verb="research_project.returned")
    assert event.actor_id == reviewer.pk
    # The leads see the comments on the write-up, can change it again and resubmit.
    client.force_login(llme)
    page = client.get(reverse("research:writeup", kwargs={"pk": project.pk})).content.decode()
    assert "returned with comments" in page
    assert "Say how many pupils took part." in page
    assert "<textarea" in page
    assert submit(client, project).status_code == 302


def test_a_second_decision_on_the_same_project_is_refused(
    client, project, llme, hub_lead, assistant_hub_lead
):
    project = written(project, llme, status=Status.SUBMITTED)
    # Both reviewers opened the project while it was submitted; Arjun decides first.
    stale = ResearchProject.objects.get(pk=project.pk)
    review_decide(
        project=project,
        stage=Stage.HUB,
        decision=Decision.APPROVED,
        comments="",
        by=assistant_hub_lead,
    )
    with pytest.raises(ReviewRefused) as refused:
        review_decide(
            project=stale,
            stage=Stage.HUB,
            decision=Decision.RETURNED,
            comments="No",
            by=hub_lead,
        )
    assert "Arjun Shah decided first" in refused.value.messages[0]
    # Through the page: refused with the reason, nothing more recorded.
    client.force_login(hub_lead)
    response = review(client, project, Decision.RETURNED, "Too late")
    assert response.status_code == 409
    assert "Your decision was not recorded" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Status.REVIEWED
    assert ProjectReview.objects.filter(project=project).count() == 1


def test_hub_staff_cannot_publish_and_national_admins_decide_the_national_stage(
    client, project, llme, hub_lead
):
    project = written(project, llme, status=Status.REVIEWED)
    client.force_login(hub_lead)
    page = client.get(reverse("research:project_review", kwargs={"pk": project.pk}))
    assert page.status_code == 200
    assert "waiting for the national team" in page.content.decode()
    assert review(client, project, Decision.PUBLISHED).status_code == 409
    project.refresh_from_db()
    assert project.status == Status.REVIEWED
    # A decision its stage does not have is refused by the service as well.
    with pytest.raises(ValidationError):
        review_decide(
            project=project,
            stage=Stage.HUB,
            decision=Decision.PUBLISHED,
            comments="",
            by=hub_lead,
        )


def test_leads_and_members_do_not_review(client, project, llme):
    project = written(project, llme, status=Status.SUBMITTED)
    member = EnrolmentFactory.create(work_group=project.years.get().work_group).user
    for person in (llme, member):
        client.force_login(person)
        page = reverse("research:project_review", kwargs={"pk": project.pk})
        assert client.get(page).status_code == 403
        assert review(client, project, Decision.APPROVED).status_code == 403
    client.force_login(member)
    assert submit(client, project).status_code == 403
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED


def test_other_hubs_staff_see_neither_the_project_nor_it_in_their_queue(
    client, project, llme, outsider, other_hub
):
    project = written(project, llme, status=Status.SUBMITTED)
    client.force_login(outsider)
    assert (
        client.get(reverse("research:project_review", kwargs={"pk": project.pk})).status_code == 404
    )
    assert review(client, project, Decision.APPROVED).status_code == 404
    queue = client.get(reverse("research:hub_reviews", kwargs={"hub_slug": other_hub.slug}))
    assert "Talk for Reasoning!" not in queue.content.decode()
    assert (
        client.get(
            reverse("research:hub_reviews", kwargs={"hub_slug": project.hub.slug})
        ).status_code
        == 403
    )
    assert client.get(reverse("research:national_reviews")).status_code == 403


def test_published_slugs_do_not_clash(project, llme, national_admin, hub):
    other = ResearchProjectFactory.create(
        work_group=WorkGroupFactory.create(hub=hub), title="Talk for reasoning"
    )
    for item in (project, other):
        written(item, llme, status=Status.REVIEWED)
        review_decide(
            project=item,
            stage=Stage.NATIONAL,
            decision=Decision.PUBLISHED,
            comments="",
            by=national_admin,
        )
    project.refresh_from_db()
    other.refresh_from_db()
    assert {project.slug, other.slug} == {"talk-for-reasoning", "talk-for-reasoning-2"}


def test_the_hub_queue_is_counted_on_staff_home_pages(project, llme, hub):
    from hubwork.research.selectors.reviews import projects_to_review

    assert projects_to_review([hub]) == {}
    written(project, llme, status=Status.SUBMITTED)
    assert projects_to_review([hub]) == {hub.pk: 1}


def test_write_ups_and_reviews_are_in_a_persons_data_and_erased_from_it(project, llme, hub_lead):
    from hubwork.core.privacy import personal_data_parts

    project = written(project, llme, status=Status.SUBMITTED)
    review_decide(
        project=project,
        stage=Stage.HUB,
        decision=Decision.RETURNED,
        comments="Add numbers.",
        by=hub_lead,
    )
    part = next(part for part in personal_data_parts() if part.name == "research_writeups")
    versions = part.export(llme).tables["write_up_versions_saved"]
    assert [row["findings"] for row in versions] == ["Pupils reasoned more."]
    reviews = part.export(hub_lead).tables["project_reviews_given"]
    assert [row["comments"] for row in reviews] == ["Add numbers."]

    assert part.erase(llme) == {
        "write_up_versions_unattributed": 1,
        "project_reviews_unattributed": 0,
        "write_ups_unattributed": 1,
    }
    assert part.erase(hub_lead)["project_reviews_unattributed"] == 1
    project.refresh_from_db()
    # The group's write-up and the review history stay, without who wrote or decided.
    assert project.findings == "Pupils reasoned more."
    assert project.writeup_updated_by is None
    assert ProjectReview.objects.get(project=project).reviewer is None


def test_the_project_page_links_the_write_up_and_shows_the_review_history(
    client, project, llme, hub_lead
):
    project = written(project, llme, status=Status.SUBMITTED)
    review_decide(
        project=project,
        stage=Stage.HUB,
        decision=Decision.RETURNED,
        comments="Add the numbers.",
        by=hub_lead,
    )
    page_url = reverse("research:project", kwargs={"pk": project.pk})
    review_url = reverse("research:project_review", kwargs={"pk": project.pk})
    client.force_login(llme)
    page = client.get(page_url).content.decode()
    assert reverse("research:writeup", kwargs={"pk": project.pk}) in page
    assert "Hub review: returned with comments" in page
    assert "Add the numbers." in page
    assert review_url not in page  # leads do not review
    client.force_login(hub_lead)
    assert review_url in client.get(page_url).content.decode()
