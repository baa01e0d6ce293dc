"""Clashes in a lead's time (selectors/clashes.py): overlapping sessions and more days than
agreed in a week, across every hub they lead for, warned about (never blocked) when a session
is planned or rearranged, and written so that another hub's session shows only by date and
time."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from hubwork.core.academic_years import AcademicYear
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.programmes.models import Mode
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Session, WorkGroup
from hubwork.workgroups.selectors.clashes import (
    Agreement,
    Slot,
    days_allowed,
    session_clashes,
    week_loads,
    week_of,
)
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

# A Tuesday well inside this academic year, and the days around it.
TUESDAY = week_of(AcademicYear.current().starts_on + timedelta(weeks=20)) + timedelta(days=1)
MONDAY = TUESDAY - timedelta(days=1)
WEDNESDAY = TUESDAY + timedelta(days=1)
NEXT_TUESDAY = TUESDAY + timedelta(weeks=1)

# What hub B's Work Group is made of: none of it may reach hub A's staff.
SECRET_TITLE = "Secret Staffordshire Fractions Group"
SECRET_VENUE = "Hidden Valley Primary, Lichfield"
SECRET_PARTICIPANT = "Zebedee Quartermain"


@pytest.fixture
def llme_in_both(llme, other_hub):
    """The LLME leads for the other hub too."""
    HubRoleFactory.create(user=llme, hub=other_hub, role=HubRole.Kind.LLME)
    return llme


@pytest.fixture
def own_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, leads=[llme], title="Mastering Number, Dudley")


@pytest.fixture
def other_hubs_group(other_hub, llme_in_both):
    work_group = WorkGroupFactory.create(
        hub=other_hub, leads=[llme_in_both], title=SECRET_TITLE, venue=SECRET_VENUE
    )
    EnrolmentFactory.create(work_group=work_group, user__display_name=SECRET_PARTICIPANT)
    return work_group


def at(work_group: WorkGroup, day: date, starts: tuple[int, int], ends: tuple[int, int]) -> Session:
    return SessionFactory.create(
        work_group=work_group,
        date=day,
        starts_at=time(*starts),
        ends_at=time(*ends),
        venue=work_group.venue,
    )


def clashes_for(
    work_group: WorkGroup, day: date, starts: tuple[int, int], ends: tuple[int, int], **kwargs
):
    return [
        clash.message
        for clash in session_clashes(
            work_group=work_group, date=day, starts_at=time(*starts), ends_at=time(*ends), **kwargs
        )
    ]


def agree(user, hub, days: str | None) -> None:
    HubRole.objects.filter(user=user, hub=hub, role=HubRole.Kind.LLME).update(
        days_per_week=None if days is None else Decimal(days)
    )


# The rules --------------------------------------------------------------------------------


def test_another_hubs_overlapping_session_is_named_only_by_date_and_time(
    own_group, other_hubs_group
):
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    (message,) = clashes_for(own_group, TUESDAY, (15, 0), (16, 30))
    when = f"{TUESDAY:%a} {TUESDAY.day} {TUESDAY:%b %Y}, 4pm to 5:30pm"
    assert message == f"Liam Evans also leads a session for another hub on {when}, which overlaps."
    for secret in (SECRET_TITLE, SECRET_VENUE, "Origin", SECRET_PARTICIPANT):
        assert secret not in message


def test_the_same_hubs_session_is_named_by_work_group_and_number(hub, llme, own_group):
    other = WorkGroupFactory.create(hub=hub, leads=[llme], title="Years 5 to 8 Continuity")
    at(other, TUESDAY, (9, 30), (12, 0))
    (message,) = clashes_for(own_group, TUESDAY, (11, 0), (13, 0))
    assert "also leads session 1 of Years 5 to 8 Continuity on" in message


def test_touching_sessions_do_not_clash_and_cancelled_ones_are_ignored(
    own_group, other_hubs_group, other_hub, llme_in_both
):
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    assert clashes_for(own_group, TUESDAY, (13, 0), (16, 0)) == []
    assert clashes_for(own_group, TUESDAY, (17, 30), (19, 0)) == []
    # A session the service would refuse (backwards, or outside the year) shows its errors.
    assert clashes_for(own_group, TUESDAY, (17, 0), (16, 0)) == []
    next_year = TUESDAY + timedelta(weeks=60)
    at(WorkGroupFactory.create(hub=other_hub, leads=[llme_in_both]), next_year, (16, 0), (17, 0))
    assert clashes_for(own_group, next_year, (16, 0), (17, 0)) == []
    Session.objects.filter(work_group=other_hubs_group).update(status=Session.Status.CANCELLED)
    assert clashes_for(own_group, TUESDAY, (16, 0), (17, 0)) == []
    # Every session of a cancelled Work Group is left out too.
    cancelled = WorkGroupFactory.create(
        hub=other_hub, leads=[llme_in_both], status=WorkGroup.Status.CANCELLED
    )
    at(cancelled, TUESDAY, (16, 0), (17, 30))
    assert clashes_for(own_group, TUESDAY, (16, 0), (17, 0)) == []


def test_a_rearranged_session_does_not_clash_with_itself(own_group):
    session = at(own_group, TUESDAY, (13, 0), (16, 0))
    assert clashes_for(own_group, TUESDAY, (14, 0), (17, 0), session=session) == []


def test_a_co_lead_who_is_not_free_is_named(hub, llme, own_group, other_hubs_group, other_hub):
    co_lead = HubRoleFactory.create(hub=hub, role=HubRole.Kind.LLME).user
    own_group.leads.add(co_lead)
    busy = WorkGroupFactory.create(hub=hub, leads=[co_lead], title="Co-lead's other group")
    at(busy, TUESDAY, (15, 0), (16, 0))
    messages = clashes_for(own_group, TUESDAY, (14, 0), (17, 0))
    assert len(messages) == 1
    assert messages[0].startswith(f"{co_lead.display_name} also leads session 1 of Co-lead's")


def test_half_a_day_agreed_allows_sessions_on_one_day_a_week(hub, llme, own_group):
    agree(llme, hub, "0.5")
    other = WorkGroupFactory.create(hub=hub, leads=[llme], title="Other group")
    at(other, MONDAY, (9, 0), (12, 0))
    at(other, NEXT_TUESDAY, (9, 0), (12, 0))
    # The same day as another session: still one day.
    assert clashes_for(own_group, MONDAY, (13, 0), (15, 0)) == []
    (message,) = clashes_for(own_group, WEDNESDAY, (13, 0), (15, 0))
    assert f"on 2 days in the week beginning {MONDAY.day} {MONDAY:%B %Y}" in message
    assert "more than the 0.5 days a week agreed with this hub" in message
    # One and a half days allow two; nothing agreed is not checked.
    agree(llme, hub, "1.5")
    assert clashes_for(own_group, WEDNESDAY, (13, 0), (15, 0)) == []
    agree(llme, hub, None)
    assert clashes_for(own_group, WEDNESDAY, (13, 0), (15, 0)) == []


def test_days_across_all_hubs_are_checked_against_the_sum_agreed(
    hub, other_hub, own_group, other_hubs_group, llme_in_both
):
    at(other_hubs_group, MONDAY, (9, 0), (12, 0))
    agree(llme_in_both, hub, "1")
    agree(llme_in_both, other_hub, None)
    # Nothing agreed with the other hub: the total is not known, so not checked.
    assert clashes_for(own_group, WEDNESDAY, (13, 0), (15, 0)) == []
    agree(llme_in_both, other_hub, "0.5")
    # Two days against one and a half (so two) in all: fine.
    assert clashes_for(own_group, WEDNESDAY, (13, 0), (15, 0)) == []
    agree(llme_in_both, hub, "0.5")
    (message,) = clashes_for(own_group, WEDNESDAY, (13, 0), (15, 0))
    assert "on 2 days in the week beginning" in message
    assert "across the hubs they work for, more than the 1 day a week agreed with them all" in (
        message
    )
    assert SECRET_TITLE not in message


def test_week_loads_round_part_days_up():
    assert [days_allowed(Decimal(value)) for value in ("0", "0.5", "1", "1.5", "2")] == [
        0, 1, 1, 2, 2,
    ]  # fmt: skip
    slots = [
        Slot(1, hub_pk, 1, "", 1, day, time(9), time(10))
        for hub_pk, day in ((1, MONDAY), (2, TUESDAY), (2, WEDNESDAY))
    ]
    (week,) = week_loads(slots, hub_pk=1, agreement=Agreement({1: Decimal("1"), 2: Decimal("1")}))
    assert (week.days_here, week.allowed_here, week.days_in_all, week.allowed_in_all) == (
        1, 1, 3, 2,
    )  # fmt: skip
    assert week.over_in_all
    assert not week.over_here


# Planning and rearranging through the pages -----------------------------------------------


def session_data(day: date, starts: str, ends: str, **extra: str) -> dict[str, str]:
    return {
        "date": day.isoformat(),
        "starts_at": starts,
        "ends_at": ends,
        "mode": Mode.ONLINE,
        "joining_link": "https://meet.example.org/glow",
        **extra,
    }


def test_planning_an_overlapping_session_warns_without_revealing_the_other_hubs_group(
    client, hub_lead, own_group, other_hubs_group
):
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    client.force_login(hub_lead)
    url = f"/hubs/{own_group.hub.slug}/manage/work-groups/{own_group.pk}/sessions/new/"

    response = client.post(url, session_data(TUESDAY, "15:45", "17:15"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This session clashes with other sessions its leads lead" in html
    assert "Liam Evans also leads a session for another hub on" in html
    assert "4pm to 5:30pm" in html
    assert "Add the session anyway" in html
    for secret in (SECRET_TITLE, SECRET_VENUE, "Origin Maths Hub", SECRET_PARTICIPANT):
        assert secret not in html
    assert not own_group.sessions.exists()  # nothing saved yet

    seen = response.context["clashes_seen"]
    response = client.post(url, session_data(TUESDAY, "15:45", "17:15", clashes_seen=seen))
    assert response.status_code == 302
    assert own_group.sessions.get().starts_at == time(15, 45)
    page = client.get(response.url).content.decode()
    assert "Session 1 clashes: Liam Evans also leads a session for another hub" in page
    assert '<strong class="govuk-tag govuk-tag--red">Clash</strong>' in page
    for secret in (SECRET_TITLE, SECRET_VENUE, "Origin Maths Hub", SECRET_PARTICIPANT):
        assert secret not in page


def test_saving_anyway_checks_again_when_the_time_changed(
    client, hub_lead, own_group, other_hubs_group
):
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    at(other_hubs_group, WEDNESDAY, (16, 0), (17, 30))
    client.force_login(hub_lead)
    url = f"/hubs/{own_group.hub.slug}/manage/work-groups/{own_group.pk}/sessions/new/"
    seen = client.post(url, session_data(TUESDAY, "15:45", "17:15")).context["clashes_seen"]
    # The warning was for Tuesday; moved to Wednesday it clashes anew, so it asks again.
    response = client.post(url, session_data(WEDNESDAY, "15:45", "17:15", clashes_seen=seen))
    assert response.status_code == 200
    assert not own_group.sessions.exists()
    # With no clash, it saves at once.
    response = client.post(url, session_data(WEDNESDAY, "09:00", "11:00"))
    assert response.status_code == 302


def test_a_lead_rearranging_a_session_is_warned_and_cancelling_is_not(
    client, llme, own_group, other_hubs_group
):
    session = at(own_group, MONDAY, (13, 0), (16, 0))
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    client.force_login(llme)
    url = (
        f"/hubs/{own_group.hub.slug}/manage/work-groups/{own_group.pk}"
        f"/sessions/{session.pk}/rearrange/"
    )
    response = client.post(url, session_data(TUESDAY, "15:00", "16:30", status="scheduled"))
    html = response.content.decode()
    assert "At this date and time, the session clashes" in html
    assert "Save anyway and tell everyone" in html
    assert SECRET_TITLE not in html
    session.refresh_from_db()
    assert session.date == MONDAY

    seen = response.context["clashes_seen"]
    response = client.post(
        url, session_data(TUESDAY, "15:00", "16:30", status="scheduled", clashes_seen=seen)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.date == TUESDAY

    # Cancelling (or changing only the venue or link) clashes with nothing new.
    response = client.post(url, session_data(TUESDAY, "15:00", "16:30", status="cancelled"))
    assert response.status_code == 302


def test_the_work_group_page_flags_clashes_at_a_fixed_number_of_queries(
    client, hub_lead, own_group, other_hubs_group, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    at(own_group, TUESDAY, (15, 0), (16, 30))
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    client.force_login(hub_lead)
    url = f"/hubs/{own_group.hub.slug}/manage/work-groups/{own_group.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert "Liam Evans also leads a session for another hub" in html
    assert SECRET_TITLE not in html
    for week in range(1, 4):
        at(own_group, TUESDAY + timedelta(weeks=week), (15, 0), (16, 30))
        at(other_hubs_group, TUESDAY + timedelta(weeks=week), (16, 0), (17, 30))
    with django_assert_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert html.count('govuk-tag--red">Clash<') == 4


def test_a_school_in_the_other_hubs_group_is_never_named(
    client, hub_lead, own_group, other_hubs_group
):
    school = SchoolFactory.create(name="Quillwort Academy")
    EnrolmentFactory.create(work_group=other_hubs_group, school=school)
    at(other_hubs_group, TUESDAY, (16, 0), (17, 30))
    client.force_login(hub_lead)
    url = f"/hubs/{own_group.hub.slug}/manage/work-groups/{own_group.pk}/sessions/new/"
    html = client.post(url, session_data(TUESDAY, "16:00", "17:00")).content.decode()
    assert "a session for another hub" in html
    assert "Quillwort" not in html
