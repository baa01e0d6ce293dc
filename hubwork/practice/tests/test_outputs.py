"""Outputs: what participants take back to school, who sees them, and the library."""

from pathlib import Path

import pytest

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import Output
from hubwork.practice.services import outputs as outputs_services
from hubwork.practice.tests.factories import OutputFactory
from hubwork.practice.tests.test_uploads import office_file, pdf_with_author, upload
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

Visibility = Output.Visibility


pytestmark = pytest.mark.usefixtures("media")


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def output_data(work_group, **changes):
    data = {
        "work_group": work_group.pk,
        "kind": Output.Kind.RESOURCE,
        "title": "Fractions wall",
        "description": "A display for Year 4.",
        "link": "",
        "visibility": Visibility.GROUP,
    }
    data.update(changes)
    return data


# Adding, changing, deleting -------------------------------------------------------------------


def test_adding_an_output_with_a_file_and_a_link(client, member, work_group, media):
    client.force_login(member)
    response = client.post(
        "/my/outputs/new/",
        output_data(
            work_group,
            link="https://example.org/wall",
            file=upload("Fractions wall.pdf", pdf_with_author(), "application/pdf"),
        ),
    )
    output = Output.objects.get()
    assert response.status_code == 302
    assert response.url == f"/outputs/{output.pk}/"
    assert output.author == member
    assert output.original_name == "Fractions_wall.pdf"
    assert output.content_type == "application/pdf"
    assert output.link == "https://example.org/wall"
    assert len(stored_files(media)) == 1
    event = AuditEvent.objects.get(verb="output.created")
    assert event.data["visibility"] == "group"
    page = client.get(f"/outputs/{output.pk}/").content.decode()
    assert f"/files/outputs/{output.pk}/" in page
    assert "https://example.org/wall" in page


def test_office_files_are_fine_for_outputs(client, member, work_group):
    client.force_login(member)
    response = client.post(
        "/my/outputs/new/",
        output_data(work_group, file=upload("slides.pptx", office_file("ppt/"))),
    )
    assert response.status_code == 302
    assert Output.objects.get().original_name == "slides.pptx"


