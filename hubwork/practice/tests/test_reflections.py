"""Reflections: a participant's private journal."""

from hubwork.core.models import AuditEvent
from hubwork.practice.models import Reflection
from hubwork.practice.tests.factories import ReflectionFactory
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory


def test_writing_a_reflection(client, member, work_group):
    client.force_login(member)
    response = client.get("/my/reflections/")
    assert "Only you can see it." in response.content.decode()
    response = client.post(
        "/my/reflections/",
        {"idea": "Stem sentences", "body": "Every lesson's opening.", "work_group": work_group.pk},
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert reflection.author == member
    assert reflection.work_group == work_group
    html = client.get("/my/reflections/").content.decode()
    assert "Stem sentences" in html
    assert "Every lesson&#x27;s opening." in html
    assert "for Mastering Number" in html
    # A private journal: nothing about it in the audit log.
    assert not AuditEvent.objects.filter(object_type="practice.reflection").exists()


def test_a_reflection_needs_an_idea_and_a_body(client, member):
    client.force_login(member)
    response = client.post("/my/reflections/", {"idea": "", "body": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_idea_error"' in html
    assert 'id="id_body_error"' in html
    assert not Reflection.objects.exists()


def test_a_reflection_can_only_name_the_authors_own_work_groups(client, member, hub):
    elsewhere = WorkGroupFactory.create(hub=hub)
    client.force_login(member)
    response = client.post(
        "/my/reflections/", {"idea": "Idea", "body": "Text", "work_group": elsewhere.pk}
    )
    assert 'id="id_work_group_error"' in response.content.decode()
    assert not Reflection.objects.exists()


def test_changing_and_deleting_a_reflection(client, member):
    reflection = ReflectionFactory.create(author=member, idea="Old idea")
    client.force_login(member)
    assert client.get(f"/my/reflections/{reflection.pk}/").status_code == 200
    response = client.post(
        f"/my/reflections/{reflection.pk}/", {"idea": "New idea", "body": "New text"}
    )
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.idea == "New idea"
    assert reflection.work_group is None
    page = client.get(f"/my/reflections/{reflection.pk}/delete/").content.decode()
    assert "Delete your reflection “New idea”?" in page
    client.post(f"/my/reflections/{reflection.pk}/delete/")
    assert not Reflection.objects.exists()


def test_reflections_are_private_to_their_author(client, member, work_group, llme, hub_lead):
    reflection = ReflectionFactory.create(author=member, work_group=work_group, idea="Secret")
    colleague = EnrolmentFactory.create(work_group=work_group).user
    for person in [colleague, llme, hub_lead]:
        client.force_login(person)
        assert "Secret" not in client.get("/my/reflections/").content.decode()
        assert client.get(f"/my/reflections/{reflection.pk}/").status_code == 404
        response = client.post(f"/my/reflections/{reflection.pk}/", {"idea": "X", "body": "Y"})
        assert response.status_code == 404
        assert client.post(f"/my/reflections/{reflection.pk}/delete/").status_code == 404
    reflection.refresh_from_db()
    assert reflection.idea == "Secret"


def test_the_journal_makes_the_same_queries_however_long(
    client, member, work_group, django_assert_max_num_queries
):
    ReflectionFactory.create(author=member, work_group=work_group)
    client.force_login(member)
    with django_assert_max_num_queries(30) as queries:
        client.get("/my/reflections/")
    count = len(queries)
    ReflectionFactory.create_batch(5, author=member, work_group=work_group)
    with django_assert_max_num_queries(count):
        response = client.get("/my/reflections/")
    assert len(response.context["reflections"]) == 6
