"""Editing the public site in Wagtail's admin, over HTTP: who reaches it, the moderation
workflow (an editor submits, a content reviewer approves and publishes), previews,
revisions, scheduled publishing, and the national admin's page for content roles."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from hubwork.accounts.models import Role
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.content.models.pages import SpotlightPage
from hubwork.content.page_tasks import publish_scheduled
from hubwork.content.services.editors import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    content_role_set,
)
from hubwork.content.tests.factories import listing_page, standard_page_publish
from hubwork.core.models import AuditEvent
from hubwork.workgroups.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/cms/", "/cms/pages/", "/cms/images/", "/cms/documents/", "/cms/workflows/tasks/"]


def _content_person(role: str, *, two_factor: bool = True):
    person = UserFactory.create(display_name=f"A {role}")
    content_role_set(user=person, role=role, by=None)
    if two_factor:
        enable_totp(person)
    return person


@pytest.fixture
def editor():
    return _content_person(Role.CONTENT_EDITOR)


@pytest.fixture
def reviewer():
    return _content_person(Role.CONTENT_REVIEWER)


# Who reaches the editor --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["editor", "reviewer", "national_admin"])
def test_content_roles_and_national_admins_reach_the_editor(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/cms/").status_code == 200
    explorer = client.get("/cms/pages/", follow=True)
    assert explorer.status_code == 200
    assert all(url.startswith("/cms/pages/") for url, _ in explorer.redirect_chain)


@pytest.mark.parametrize("persona", ["participant", "llme", "hub_lead", "outsider"])
def test_nobody_else_reaches_the_editor(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert not response["Location"].startswith(("/cms/pages", "/cms/images")), path
    add = f"/cms/pages/add/content/spotlightpage/{listing_page().pk}/"
    assert client.get(add).status_code in (302, 403)
    assert not SpotlightPage.objects.exists()


def test_anonymous_visitors_are_sent_to_hubworks_sign_in(client):
    response = client.get("/cms/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_a_content_editor_without_two_factor_is_sent_to_set_it_up(client):
    editor = _content_person(Role.CONTENT_EDITOR, two_factor=False)
    client.force_login(editor)

    response = client.get("/cms/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_editor_has_its_own_looser_content_security_policy(client, editor):
    client.force_login(editor)

    cms = client.get("/cms/")["Content-Security-Policy"]
    public = client.get(reverse("content:articles"))["Content-Security-Policy"]

    assert "'unsafe-inline'" in cms
    assert "nonce-" not in cms
    assert "frame-ancestors 'self'" in cms
    assert "'unsafe-inline'" not in public
    assert "nonce-" in public


# Content roles -------------------------------------------------------------------------


def test_a_national_admin_gives_and_takes_away_content_roles(client, national_admin):
    person = UserFactory.create(email="writer@example.org", display_name="Wren Writer")
    client.force_login(national_admin)

    response = client.post(
        reverse("content:roles"), {"email": "Writer@example.org", "role": Role.CONTENT_EDITOR}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.content_role == Role.CONTENT_EDITOR
    assert list(person.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert AuditEvent.objects.filter(verb="content_role.granted", actor=national_admin).exists()
    assert "Wren Writer" in client.get(reverse("content:roles")).content.decode()

    client.post(reverse("content:roles"), {"email": person.email, "role": Role.CONTENT_REVIEWER})
    person.refresh_from_db()
    assert list(person.groups.values_list("name", flat=True)) == [REVIEWERS_GROUP]

    client.post(reverse("content:roles"), {"email": person.email, "role": "none"})
    person.refresh_from_db()
    assert person.content_role == ""
    assert not person.groups.exists()
    assert AuditEvent.objects.filter(verb="content_role.removed").exists()


def test_the_content_roles_page_explains_an_unknown_address(client, national_admin):
    client.force_login(national_admin)

    response = client.post(
        reverse("content:roles"), {"email": "nobody@example.org", "role": Role.CONTENT_EDITOR}
    )

    assert response.status_code == 200
    assert "No one has a Hubwork account with this email address" in response.content.decode()


def test_only_national_admins_open_the_content_roles_page(client, hub_lead, editor):
    for person in (hub_lead, editor):
        client.force_login(person)
        assert client.get(reverse("content:roles")).status_code == 403


def test_content_roles_see_the_link_to_the_editor(client, editor, participant):
    client.force_login(editor)
    assert "Edit the public site" in client.get(reverse("dashboard:index")).content.decode()
    client.force_login(participant)
    assert "Edit the public site" not in client.get(reverse("dashboard:index")).content.decode()


# Writing, reviewing, publishing -----------------------------------------------------------


def _answer(person: str, text: str) -> dict:
    return {
        "value": {"person": person, "answer": rich_text(f"<p>{text}</p>")},
        "deleted": "",
        "order": "0",
        "id": "",
    }


def spotlight_form(*, title: str, programme_pk: int, **overrides: object) -> dict:
    """What Wagtail's editor posts for a co-led spotlight with one question."""
    second = _answer("Daniel Hughes", "Daniel answers.")
    second["order"] = "1"
    data = nested_form_data(
        {
            "title": title,
            "slug": "co-led",
            "standfirst": "Two LLMEs talk about talk.",
            "published_on": "2026-11-12",
            "programmes": programme_pk,
            "people": inline_formset(
                [
                    {"name": "Grace Adeyemi", "role": "LLME", "hub": ""},
                    {"name": "Daniel Hughes", "role": "LLME", "hub": ""},
                ]
            ),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "body": streamfield(
                [
                    (
                        "question_answer",
                        {
                            "question": "How do you lead together?",
                            "answers": {
                                "count": "2",
                                "0": _answer("Grace Adeyemi", "Grace answers."),
                                "1": second,
                            },
                        },
                    )
                ]
            ),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(overrides)
    return data


def _errors(response) -> str:
    form = response.context and response.context.get("form")
    return str(form.errors) if form is not None else response.content.decode()[:500]


def test_an_editor_submits_and_a_reviewer_publishes(client, editor, reviewer):
    oracy = ProgrammeFactory.create(name="Oracy", slug="riwg-oracy")
    listing = listing_page()
    client.force_login(editor)
    add = f"/cms/pages/add/content/spotlightpage/{listing.pk}/"
    assert client.get(add).status_code == 200

    response = client.post(
        add,
        {**spotlight_form(title="Talking maths", programme_pk=oracy.pk), "action-submit": "1"},
    )

    assert response.status_code == 302, _errors(response)
    spotlight = SpotlightPage.objects.get(slug="co-led")
    assert not spotlight.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(spotlight.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(spotlight.url or "/spotlights-and-news/co-led/").status_code == 404

    # An editor cannot publish it themselves.
    response = client.post(
        f"/cms/pages/{spotlight.pk}/edit/",
        {**spotlight_form(title="Talking maths", programme_pk=oracy.pk), "action-publish": "1"},
    )
    spotlight.refresh_from_db()
    assert not spotlight.live

    client.force_login(reviewer)
    task_state = state.current_task_state
    assert client.get("/cms/").status_code == 200
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=(spotlight.pk, "approve", task_state.pk)
        ),
        {"comment": ""},
    )

    assert response.status_code in (200, 302)
    spotlight.refresh_from_db()
    assert spotlight.live
    client.logout()
    html = client.get("/spotlights-and-news/co-led/").content.decode()
    assert "Grace answers." in html
    assert "Daniel answers." in html
    assert "?programme=riwg-oracy" in html


def test_a_reviewer_previews_a_draft(client, reviewer):
    oracy = ProgrammeFactory.create(name="Oracy", slug="riwg-oracy")
    client.force_login(reviewer)
    add = f"/cms/pages/add/content/spotlightpage/{listing_page().pk}/"
    client.post(add, spotlight_form(title="Draft talk", programme_pk=oracy.pk))
    spotlight = SpotlightPage.objects.get(slug="co-led")
    assert not spotlight.live
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=(spotlight.pk,))

    data = spotlight_form(title="Previewed title", programme_pk=oracy.pk)
    assert client.post(preview, data).json()["is_valid"]
    response = client.get(preview)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Previewed title" in html
    assert "Daniel answers." in html
    assert "public" not in response.get("Cache-Control", "")


