"""The public catalogue (/work-groups/), each Work Group's public page, and the hub page's offer."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.hubs.tests.test_public_pages import HUB_PAGE_QUERIES
from hubwork.programmes.models import IntendedOutcome, Mode
from hubwork.workgroups.models import Enrolment, Session, WorkGroup
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    IntendedOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
)

THIS_YEAR = AcademicYear.current()
LAST_YEAR = THIS_YEAR.previous()
NEXT_YEAR = THIS_YEAR.next()
JOINING_LINK = "https://meet.example.org/secret-room"
# The catalogue: the results' count, the page of results, their programmes' phases, and the
# choices of year, hub and programme for the filters.
CATALOGUE_QUERIES = 6
# A Work Group's page: the group with its programme and hub, then phases, outcomes, leads
# and sessions.
DETAIL_QUERIES = 5


def titles(response) -> list[str]:
    """The titles of the Work Groups a catalogue response lists, in order."""
    return [work_group.title for work_group in response.context["page"].object_list]


@pytest.fixture
def mastering_number(db):
    return ProgrammeFactory.create(
        name="Mastering Number", slug="mastering-number", phases=[Phase.PRIMARY]
    )


@pytest.fixture
def core_maths(db):
    return ProgrammeFactory.create(
        name="Developing Core Maths Pedagogy", slug="core-maths", phases=[Phase.POST16]
    )


@pytest.fixture
def continuity(db):
    return ProgrammeFactory.create(
        name="Years 5–8 Continuity",
        slug="years-5-8-continuity",
        phases=[Phase.PRIMARY, Phase.SECONDARY],
    )


# The catalogue lists published Work Groups ----------------------------------------------------


def test_catalogue_lists_this_years_published_work_groups(client, hub, mastering_number):
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme=mastering_number,
        title="Mastering Number in Reception",
        mode=Mode.BLENDED,
        venue="Hillside Primary School, Birmingham",
        recruitment_closes_on=timezone.localdate() + timedelta(days=40),
        capacity=12,
    )
    SessionFactory.create(work_group=work_group, number=1, date=THIS_YEAR.starts_on.replace(day=6))
    EnrolmentFactory.create_batch(3, work_group=work_group)
    WorkGroupFactory.create(hub=hub, programme=mastering_number, title="Another group")

    response = client.get("/work-groups/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Find a Work Group – Hubwork</title>" in html
    assert "2 Work Groups" in html
    assert f'href="/work-groups/{work_group.slug}/"' in html
    assert "Mastering Number in Reception" in html
    assert "Mastering Number, run by GLOW Maths Hub" in html
    assert "<dd>Primary</dd>" in html
    assert "<dd>Blended</dd>" in html
    assert "Hillside Primary School, Birmingham" in html
    assert f"{THIS_YEAR.starts_on.replace(day=6):%-d %B %Y}" in html
    assert "9 places left" in html  # 12 places, 3 taken
    closes = timezone.localdate() + timedelta(days=40)
    assert f"{closes:%-d %B %Y}" in html
    assert "Clear filters" in html
    assert 'href="/work-groups/"' in html


def test_one_result_is_counted_in_the_singular(client, hub):
    WorkGroupFactory.create(hub=hub)
    assert "1 Work Group</h2>" in client.get("/work-groups/").content.decode()


def test_drafts_are_never_listed(client, hub):
    WorkGroupFactory.create(hub=hub, title="Draft group", status=WorkGroup.Status.DRAFT)
    WorkGroupFactory.create(hub=hub, title="Published group")
    for query in ["", "?year=all", "?q=draft", f"?hub={hub.slug}"]:
        response = client.get(f"/work-groups/{query}")
        assert "Draft group" not in response.content.decode()
    assert titles(client.get("/work-groups/?year=all")) == ["Published group"]


def test_no_results_explains_what_to_try(client, db):
    html = client.get("/work-groups/?q=nothing+matches").content.decode()
    assert "0 Work Groups" in html
    assert "No Work Groups match these filters." in html


# Each filter finds what it should and not what it should not ---------------------------------


def test_year_defaults_to_the_current_academic_year(client, hub):
    WorkGroupFactory.create(hub=hub, title="This year", academic_year=THIS_YEAR.start_year)
    WorkGroupFactory.create(hub=hub, title="Last year", academic_year=LAST_YEAR.start_year)
    WorkGroupFactory.create(hub=hub, title="Next year", academic_year=NEXT_YEAR.start_year)

    assert titles(client.get("/work-groups/")) == ["This year"]
    assert titles(client.get(f"/work-groups/?year={LAST_YEAR.label}")) == ["Last year"]
    assert titles(client.get(f"/work-groups/?year={NEXT_YEAR.label}")) == ["Next year"]
    assert titles(client.get("/work-groups/?year=all")) == ["Last year", "Next year", "This year"]


def test_year_choices_are_the_years_with_work_groups(client, hub):
    WorkGroupFactory.create(hub=hub, academic_year=LAST_YEAR.start_year)
    WorkGroupFactory.create(
        hub=hub, academic_year=LAST_YEAR.start_year - 3, status=WorkGroup.Status.DRAFT
    )
    response = client.get("/work-groups/")
    choices = [value for value, _ in response.context["filter"].form.fields["year"].choices]
    # The current year is always offered (and chosen), even before anything is published.
    assert choices == [THIS_YEAR.label, LAST_YEAR.label, "all"]
    assert f'<option value="{THIS_YEAR.label}" selected>' in response.content.decode()


def test_phase_filter(client, hub, mastering_number, core_maths, continuity):
    WorkGroupFactory.create(hub=hub, programme=mastering_number, title="Primary only")
    WorkGroupFactory.create(hub=hub, programme=core_maths, title="Post-16 only")
    WorkGroupFactory.create(hub=hub, programme=continuity, title="Primary and secondary")

    assert titles(client.get("/work-groups/?phase=primary")) == [
        "Primary and secondary",
        "Primary only",
    ]
    assert titles(client.get("/work-groups/?phase=secondary")) == ["Primary and secondary"]
    assert titles(client.get("/work-groups/?phase=post16")) == ["Post-16 only"]
    assert titles(client.get("/work-groups/?phase=early_years")) == []


def test_hub_filter(client, hub, other_hub):
    WorkGroupFactory.create(hub=hub, title="GLOW group")
    WorkGroupFactory.create(hub=other_hub, title="Origin group")
    assert titles(client.get("/work-groups/?hub=glow")) == ["GLOW group"]
    assert titles(client.get("/work-groups/?hub=origin")) == ["Origin group"]


def test_programme_filter(client, hub, mastering_number, core_maths):
    WorkGroupFactory.create(hub=hub, programme=mastering_number, title="Number group")
    WorkGroupFactory.create(hub=hub, programme=core_maths, title="Core maths group")
    assert titles(client.get("/work-groups/?programme=core-maths")) == ["Core maths group"]
    assert titles(client.get("/work-groups/?programme=mastering-number")) == ["Number group"]


def test_mode_filter(client, hub):
    WorkGroupFactory.create(hub=hub, mode=Mode.ONLINE, title="Online group")
    WorkGroupFactory.create(hub=hub, mode=Mode.FACE_TO_FACE, title="Face-to-face group")
    WorkGroupFactory.create(hub=hub, mode=Mode.BLENDED, title="Blended group")
    assert titles(client.get("/work-groups/?mode=online")) == ["Online group"]
    assert titles(client.get("/work-groups/?mode=blended")) == ["Blended group"]


def test_places_available_filter_leaves_out_full_and_closed_groups(client, hub):
    today = timezone.localdate()
    open_group = WorkGroupFactory.create(hub=hub, title="Open with places", capacity=3)
    # Only places held (offered, enrolled, completed) count; interest and the waiting list
    # do not.
    EnrolmentFactory.create(work_group=open_group, status=Enrolment.Status.ENROLLED)
    for status in [
        Enrolment.Status.INTERESTED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.WITHDRAWN,
        Enrolment.Status.DECLINED,
    ]:
        EnrolmentFactory.create(work_group=open_group, status=status)
    full_by_enrolments = WorkGroupFactory.create(hub=hub, title="Full by enrolments", capacity=3)
    for status in [Enrolment.Status.OFFERED, Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]:
        EnrolmentFactory.create(work_group=full_by_enrolments, status=status)
    WorkGroupFactory.create(hub=hub, title="Marked full", status=WorkGroup.Status.FULL)
    WorkGroupFactory.create(
        hub=hub, title="Closing date passed", recruitment_closes_on=today - timedelta(days=1)
    )
    WorkGroupFactory.create(hub=hub, title="Closes today", recruitment_closes_on=today)
    WorkGroupFactory.create(hub=hub, title="Running", status=WorkGroup.Status.RUNNING)
    WorkGroupFactory.create(hub=hub, title="Cancelled", status=WorkGroup.Status.CANCELLED)

    assert titles(client.get("/work-groups/?places=yes")) == ["Closes today", "Open with places"]
    html = client.get("/work-groups/").content.decode()
    assert "7 Work Groups" in html
    assert "2 places left" in html
    assert html.count(">Full</strong>") == 2
    assert html.count(">Closed</strong>") == 2
    assert html.count(">Cancelled</strong>") == 1


def test_free_text_needs_every_word_somewhere(client, hub, other_hub, mastering_number):
    WorkGroupFactory.create(
        hub=hub,
        programme=mastering_number,
        title="Reception and Year 1",
        description="Subitising and counting.",
        venue="Solihull",
    )
    WorkGroupFactory.create(
        hub=other_hub,
        title="Fractions in Year 5",
        description="Equivalence.",
        venue="Leeds",
    )

    def search(words: str) -> list[str]:
        return titles(client.get("/work-groups/", {"q": words}))

    assert search("reception") == ["Reception and Year 1"]  # title, any case
    assert search("MASTERING number") == ["Reception and Year 1"]  # programme name
    assert search("subitising") == ["Reception and Year 1"]  # description
    assert search("solihull") == ["Reception and Year 1"]  # venue
    assert search("origin") == ["Fractions in Year 5"]  # hub name
    assert search("year") == ["Fractions in Year 5", "Reception and Year 1"]
    # Every word must appear, though not all in the same field.
    assert search("year solihull") == ["Reception and Year 1"]
    assert search("fractions solihull") == []
    assert search("  ") == ["Fractions in Year 5", "Reception and Year 1"]


def test_filters_combine(client, hub, other_hub, mastering_number, core_maths):
    WorkGroupFactory.create(hub=hub, programme=mastering_number, mode=Mode.ONLINE, title="A")
    WorkGroupFactory.create(hub=hub, programme=core_maths, mode=Mode.ONLINE, title="B")
    WorkGroupFactory.create(hub=other_hub, programme=mastering_number, mode=Mode.ONLINE, title="C")
    WorkGroupFactory.create(hub=hub, programme=mastering_number, title="D")
    response = client.get("/work-groups/?hub=glow&phase=primary&mode=online&places=yes")
    assert titles(response) == ["A"]


# Invalid values answer with a message, never an error page ------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("hub=nowhere", "hub", "Choose a Maths Hub from the list."),
        ("programme=nothing", "programme", "Choose a programme from the list."),
        ("phase=university", "phase", "Choose a phase from the list."),
        ("mode=teleport", "mode", "Choose how it meets from the list."),
        ("year=2026", "year", "Choose an academic year from the list."),
        ("year=1999/00", "year", "Choose an academic year from the list."),
        ("q=" + "x" * 101, "q", "Ensure this value has at most 100 characters"),
    ],
)
def test_invalid_filter_values_get_a_message_by_the_field(client, hub, query, field, message):
    WorkGroupFactory.create(hub=hub, title="This year")
    WorkGroupFactory.create(hub=hub, title="Last year", academic_year=LAST_YEAR.start_year)
    response = client.get(f"/work-groups/?{query}&page=nonsense")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Find a Work Group – Hubwork</title>" in html
    assert "There is a problem" in html
    assert f'id="id_{field}_error"' in html
    assert message in html
    # The value that could not be read is left out; the rest of the page still works.
    assert titles(response) == ["This year"]


# Pagination and htmx -------------------------------------------------------------------------


def test_pagination_keeps_the_filters(client, hub, other_hub):
    for number in range(25):
        WorkGroupFactory.create(hub=hub, title=f"GLOW group {number:02d}", mode=Mode.ONLINE)
    WorkGroupFactory.create(hub=other_hub, title="Origin group", mode=Mode.ONLINE)

    first = client.get("/work-groups/?hub=glow&mode=online")
    html = first.content.decode()
    assert "25 Work Groups" in html
    assert len(titles(first)) == 20
    assert 'href="?hub=glow&amp;mode=online&amp;page=2"' in html

    second = client.get("/work-groups/?hub=glow&mode=online&page=2")
    assert titles(second) == [f"GLOW group {number:02d}" for number in range(20, 25)]
    assert 'href="?hub=glow&amp;mode=online&amp;page=1"' in second.content.decode()


def test_the_form_works_without_javascript_and_updates_in_place_with_htmx(client, db):
    html = client.get("/work-groups/").content.decode()
    assert '<form method="get" action="/work-groups/"' in html
    assert 'data-hx-get="/work-groups/"' in html
    assert 'data-hx-target="#catalogue-results"' in html
    assert 'data-hx-push-url="true"' in html
    assert 'data-hx-trigger="change, submit"' in html
    assert '<button type="submit"' in html
    assert (
        'id="catalogue-status" class="govuk-visually-hidden" role="status" aria-live="polite"'
        in (html)
    )


def test_an_htmx_request_gets_only_the_results(client, hub, other_hub):
    WorkGroupFactory.create(hub=hub, title="GLOW group")
    WorkGroupFactory.create(hub=other_hub, title="Origin group")
    response = client.get("/work-groups/?hub=glow", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert "GLOW group" in html
    assert "Origin group" not in html
    # The count goes to the live region, so screen readers hear it.
    assert (
        '<div id="catalogue-status" data-hx-swap-oob="innerHTML">1 Work Group found</div>' in html
    )
    assert "HX-Request" in response["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(client, db):
    response = client.get(
        "/work-groups/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_catalogue_navigation_and_home_page_link(client, db):
    html = client.get("/work-groups/").content.decode()
    assert (
        'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Work Groups'
        in (html)
    )
    assert '<a class="govuk-link" href="/work-groups/">Find a Work Group</a>' in (
        client.get("/").content.decode()
    )


# Query counts stay fixed as the catalogue grows ----------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_catalogue_queries_stay_fixed(client, db, count, django_assert_num_queries):
    for number in range(count):
        work_group = WorkGroupFactory.create(
            programme=ProgrammeFactory.create(phases=[Phase.PRIMARY, Phase.SECONDARY]),
            leads=UserFactory.create_batch(2, password=None),
        )
        SessionFactory.create_batch(3, work_group=work_group)
        EnrolmentFactory.create_batch(number % 3, work_group=work_group)
    with django_assert_num_queries(CATALOGUE_QUERIES):
        response = client.get("/work-groups/?phase=primary&places=yes&q=test")
    assert len(titles(response)) == min(count, 20)


# A Work Group's public page -------------------------------------------------------------------


@pytest.fixture
def work_group(hub, mastering_number):
    foundations = ProgrammeFactory.create(name="Mastering Number Foundations", slug="foundations")
    mastering_number.requires_completion_of = foundations
    mastering_number.once_per_school = True
    mastering_number.trn_required = True
    mastering_number.kind = "riwg"
    mastering_number.summary = "Strong number sense for every child."
    mastering_number.save()
    for area, text in [
        (IntendedOutcome.Area.SCHOOL_APPROACHES, "A calculation policy the school shares."),
        (IntendedOutcome.Area.PRACTICE, "Daily number sessions."),
        (IntendedOutcome.Area.PROFESSIONAL_LEARNING, "Teachers know how number sense grows."),
        (IntendedOutcome.Area.PRACTICE, "Use of manipulatives."),
    ]:
        IntendedOutcomeFactory.create(programme=mastering_number, area=area, text=text)
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme=mastering_number,
        title="Mastering Number in Reception",
        slug="glow-mastering-number-reception",
        capacity=10,
        per_school_limit=3,
        recruitment_closes_on=timezone.localdate() + timedelta(days=30),
        leads=[
            UserFactory.create(display_name="Liam Evans", password=None),
            UserFactory.create(display_name="Aisha Khan", password=None),
        ],
    )
    start = THIS_YEAR.starts_on
    SessionFactory.create(
        work_group=work_group, number=1, date=start + timedelta(days=40), mode=Mode.FACE_TO_FACE
    )
    SessionFactory.create(
        work_group=work_group,
        number=2,
        date=start + timedelta(days=80),
        mode=Mode.ONLINE,
        venue="",
        joining_link=JOINING_LINK,
        starts_at=time(16, 0),
        ends_at=time(17, 30),
    )
    SessionFactory.create(
        work_group=work_group,
        number=3,
        date=start + timedelta(days=120),
        mode=Mode.BLENDED,
        joining_link=JOINING_LINK,
        status=Session.Status.CANCELLED,
    )
    for status in [Enrolment.Status.ENROLLED, Enrolment.Status.OFFERED]:
        EnrolmentFactory.create(work_group=work_group, status=status)
    EnrolmentFactory.create(work_group=work_group, status=Enrolment.Status.WAITLISTED)
    return work_group


def test_work_group_page_shows_what_a_teacher_needs_to_decide(client, work_group):
    response = client.get("/work-groups/glow-mastering-number-reception/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Mastering Number in Reception – Hubwork</title>" in html
    assert "Research and innovation Work Group" in html
    assert "Strong number sense for every child." in html
    assert '<a class="govuk-link" href="/hubs/glow/">GLOW Maths Hub</a>' in html
    assert "Aisha Khan and Liam Evans" in html  # co-leads, by name
    assert "Teachers in primary education." in html
    assert "Your school must have completed Mastering Number Foundations first." in html
    assert "A school may take part in Mastering Number only once." in html
    assert "teacher reference number (TRN)" in html
    assert "10 in all: 8 places left" in html  # offered and enrolled hold places; waitlisted not
    assert "Up to 3 from each school" in html
    assert f"{timezone.localdate() + timedelta(days=30):%-d %B %Y}" in html
    assert 'href="/work-groups/glow-mastering-number-reception/calendar.ics"' in html
    assert "Add to your calendar" in html


def test_work_group_page_sessions_never_show_joining_links(client, work_group):
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert JOINING_LINK not in html
    assert "meet.example.org" not in html
    start = THIS_YEAR.starts_on
    assert f"{start + timedelta(days=40):%A %-d %B %Y}" in html
    assert "9:30am to 3:30pm" in html
    assert "4pm to 5:30pm" in html
    assert '<td class="govuk-table__cell">Online</td>' in html
    assert "Hillside Primary School, Birmingham, or online" in html  # blended
    assert html.count(">Cancelled</strong>") == 1


def test_work_group_page_groups_outcomes_under_the_four_areas_in_order(client, work_group):
    html = client.get(work_group.get_absolute_url()).content.decode()
    order = [
        "Teachers&#x27; professional learning",
        "Teachers know how number sense grows.",
        "Practice development",
        "Daily number sessions.",
        "Use of manipulatives.",
        "School and department approaches and policies",
        "A calculation policy the school shares.",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Pupil learning" not in html  # an area with no outcomes is left out


def test_express_interest_asks_visitors_to_sign_in(client, work_group):
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert 'href="/accounts/login/?next=/work-groups/glow-mastering-number-reception/"' in html
    assert "Sign in to express interest" in html
    assert "no longer taking sign-ups" not in html


def test_express_interest_when_signed_in_links_to_the_sign_up_form(client, work_group, participant):
    client.force_login(participant)
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert f'href="/work-groups/{work_group.slug}/sign-up/"' in html
    assert "Sign in to express interest" not in html


def test_closed_and_cancelled_work_groups_say_so(client, work_group):
    work_group.status = WorkGroup.Status.RUNNING
    work_group.save()
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert "no longer taking sign-ups" in html
    assert "Sign in to express interest" not in html
    work_group.status = WorkGroup.Status.CANCELLED
    work_group.save()
    html = client.get(work_group.get_absolute_url()).content.decode()
    assert "This Work Group has been cancelled." in html
    assert "Sign in to express interest" not in html


def test_draft_and_unknown_work_groups_are_not_found(client, hub):
    WorkGroupFactory.create(hub=hub, slug="glow-draft", status=WorkGroup.Status.DRAFT)
    assert client.get("/work-groups/glow-draft/").status_code == 404
    assert client.get("/work-groups/nowhere/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_work_group_page_queries_stay_fixed(client, hub, count, django_assert_num_queries):
    programme = ProgrammeFactory.create(phases=[Phase.PRIMARY, Phase.SECONDARY])
    IntendedOutcomeFactory.create_batch(count, programme=programme)
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme=programme,
        leads=UserFactory.create_batch(count, password=None),
    )
    SessionFactory.create_batch(count, work_group=work_group)
    EnrolmentFactory.create_batch(count // 3, work_group=work_group)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(work_group.get_absolute_url())
    assert response.status_code == 200


# The hub page lists its offer -----------------------------------------------------------------


def test_hub_page_lists_this_years_published_offer(client, hub, other_hub, mastering_number):
    work_group = WorkGroupFactory.create(
        hub=hub, programme=mastering_number, title="GLOW this year", capacity=5
    )
    SessionFactory.create(work_group=work_group, number=1, date=THIS_YEAR.starts_on)
    EnrolmentFactory.create_batch(2, work_group=work_group)
    full = WorkGroupFactory.create(hub=hub, title="GLOW full", capacity=1, per_school_limit=1)
    EnrolmentFactory.create(work_group=full)
    WorkGroupFactory.create(hub=hub, title="GLOW draft", status=WorkGroup.Status.DRAFT)
    WorkGroupFactory.create(hub=hub, title="GLOW last year", academic_year=LAST_YEAR.start_year)
    WorkGroupFactory.create(hub=other_hub, title="Origin this year")

    html = client.get("/hubs/glow/").content.decode()
    assert f'href="/work-groups/{work_group.slug}/">GLOW this year</a>' in html
    assert "<dd>Mastering Number</dd>" in html
    assert "3 places left" in html
    assert f"{THIS_YEAR.starts_on:%-d %B %Y}" in html
    assert "<dd>Full</dd>" in html
    assert "GLOW draft" not in html
    assert "GLOW last year" not in html
    assert "Origin this year" not in html
    assert 'href="/work-groups/?hub=glow"' in html


def test_hub_page_without_an_offer_says_so(client, hub):
    html = client.get("/hubs/glow/").content.decode()
    assert "has not published any Work Groups for this academic year yet" in html


def test_hub_page_and_catalogue_agree_on_places(client, hub):
    """The hub page counts places without importing this app; both must read the same."""
    for capacity, taken in [(4, 0), (4, 3), (4, 4), (2, 5)]:
        work_group = WorkGroupFactory.create(hub=hub, capacity=capacity)
        EnrolmentFactory.create_batch(taken, work_group=work_group)
    hub_page = client.get("/hubs/glow/").context["hub"].current_offer
    catalogue = client.get("/work-groups/").context["page"].object_list
    assert sorted((wg.pk, wg.places_left, wg.recruiting) for wg in hub_page) == sorted(
        (wg.pk, wg.places_left, wg.recruiting) for wg in catalogue
    )
    assert [wg.places_left for wg in catalogue] == [4, 1, 0, 0]


@pytest.mark.parametrize("count", [3, 30])
def test_hub_page_queries_stay_fixed_as_the_offer_grows(
    client, hub, count, django_assert_num_queries
):
    for number in range(count):
        work_group = WorkGroupFactory.create(hub=hub)
        SessionFactory.create_batch(2, work_group=work_group)
        EnrolmentFactory.create_batch(number % 3, work_group=work_group)
    with django_assert_num_queries(HUB_PAGE_QUERIES):
        response = client.get("/hubs/glow/")
    assert len(response.context["hub"].current_offer) == count
