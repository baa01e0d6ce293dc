"""A Work Group's discussion thread: members, leads and hub staff post; a post's author, the
leads and hub staff remove it; a rush of posts meets a rate limit that keeps the text."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import DiscussionPost
from hubwork.practice.selectors.group import POSTS_PER_PAGE
from hubwork.practice.services.group import POST_LIMIT
from hubwork.practice.tests.factories import DiscussionPostFactory
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory


@pytest.fixture
def other_member(work_group):
    user = UserFactory.create(display_name="Omar Other", password=None)
    EnrolmentFactory.create(work_group=work_group, user=user, status=Enrolment.Status.COMPLETED)
    return user


def url(work_group, rest=""):
    return f"/work-groups/{work_group.slug}/space/discussion/{rest}"


def remove_url(post):
    return url(post.work_group, f"{post.pk}/remove/")


def test_a_member_posts_and_sees_it_in_the_thread(client, work_group, member):
    client.force_login(member)
    response = client.post(url(work_group), {"body": "  Bar models worked well in Year 3.\n"})
    post = DiscussionPost.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(work_group) + f"#post-{post.pk}"
    assert (post.work_group, post.author, post.body) == (
        work_group,
        member,
        "Bar models worked well in Year 3.",
    )
    html = client.get(response["Location"]).content.decode()
    assert "Your message is posted." in html
    assert "Bar models worked well in Year 3." in html
    assert f'id="post-{post.pk}"' in html


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Enter your message."), ("x" * 4001, "4,000 characters or fewer")],
)
def test_a_blank_or_too_long_post_is_refused_by_the_field(
    client, work_group, member, body, message
):
    client.force_login(member)
    response = client.post(url(work_group), {"body": body})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert response.context["form"].errors["body"]
    assert not DiscussionPost.objects.exists()


def test_leads_and_hub_staff_post_too(client, work_group, llme, hub_lead):
    for person in (llme, hub_lead):
        client.force_login(person)
        assert client.post(url(work_group), {"body": f"Hello from {person}"}).status_code == 302
    assert DiscussionPost.objects.count() == 2


def test_people_outside_the_group_cannot_read_or_post(client, work_group, participant, outsider):
    DiscussionPostFactory.create(work_group=work_group, body="Members only")
    EnrolmentFactory.create(work_group=work_group, user=participant, status="waitlisted")
    for person in (participant, outsider):
        client.force_login(person)
        assert client.get(url(work_group)).status_code == 403
        assert client.post(url(work_group), {"body": "Let me in"}).status_code == 403
    assert DiscussionPost.objects.count() == 1


def test_oldest_first_showing_the_latest_page_by_default(client, work_group, member):
    start = timezone.now() - timedelta(days=1)
    posts = [
        DiscussionPostFactory.create(work_group=work_group, author=member, body=f"Message {n:02d}")
        for n in range(POSTS_PER_PAGE * 2 + 5)
    ]
    for number, post in enumerate(posts):  # created_at is set on insert: spread them out
        DiscussionPost.objects.filter(pk=post.pk).update(
            created_at=start + timedelta(minutes=number)
        )
    client.force_login(member)
    response = client.get(url(work_group))
    page = response.context["page"]
    assert page.number == 3
    assert [post.body for post, _ in response.context["posts"]] == [
        f"Message {n:02d}" for n in range(40, 45)
    ]
    html = response.content.decode()
    assert html.index("Message 40") < html.index("Message 44")
    assert "Page 3 of 3" in html

    response = client.get(url(work_group) + "?page=1")
    bodies = [post.body for post, _ in response.context["posts"]]
    assert bodies[0] == "Message 00"
    assert len(bodies) == POSTS_PER_PAGE
    assert client.get(url(work_group) + "?page=99").context["page"].number == 3


def test_a_member_cannot_remove_someone_elses_post(client, work_group, member, other_member):
    post = DiscussionPostFactory.create(work_group=work_group, author=other_member)
    client.force_login(member)
    html = client.get(url(work_group)).content.decode()
    assert remove_url(post) not in html
    assert client.post(remove_url(post)).status_code == 403
    post.refresh_from_db()
    assert post.removed_at is None


def test_the_author_removes_their_post(client, work_group, member):
    post = DiscussionPostFactory.create(work_group=work_group, author=member, body="Oops, typo")
    client.force_login(member)
    assert remove_url(post) in client.get(url(work_group)).content.decode()
    response = client.post(remove_url(post), {"page": "1"})
    assert response["Location"] == url(work_group) + "?page=1"
    post.refresh_from_db()
    assert post.removed_at is not None
    assert post.removed_by == member
    event = AuditEvent.objects.get(verb="discussion_post.removed")
    assert (event.actor, event.object_id, event.hub_id) == (member, str(post.pk), work_group.hub_id)
    assert event.data["by_author"] is True
    html = client.get(url(work_group)).content.decode()
    assert "This message was removed." in html
    assert "Oops, typo" not in html
    assert remove_url(post) not in html


@pytest.mark.parametrize("remover", ["llme", "hub_lead"])
def test_a_lead_or_hub_staff_removes_any_post(client, work_group, other_member, remover, request):
    person = request.getfixturevalue(remover)
    post = DiscussionPostFactory.create(work_group=work_group, author=other_member)
    client.force_login(person)
    assert remove_url(post) in client.get(url(work_group)).content.decode()
    assert client.post(remove_url(post)).status_code == 302
    post.refresh_from_db()
    assert post.removed_by == person
    assert AuditEvent.objects.get(verb="discussion_post.removed").data["by_author"] is False


def test_another_hubs_lead_cannot_remove_a_post(client, work_group, other_member, outsider):
    post = DiscussionPostFactory.create(work_group=work_group, author=other_member)
    client.force_login(outsider)
    assert client.post(remove_url(post)).status_code == 403
    post.refresh_from_db()
    assert post.removed_at is None


def test_a_post_is_removed_only_through_its_own_work_group(client, work_group, hub, member):
    elsewhere = DiscussionPostFactory.create(work_group=WorkGroupFactory.create(hub=hub))
    client.force_login(member)
    assert client.post(url(work_group, f"{elsewhere.pk}/remove/")).status_code == 404
    assert client.get(remove_url(elsewhere)).status_code == 405


def test_the_rate_limit_explains_itself_by_the_field_and_keeps_the_text(
    client, work_group, member, other_member
):
    client.force_login(member)
    for number in range(POST_LIMIT):
        assert client.post(url(work_group), {"body": f"Post {number}"}).status_code == 302
    response = client.post(url(work_group), {"body": "One more thought on fractions"})
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert "Wait a few minutes" in errors[0]
    html = response.content.decode()
    assert 'id="id_body_error"' in html
    assert "One more thought on fractions</textarea>" in html
    assert DiscussionPost.objects.count() == POST_LIMIT
    # Per person: someone else in the group still posts.
    client.force_login(other_member)
    assert client.post(url(work_group), {"body": "Me too"}).status_code == 302


def test_queries_stay_fixed_as_posts_grow(client, work_group, member, django_assert_num_queries):
    DiscussionPostFactory.create(work_group=work_group, author=member)
    client.force_login(member)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(work_group)).status_code == 200
    for number in range(POSTS_PER_PAGE + 3):
        post = DiscussionPostFactory.create(work_group=work_group)
        if number % 4 == 0:
            DiscussionPost.objects.filter(pk=post.pk).update(
                removed_at=timezone.now(), removed_by=member
            )
    with django_assert_num_queries(len(few)):
        response = client.get(url(work_group))
    assert len(response.context["posts"]) == 4
