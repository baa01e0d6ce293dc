"""Editors' page feedback reports: who may read them, their numbers beside the plain English
check, the trend, the comments, the CSV, the Wagtail menu item, and fixed query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.rich_text import RichText

from hubwork.accounts.models import Role
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.content.models import HomePage, PageFeedback, StandardPage
from hubwork.content.services.feedback import feedback_record

REPORT = "/content-reports/feedback/"
PAGE_REPORT = "/content-reports/feedback/page/"
EXPORT = "/content-reports/feedback/export.csv"
USEFUL = PageFeedback.Question.USEFUL
PLAIN = PageFeedback.Question.PLAIN_ENGLISH

HARD_TEXT = (
    "<p>In order to facilitate the utilisation of the resources that have been made available "
    "to participating schools, stakeholders are required to endeavour to ascertain, prior to "
    "the commencement of the programme, whether additional assistance will be required.</p>"
)
EASY_TEXT = "<p>Join a Work Group near you. It is free. You meet other teachers.</p>"


@pytest.fixture
def editor(db):
    user = UserFactory.create(display_name="Erin Editor", content_role=Role.CONTENT_EDITOR)
    enable_totp(user)
    return user


@pytest.fixture
def reviewer(db):
    user = UserFactory.create(display_name="Rob Reviewer", content_role=Role.CONTENT_REVIEWER)
    enable_totp(user)
    return user


def make_page(title: str, slug: str, text: str) -> StandardPage:
    page = StandardPage(title=title, slug=slug, body=[("text", RichText(text))])
    HomePage.objects.get().add_child(instance=page)
    return page


@pytest.fixture
def hard_page(db):
    return make_page("=Funding rules", "funding-rules", HARD_TEXT)


@pytest.fixture
def easy_page(db):
    return make_page("Get involved", "get-involved-easy", EASY_TEXT)


_visitors = iter(range(10**6))


def answers(path: str, page, question, yes: int, no: int, comment: str = "") -> None:
    for index in range(yes + no):
        feedback_record(
            path=path,
            page=page,
            question=question,
            answer=index < yes,
            comment=comment if index >= yes else "",
            visitor_key=f"visitor-{next(_visitors):020d}",
        )


@pytest.fixture
def answered(hard_page, easy_page):
    # The hard page: 1 in 4 say plain English, 2 of 3 say useful, 2 comments.
    answers(hard_page.url, hard_page, PLAIN, yes=1, no=3)
    PageFeedback.objects.filter(question=PLAIN, answer=False).filter(
        pk__in=PageFeedback.objects.filter(question=PLAIN, answer=False).values("pk")[:2]
    ).update(comment="Too long, email me at x@y.org")
    answers(hard_page.url, hard_page, USEFUL, yes=2, no=1)
    # The easy page: 3 of 3 plain English.
    answers(easy_page.url, easy_page, PLAIN, yes=3, no=0)
    # The catalogue (not a Wagtail page): 1 of 2.
    answers("/work-groups/", None, PLAIN, yes=1, no=1, comment="Which phase is which?")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_only_content_editors_reviewers_and_national_admins_read_the_reports(
    editor, reviewer, national_admin, participant, hub_lead, answered
):
    for url in (REPORT, f"{PAGE_REPORT}?path=/work-groups/", EXPORT):
        anonymous = Client().get(url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("account_login"))
        for person in (participant, hub_lead):
            assert signed_in(person).get(url).status_code == 403
        for person in (editor, reviewer, national_admin):
            assert signed_in(person).get(url).status_code == 200


@pytest.mark.django_db
def test_the_list_puts_the_least_plain_pages_first_beside_their_check(editor, answered):
    response = signed_in(editor).get(REPORT)
    rows = response.context["rows"]
    assert [row.path for row in rows] == ["/funding-rules/", "/work-groups/", "/get-involved-easy/"]
    hard, catalogue, easy = rows
    assert (hard.responses, hard.plain_percent, hard.useful_percent, hard.comments) == (
        7,
        25,
        67,
        2,
    )
    assert (catalogue.plain_percent, catalogue.useful_percent, catalogue.comments) == (50, None, 1)
    assert (easy.plain_percent, easy.comments) == (100, 0)
    assert hard.title == "=Funding rules"
    assert hard.check.long_sentence_count == 1
    assert hard.check.avoid_word_count >= 6
    assert catalogue.check is None
    assert easy.check.reading_ease > hard.check.reading_ease
    html = response.content.decode()
    assert "25% <span" in html
    assert "Reading ease" in html
    # The editors' menu links here.
    assert f'href="{REPORT}"' in html


@pytest.mark.django_db
def test_one_page_shows_its_figures_trend_and_comments(editor, answered, hard_page):
    # Some answers a month earlier, for the trend.
    earlier = timezone.now() - timedelta(days=40)
    PageFeedback.objects.filter(path="/funding-rules/", question=USEFUL).update(created_at=earlier)
    response = signed_in(editor).get(PAGE_REPORT, {"path": "/funding-rules/"})
    detail = response.context["detail"]
    assert detail.row.plain_percent == 25
    assert [month.figures.responses for month in detail.trend] == [3, 4]
    assert [month.figures.useful_percent for month in detail.trend] == [67, None]
    assert [month.figures.plain_percent for month in detail.trend] == [None, 25]
    assert [feedback.comment for feedback in detail.comments] == [
        "Too long, email me at x@y.org"
    ] * 2
    html = response.content.decode()
    assert "25% said yes, of 4" in html
    assert 'id="feedback-reading-ease"' in html
    assert "Trend by month" in html
    assert "“facilitate”" in html
    assert reverse("wagtailadmin_pages:edit", args=[hard_page.pk]) in html


@pytest.mark.django_db
def test_a_page_nobody_answered_about_is_not_found(editor):
    assert signed_in(editor).get(PAGE_REPORT, {"path": "/nowhere/"}).status_code == 404


@pytest.mark.django_db
def test_the_csv_is_streamed_and_safe_in_spreadsheets(editor, answered):
    response = signed_in(editor).get(EXPORT)
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    streamed = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    content = streamed.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Page", "Address", "Responses"]
    assert rows[1][:7] == ["'=Funding rules", "/funding-rules/", "7", "3", "67", "4", "25"]
    assert rows[2][8] == ""  # the catalogue has no reading ease
    assert len(rows) == 4


@pytest.mark.django_db
def test_the_reports_cost_the_same_queries_as_answers_grow(editor, hard_page, easy_page):
    client = signed_in(editor)
    answers(hard_page.url, hard_page, PLAIN, yes=1, no=1, comment="Long")
    answers("/work-groups/", None, USEFUL, yes=1, no=0)
    client.get(REPORT)

    def count(url: str, **params: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    before = (count(REPORT), count(PAGE_REPORT, path="/funding-rules/"), count(EXPORT))
    answers(hard_page.url, hard_page, PLAIN, yes=20, no=20, comment="Still long")
    answers(easy_page.url, easy_page, USEFUL, yes=15, no=5, comment="Hmm")
    for index in range(10):
        answers(f"/research/{index}/finding/", None, PLAIN, yes=1, no=2, comment="Jargon")
    after = (count(REPORT), count(PAGE_REPORT, path="/funding-rules/"), count(EXPORT))
    assert before == after


@pytest.mark.django_db
def test_wagtail_admin_has_the_menu_item_and_the_editor_shows_the_check(national_admin, hard_page):
    client = signed_in(national_admin)
    home = client.get("/cms/")
    assert home.status_code == 200
    assert REPORT in home.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[hard_page.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "Plain English check (guidance, it does not stop you publishing)" in html
    assert "1 sentence over 25 words" in html
    assert "“facilitate” try “help, make easier”" in html
    # Wagtail's own content metrics (words, reading time, readability) are in its Checks panel.
    for metric in (
        "data-content-word-count",
        "data-content-reading-time",
        "data-content-readability-score",
    ):
        assert metric in html