def test_a_wrong_file_gets_a_message_by_the_field(client, member, work_group, media):
    client.force_login(member)
    response = client.post(
        "/my/outputs/new/", output_data(work_group, file=upload("virus.docx", b"MZ\x90\x00"))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file_error"' in html
    assert "Word, PowerPoint or Excel" in html
    assert not Output.objects.exists()
    assert stored_files(media) == []


def test_an_output_needs_a_file_a_link_or_a_description(client, member, work_group):
    client.force_login(member)
    response = client.post("/my/outputs/new/", output_data(work_group, description=""))
    assert response.status_code == 200
    assert "Add a file, a link or a description" in response.content.decode()
    assert not Output.objects.exists()


def test_a_non_member_cannot_add_an_output(client, participant, work_group, hub):
    EnrolmentFactory.create(work_group=WorkGroupFactory.create(hub=hub), user=participant)
    client.force_login(participant)
    response = client.post("/my/outputs/new/", output_data(work_group))
    assert response.status_code == 200
    assert 'id="id_work_group_error"' in response.content.decode()
    with pytest.raises(Exception, match="only for a Work Group you take part in"):
        outputs_services.output_create(
            author=participant,
            work_group=work_group,
            kind=Output.Kind.RESOURCE,
            title="Sneaky",
            description="Not mine to add",
        )
    assert not Output.objects.exists()


def test_replacing_and_removing_a_file_deletes_the_old_one(
    client, member, work_group, media, django_capture_on_commit_callbacks
):
    output = outputs_services.output_create(
        author=member,
        work_group=work_group,
        kind=Output.Kind.RESOURCE,
        title="Wall",
        upload=upload("one.pdf", pdf_with_author()),
    )
    [first] = stored_files(media)
    client.force_login(member)
    assert client.get(f"/my/outputs/{output.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/my/outputs/{output.pk}/",
            output_data(
                work_group, visibility=Visibility.HUB, file=upload("two.pdf", pdf_with_author())
            ),
        )
    assert response.status_code == 302
    output.refresh_from_db()
    assert output.original_name == "two.pdf"
    assert output.visibility == Visibility.HUB
    [second] = stored_files(media)
    assert second != first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/my/outputs/{output.pk}/", output_data(work_group, remove_file="on"))
    output.refresh_from_db()
    assert not output.file
    assert output.original_name == ""
    assert stored_files(media) == []


def test_deleting_an_output_deletes_its_file(
    client, member, work_group, media, django_capture_on_commit_callbacks
):
    output = outputs_services.output_create(
        author=member,
        work_group=work_group,
        kind=Output.Kind.RESOURCE,
        title="Wall",
        upload=upload("one.pdf", pdf_with_author()),
    )
    client.force_login(member)
    assert "Delete “Wall”?" in client.get(f"/my/outputs/{output.pk}/delete/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/my/outputs/{output.pk}/delete/")
    assert response.status_code == 302
    assert not Output.objects.exists()
    assert stored_files(media) == []
    assert AuditEvent.objects.filter(verb="output.deleted").count() == 1


def test_only_the_author_changes_or_deletes_an_output(client, member, work_group):
    output = OutputFactory.create(author=member, work_group=work_group)
    colleague = EnrolmentFactory.create(work_group=work_group).user
    client.force_login(colleague)
    assert client.get(f"/my/outputs/{output.pk}/").status_code == 404
    assert client.post(f"/my/outputs/{output.pk}/delete/").status_code == 404
    assert Output.objects.filter(pk=output.pk).exists()


def test_my_outputs_lists_only_mine(client, member, work_group):
    OutputFactory.create(author=member, work_group=work_group, title="Mine")
    OutputFactory.create(work_group=work_group, title="Someone else's")
    client.force_login(member)
    html = client.get("/my/outputs/").content.decode()
    assert "Mine" in html
    assert "Someone else&#x27;s" not in html


# Who sees what ---------------------------------------------------------------------------------


@pytest.fixture
def people(member, work_group, llme, hub, other_hub, outsider, hub_lead):
    return {
        "author": member,
        "hub staff": hub_lead,
        "colleague": EnrolmentFactory.create(work_group=work_group).user,
        "lead": llme,
        "same hub": EnrolmentFactory.create(work_group=WorkGroupFactory.create(hub=hub)).user,
        "other hub": EnrolmentFactory.create(
            work_group=WorkGroupFactory.create(hub=other_hub)
        ).user,
        "other hub's lead": outsider,
        "stranger": UserFactory.create(),
    }


SEES = {
    Visibility.PRIVATE: {"author"},
    Visibility.GROUP: {"author", "hub staff", "colleague", "lead"},
    Visibility.HUB: {"author", "hub staff", "colleague", "lead", "same hub"},
    Visibility.NATIONAL: {
        "author",
        "hub staff",
        "colleague",
        "lead",
        "same hub",
        "other hub",
        "other hub's lead",
        "stranger",
    },
}


@pytest.mark.parametrize("visibility", list(Visibility))
def test_visibility_decides_who_sees_an_output_and_its_file(
    client, people, member, work_group, visibility
):
    output = outputs_services.output_create(
        author=member,
        work_group=work_group,
        kind=Output.Kind.RESOURCE,
        title=f"A {visibility} output",
        upload=upload("wall.pdf", pdf_with_author()),
        visibility=visibility,
    )
    for name, person in people.items():
        client.force_login(person)
        library = client.get("/outputs/").content.decode()
        download = client.get(f"/files/outputs/{output.pk}/")
        detail = client.get(f"/outputs/{output.pk}/")
        if name in SEES[visibility]:
            assert f"A {visibility} output" in library, name
            assert download.status_code == 200, name
            assert detail.status_code == 200, name
        else:
            assert f"A {visibility} output" not in library, name
            # Alike whatever its visibility, so the answer does not tell which are shared.
            assert download.status_code == 404, name
            assert detail.status_code == 404, name


def test_the_library_filters_by_kind_and_pages(client, member, work_group):
    for number in range(25):
        OutputFactory.create(
            work_group=work_group, title=f"Resource {number:02d}", kind=Output.Kind.RESOURCE
        )
    OutputFactory.create(work_group=work_group, title="Our policy", kind=Output.Kind.POLICY)
    client.force_login(member)
    response = client.get("/outputs/?kind=policy")
    assert [output.title for output in response.context["page"]] == ["Our policy"]
    response = client.get("/outputs/")
    html = response.content.decode()
    assert response.context["page"].paginator.count == 26
    assert len(response.context["page"]) == 20
    assert "Page 1 of 2" in html
    assert 'href="?page=2"' in html
    response = client.get("/outputs/?kind=resource&page=2")
    assert len(response.context["page"]) == 5
    assert 'href="?kind=resource&amp;page=1"' in response.content.decode()


def test_the_library_makes_the_same_queries_however_many_outputs(
    client, member, work_group, hub, django_assert_max_num_queries
):
    def add_outputs():
        other = WorkGroupFactory.create(hub=hub)
        OutputFactory.create(work_group=work_group, visibility=Visibility.GROUP)
        OutputFactory.create(work_group=other, visibility=Visibility.HUB)
        OutputFactory.create(visibility=Visibility.NATIONAL)

    add_outputs()
    client.force_login(member)
    with django_assert_max_num_queries(30) as queries:
        assert client.get("/outputs/").status_code == 200
    count = len(queries)
    for _ in range(5):
        add_outputs()
    with django_assert_max_num_queries(count):
        response = client.get("/outputs/")
    assert response.context["page"].paginator.count == 18
