"""Page feedback from visitors: the panel on public pages, answering with and without htmx,
the honeypot, the rate limit, one answer per visitor, and personal details taken out."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.rich_text import RichText

from hubwork.content.feedback_pages import SALT, page_token
from hubwork.content.models import HomePage, PageFeedback, StandardPage
from hubwork.content.services.feedback import (
    COMMENT_RETENTION,
    feedback_comments_expire,
    feedback_record,
    personal_details_strip,
    visitor_hash,
)
from hubwork.content.views.feedback import RATE_LIMIT, VISITOR_COOKIE
from hubwork.core.models import AuditEvent

ANSWER_URL = "/page-feedback/"
CATALOGUE = "/work-groups/"
USEFUL = PageFeedback.Question.USEFUL
PLAIN = PageFeedback.Question.PLAIN_ENGLISH


def token_for(full_path: str) -> str:
    return signing.Signer(salt=SALT).sign_object(full_path)


def answer(
    client: Client,
    *,
    path: str = CATALOGUE,
    question: str = USEFUL,
    value: str = "no",
    comment: str = "",
    htmx: bool = False,
    **extra: str,
):
    data = {"page": token_for(path), "question": question, "answer": value, "comment": comment}
    data.update(extra)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(ANSWER_URL, data, headers=headers)


@pytest.fixture
def standard_page(db) -> StandardPage:
    home = HomePage.objects.get()
    page = StandardPage(
        title="Get involved",
        slug="get-involved-test",
        standfirst="How teachers take part in the Maths Hubs.",
        body=[
            ("text", RichText("<p>Join a Work Group near you. It is free for state schools.</p>"))
        ],
    )
    home.add_child(instance=page)
    return page


# The panel -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_show_both_questions_once():
    response = Client().get(CATALOGUE)
    html = response.content.decode()
    assert html.count('id="page-feedback"') == 1
    assert "Is this page useful?" in html
    assert "Was this written in plain English?" in html
    assert "Do not include personal details" in html
    assert f'action="{ANSWER_URL}"' in html
    assert 'data-hx-post="/page-feedback/"' in html


@pytest.mark.django_db
def test_wagtail_pages_show_the_panel(standard_page):
    html = Client().get(standard_page.url).content.decode()
    assert html.count('id="page-feedback"') == 1


@pytest.mark.django_db
def test_pages_for_people_signed_in_and_error_pages_do_not_ask(participant):
    client = Client()
    assert 'id="page-feedback"' not in client.get("/work-groups/no-such-group/").content.decode()
    client.force_login(participant)
    assert 'id="page-feedback"' not in client.get(reverse("workgroups:mine")).content.decode()


@pytest.mark.django_db
def test_the_panel_adds_no_queries(django_assert_max_num_queries):
    client = Client()
    client.get(CATALOGUE)  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hubwork.content import feedback_pages

    with CaptureQueriesContext(connection) as with_panel:
        client.get(CATALOGUE)
    original = feedback_pages.PUBLIC_VIEWS
    feedback_pages.PUBLIC_VIEWS = frozenset()
    try:
        with CaptureQueriesContext(connection) as without_panel:
            client.get(CATALOGUE)
    finally:
        feedback_pages.PUBLIC_VIEWS = original
    assert len(with_panel) == len(without_panel)


# Answering ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_javascript_an_answer_returns_to_the_page_with_thanks():
    client = Client()
    response = answer(client, value="yes")
    assert response.status_code == 302
    assert response["Location"] == f"{CATALOGUE}?page_feedback=useful#page-feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.question, feedback.answer) == (CATALOGUE, USEFUL, True)
    visitor_key = response.cookies[VISITOR_COOKIE].value
    assert feedback.visitor == visitor_hash(visitor_key) != visitor_key
    assert AuditEvent.objects.filter(verb="page_feedback.recorded").count() == 1

    page = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback on “Is this page useful?”" in page
    # The other question is still asked.
    assert 'name="question" value="plain_english"' in page


@pytest.mark.django_db
def test_the_page_query_string_is_kept():
    response = answer(Client(), path="/work-groups/?phase=primary&programme=mastery", value="yes")
    location = urlsplit(response["Location"])
    assert location.path == CATALOGUE
    assert location.query == "phase=primary&programme=mastery&page_feedback=useful"
    assert PageFeedback.objects.get().path == CATALOGUE


@pytest.mark.django_db
def test_with_htmx_the_question_is_swapped_in_place():
    response = answer(Client(), question=PLAIN, value="no", comment="Too many acronyms", htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="page-feedback-plain_english"' in html
    assert "Thank you for your feedback on “Was this written in plain English?”" in html
    assert "<html" not in html
    feedback = PageFeedback.objects.get()
    assert (feedback.answer, feedback.comment) == (False, "Too many acronyms")


@pytest.mark.django_db
def test_a_comment_loses_email_addresses_and_phone_numbers():
    answer(
        Client(),
        question=PLAIN,
        comment="Email me at jo.bloggs+maths@school.sch.uk or call 07700 900123 about Year 6.",
    )
    assert PageFeedback.objects.get().comment == (
        "Email me at [email removed] or call [phone number removed] about Year 6."
    )


@pytest.mark.django_db
def test_a_yes_keeps_no_comment():
    answer(Client(), value="yes", comment="Great page, from sam@example.org")
    assert PageFeedback.objects.get().comment == ""


@pytest.mark.django_db
def test_a_visitor_answering_again_changes_their_answer():
    client = Client()
    answer(client, value="no", comment="Hard to find the dates")
    answer(client, value="yes")
    feedback = PageFeedback.objects.get()
    assert (feedback.answer, feedback.comment) == (True, "")
    assert AuditEvent.objects.filter(verb="page_feedback.changed").count() == 1
    # Another visitor counts separately, and so does the other question.
    answer(Client(), value="no")
    answer(client, question=PLAIN, value="yes")
    assert PageFeedback.objects.count() == 3
    assert PageFeedback.objects.filter(question=USEFUL).count() == 2


@pytest.mark.django_db
def test_a_filled_honeypot_is_thanked_and_dropped():
    response = answer(Client(), value="no", comment="Buy now", website="http://spam.example")
    assert response.status_code == 302
    assert "page_feedback=useful" in response["Location"]
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_answers_are_rate_limited_per_address():
    client = Client()
    for _ in range(RATE_LIMIT):
        assert answer(client, value="yes").status_code == 302
    response = answer(client, value="no")
    assert response.status_code == 429
    assert "Try again in a few minutes" in response.content.decode()
    htmx = answer(client, value="no", htmx=True)
    assert htmx.status_code == 200
    assert "Try again in a few minutes" in htmx.content.decode()
    assert PageFeedback.objects.get().answer is True
    # Another address is not limited.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert answer(other, value="no").status_code == 302


@pytest.mark.django_db
def test_a_missing_answer_is_an_error():
    response = answer(Client(), value="")
    assert response.status_code == 400
    assert "Select yes or no" in response.content.decode()
    htmx = answer(Client(), value="", htmx=True)
    assert "Select yes or no" in htmx.content.decode()
    assert "govuk-form-group--error" in htmx.content.decode()
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.Signer(salt="another-salt").sign_object("/work-groups/"),
        token_for("//evil.example/work-groups/"),
        token_for("https://evil.example/work-groups/"),
        token_for("/\\evil.example/"),
        token_for("/accounts/"),  # not a public page
        token_for("/no-such-page-at-all/"),  # not in the page tree
        token_for("/cms/"),
    ],
)
def test_only_public_pages_hubwork_showed_the_question_on_are_accepted(token):
    response = Client().post(ANSWER_URL, {"page": token, "question": USEFUL, "answer": "no"})
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_the_panel_signs_its_own_address():
    html = Client().get(f"{CATALOGUE}?phase=primary&page_feedback=useful").content.decode()
    from django.test import RequestFactory

    request = RequestFactory().get(f"{CATALOGUE}?phase=primary")
    assert page_token(request) in html


@pytest.mark.django_db
def test_answers_about_a_wagtail_page_are_linked_to_it(standard_page):
    response = answer(Client(), path=standard_page.url, question=PLAIN, value="no")
    assert response.status_code == 302
    assert PageFeedback.objects.get().page_id == standard_page.pk


@pytest.mark.django_db
def test_unpublished_pages_take_no_answers(standard_page):
    standard_page.unpublish()
    assert answer(Client(), path=standard_page.url or "/get-involved-test/").status_code == 400
    assert Page.objects.filter(pk=standard_page.pk, live=False).exists()


@pytest.mark.django_db
def test_signed_in_people_answer_like_anyone(participant):
    client = Client()
    client.force_login(participant)
    assert answer(client, value="yes").status_code == 302
    assert PageFeedback.objects.count() == 1


@pytest.mark.django_db
def test_get_is_not_allowed():
    assert Client().get(ANSWER_URL).status_code == 405


# Taking out personal details --------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("mail jo@example.org now", "mail [email removed] now"),
        ("JO.Bloggs@Example.CO.UK.", "[email removed]."),
        ("jo @ school.org.uk", "[email removed]"),
        ("jo at school dot org", "[email removed]"),
        ("jo(at)school(dot)org", "[email removed]"),
        ("first.last+tag@sub.domain.ac.uk, second@x.io", "[email removed], [email removed]"),
        ("ring 0121 496 0000", "ring [phone number removed]"),
        ("ring (0121) 496-0000 today", "ring [phone number removed] today"),
        ("call +44 7700 900123!", "call [phone number removed]!"),
        ("mobile 07700900123", "mobile [phone number removed]"),
        ("text 07700.900.123", "text [phone number removed]"),
        # Not personal details: dates, years, counts, school years, postcodes of places.
        ("In 2025 about 1200 teachers", "In 2025 about 1200 teachers"),
        ("on 12/03/2026 at 10:30", "on 12/03/2026 at 10:30"),
        ("Year 6 and KS2, 3 sessions", "Year 6 and KS2, 3 sessions"),
        ("page 0 of 10", "page 0 of 10"),
        ("costs £1,250.00", "costs £1,250.00"),
        ("look at the 'at' in maths dot com words", "look at the 'at' in maths dot com words"),
    ],
)
def test_personal_details_strip(comment, expected):
    assert personal_details_strip(comment) == expected


# Retention -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_comments_are_cleared_after_two_years_and_answers_kept():
    from django.utils import timezone

    old = feedback_record(
        path=CATALOGUE, page=None, question=PLAIN, answer=False, comment="Old", visitor_key="a" * 30
    )
    recent = feedback_record(
        path=CATALOGUE, page=None, question=PLAIN, answer=False, comment="New", visitor_key="b" * 30
    )
    now = timezone.now()
    PageFeedback.objects.filter(pk=old.pk).update(
        created_at=now - COMMENT_RETENTION - timedelta(days=1)
    )
    lines = feedback_comments_expire(now=now)
    assert len(lines) == 1
    assert "comment cleared" in lines[0]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.comment, old.answer) == ("", False)
    assert recent.comment == "New"
    assert feedback_comments_expire(now=now) == []


def test_visitor_hash_is_not_the_key():
    assert visitor_hash("abc") != "abc"
    assert len(visitor_hash("abc")) == 64


# Demo data -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_feedback_is_seeded_once_on_live_pages(standard_page):
    from hubwork.demo.content_feedback import seed_content_feedback

    created = seed_content_feedback()
    assert created > 0
    assert PageFeedback.objects.filter(page=standard_page).exists()
    assert PageFeedback.objects.filter(path=CATALOGUE, page=None).exists()
    assert PageFeedback.objects.exclude(comment="").exists()
    assert not PageFeedback.objects.filter(comment__contains="@").exists()
    assert seed_content_feedback() == 0