def test_revisions_are_kept_and_an_old_one_can_be_brought_back(client, reviewer):
    page = standard_page_publish(slug="about", title="First title")
    client.force_login(reviewer)
    edit = f"/cms/pages/{page.pk}/edit/"
    data = nested_form_data(
        {
            "title": "Second title",
            "slug": "about",
            "standfirst": "Changed.",
            "body": streamfield([("text", rich_text("<p>New words.</p>"))]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )

    response = client.post(edit, {**data, "action-publish": "1"})

    assert response.status_code == 302, _errors(response)
    page.refresh_from_db()
    assert page.title == "Second title"
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at")
    assert revisions.count() == 2
    assert client.get(f"/cms/pages/{page.pk}/history/").status_code == 200
    first = revisions.first()
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk)))
    assert revert.status_code == 200
    assert "First title" in revert.content.decode()


def test_a_page_scheduled_for_later_goes_live_when_the_task_runs(client, reviewer):
    page = standard_page_publish(slug="later", title="Soon")
    page.unpublish()
    client.force_login(reviewer)
    go_live = timezone.localtime() + timedelta(days=1)
    data = nested_form_data(
        {
            "title": "Soon",
            "slug": "later",
            "standfirst": "Not yet.",
            "body": streamfield([("text", rich_text("<p>Later.</p>"))]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
            "expire_at": "",
        }
    )

    response = client.post(f"/cms/pages/{page.pk}/edit/", {**data, "action-publish": "1"})

    assert response.status_code == 302, _errors(response)
    page.refresh_from_db()
    assert not page.live
    scheduled = Revision.page_revisions.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    publish_scheduled()
    page.refresh_from_db()
    assert not page.live  # not yet

    # The time comes (the revision says when, and so does the page it holds).
    past = timezone.now() - timedelta(minutes=1)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled()

    page.refresh_from_db()
    assert page.live
    assert client.get("/later/").status_code == 200


def test_publishing_is_scheduled_every_minute(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]
    assert schedule["task"] == "hubwork.content.page_tasks.publish_scheduled"


def test_pages_are_reviewed_through_the_content_review_workflow(editor):
    home = Page.objects.get(depth=2)
    workflow = home.get_workflow()

    assert workflow is not None

    assert workflow.name == "Content review"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS_GROUP]
