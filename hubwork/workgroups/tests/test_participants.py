"""Leads and hub staff see a Work Group's participants, move them, message them and export
them; nobody else does."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.models import AuditEvent
from hubwork.core.times import date_and_time
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubRoleFactory
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Allocation, Enrolment, SchoolEngagement
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

Status = Enrolment.Status


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(
        hub=hub, leads=[llme], title="Mastering Number, Dudley", code="GLOW-MN-01",
        capacity=4, per_school_limit=2,
    )  # fmt: skip


@pytest.fixture
def schools(birmingham):
    return [
        SchoolFactory.create(urn=880001, name="Ash Primary School", local_authority=birmingham),
        SchoolFactory.create(urn=880002, name="Beech Academy", local_authority=birmingham),
        SchoolFactory.create(urn=880003, name="Cedar Infant School", local_authority=birmingham),
    ]


def url(work_group, rest=""):
    return f"/hubs/{work_group.hub.slug}/manage/work-groups/{work_group.pk}/participants{rest}"


def enrol(work_group, school, status, name, *, minutes_ago=0, **kwargs):
    """Someone from `school` in `work_group`, who asked `minutes_ago` minutes ago."""
    return EnrolmentFactory.create(
        work_group=work_group,
        school=school,
        status=status,
        user=UserFactory.create(display_name=name, password=None),
        requested_at=timezone.now() - timedelta(minutes=minutes_ago),
        **kwargs,
    )


def test_hub_staff_and_the_groups_leads_see_the_participants(
    client, hub_lead, llme, work_group, schools
):
    enrol(work_group, schools[0], Status.ENROLLED, "Ada Byron")
    for person in (hub_lead, llme):
        client.force_login(person)
        response = client.get(url(work_group, "/"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Ada Byron" in html
        assert "Ash Primary School" in html
    # A lead who is not on the hub's staff does not get the staff area's tabs.
    assert 'aria-label="Hub staff area"' not in html


@pytest.mark.parametrize(
    ("method", "rest"),
    [("get", "/"), ("get", ".csv"), ("get", "/message/"), ("post", "/message/"),
     ("get", "/{enrolment}/move/"), ("post", "/{enrolment}/move/")],
)  # fmt: skip
def test_nobody_else_sees_or_changes_them(
    client, outsider, participant, hub, work_group, schools, method, rest
):
    enrolment = enrol(work_group, schools[0], Status.ENROLLED, "Ada Byron")
    # An LLME of the same hub who does not lead this Work Group is stopped too.
    other_llme = UserFactory.create(display_name="Olive Other")
    HubRoleFactory.create(user=other_llme, hub=hub, role=HubRole.Kind.LLME)
    for person in (outsider, participant, other_llme, enrolment.user):
        client.force_login(person)
        path = url(work_group, rest.format(enrolment=enrolment.pk))
        data = {"status": "withdrawn", "reason": "x", "subject": "x", "message": "x"}
        response = getattr(client, method)(path, data) if method == "post" else client.get(path)
        assert response.status_code == 403
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.ENROLLED
    assert not AuditEvent.objects.filter(verb__startswith="work_group.").exists()


def test_another_hubs_address_for_the_work_group_is_not_found(client, other_hub, hub_lead):
    work_group = WorkGroupFactory.create(hub=other_hub)
    client.force_login(hub_lead)
    response = client.get(f"/hubs/glow/manage/work-groups/{work_group.pk}/participants/")
    assert response.status_code == 404


def test_people_are_grouped_by_state_with_the_waiting_list_in_order(
    client, hub_lead, work_group, schools
):
    ash, beech, cedar = schools
    enrol(work_group, ash, Status.ENROLLED, "Ada Byron", minutes_ago=90)
    offer_ends = timezone.now() + timedelta(hours=30)
    enrol(work_group, beech, Status.OFFERED, "Bea Offered", offer_expires_at=offer_ends)
    enrol(work_group, cedar, Status.WAITLISTED, "Cal Second", minutes_ago=20)
    enrol(work_group, beech, Status.WAITLISTED, "Dee First", minutes_ago=40)
    enrol(work_group, ash, Status.WITHDRAWN, "Eve Gone", minutes_ago=80)
    client.force_login(hub_lead)
    html = client.get(url(work_group, "/")).content.decode()

    assert "Places held</dt>" in html
    assert "2 of 4, up to 2 per school" in html
    assert "Enrolled (1)" in html
    assert "Offered a place (1)" in html
    assert "Waiting list (2)" in html
    assert date_and_time(offer_ends, "j M Y") in html  # "6:41pm on 3 Dec 2026"
    # The waiting list is in the order people asked, with their positions.
    waiting = html[html.index("Waiting list (2)") :]
    assert waiting.index("Dee First") < waiting.index("Cal Second")
    positions = re.findall(r"numeric\">(\d+)</td>\s*<th scope=\"row\"[^>]*>(\w+)", waiting)
    assert positions[:2] == [("1", "Dee"), ("2", "Cal")]
    # Withdrawn and declined people are tucked away.
    assert re.search(r"<details[^>]*>\s*<summary[^>]*>.*Withdrawn or declined \(1\)", html)
    assert html.index("Eve Gone") > html.index("<details")
    # One row per school with places held or wanted, against its limit.
    by_school = html[html.index("By school") :]
    for name, holding, waiting_count in [("Ash", 1, 0), ("Beech", 1, 1), ("Cedar", 0, 1)]:
        row = by_school[by_school.index(name) :].split("</tr>")[0]
        assert re.findall(r"numeric\">(\d+)<", row) == [str(holding), str(waiting_count), "2"]


def test_review_mode_flags_schools_that_have_never_engaged(client, llme, work_group, schools):
    work_group.allocation = Allocation.REVIEW
    work_group.save()
    ash, beech, _ = schools
    SchoolEngagement.objects.create(school=ash, academic_year=2019)  # long ago still counts
    enrol(work_group, ash, Status.INTERESTED, "Ada Returning", minutes_ago=10)
    enrol(work_group, beech, Status.INTERESTED, "Ben Newcomer", minutes_ago=5)
    client.force_login(llme)
    html = client.get(url(work_group, "/")).content.decode()

    assert "Interested (2)" in html
    assert html.count("School never engaged") == 1
    rows = html.split("</tr>")
    [newcomer] = [row for row in rows if "Ben Newcomer" in row]
    assert "School never engaged" in newcomer
    assert "Offer a place" in newcomer
    assert "?status=offered" in newcomer


def test_a_lead_moves_someone_with_a_reason_and_it_is_audited(client, llme, work_group, schools):
    enrolment = enrol(work_group, schools[0], Status.ENROLLED, "Ada Byron")
    client.force_login(llme)
    move = url(work_group, f"/{enrolment.pk}/move/")
    assert "Move Ada Byron" in client.get(move).content.decode()

    response = client.post(move, {"status": "withdrawn", "reason": "Moved to another school"})
    assert response.status_code == 302
    assert response.url == url(work_group, "/")
    enrolment.refresh_from_db()
    assert enrolment.status == Status.WITHDRAWN
    event = AuditEvent.objects.get(verb="enrolment.withdrawn")
    assert event.actor_id == llme.pk
    assert event.object_id == str(enrolment.pk)
    assert event.hub_id == work_group.hub_id
    assert event.data["reason"] == "Moved to another school"
    assert event.data["before"] == "enrolled"


def test_a_move_without_a_reason_or_without_room_is_refused_by_the_field(
    client, hub_lead, work_group, schools
):
    ash, beech, cedar = schools
    for number, school in enumerate([ash, ash, beech, beech]):
        enrol(work_group, school, Status.ENROLLED, f"Holder {number}")
    waiting = enrol(work_group, cedar, Status.WAITLISTED, "Wes Waiting")
    client.force_login(hub_lead)
    move = url(work_group, f"/{waiting.pk}/move/")

    html = client.post(move, {"status": "enrolled", "reason": ""}).content.decode()
    assert "There is a problem" in html
    assert 'href="#id_reason"' in html
    assert "Say why, for the record." in html

    html = client.post(move, {"status": "enrolled", "reason": "Promised"}).content.decode()
    assert "There is a problem" in html
    assert "There is no room" in html
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    assert not AuditEvent.objects.filter(verb__startswith="enrolment.").exists()


def test_in_review_mode_leads_offer_places_within_capacity_and_school_limits(
    client, llme, work_group, schools
):
    work_group.allocation = Allocation.REVIEW
    work_group.capacity = 3
    work_group.per_school_limit = 1
    work_group.offer_hours = 48
    work_group.save()
    ash, beech, cedar = schools
    first = enrol(work_group, ash, Status.INTERESTED, "Ada First", minutes_ago=50)
    same_school = enrol(work_group, ash, Status.INTERESTED, "Abe Same", minutes_ago=40)
    second = enrol(work_group, beech, Status.INTERESTED, "Ben Second", minutes_ago=30)
    enrol(work_group, cedar, Status.ENROLLED, "Cat Holder", minutes_ago=60)
    too_many = enrol(
        work_group, SchoolFactory.create(urn=880009, name="Dene School"), Status.INTERESTED,
        "Dan Late", minutes_ago=20,
    )  # fmt: skip
    client.force_login(llme)

    # "Offer a place" opens the move form with the offer already chosen.
    form = client.get(url(work_group, f"/{first.pk}/move/?status=offered")).content.decode()
    assert re.search(r'<input[^>]*value="offered"[^>]*checked', form)

    def offer(enrolment):
        return client.post(
            url(work_group, f"/{enrolment.pk}/move/"),
            {"status": "offered", "reason": "Reviewed by the leads"},
        )

    assert offer(first).status_code == 302
    assert "There is no room" in offer(same_school).content.decode()  # Ash is at its limit
    assert offer(second).status_code == 302
    assert "There is no room" in offer(too_many).content.decode()  # all 3 places are held

    statuses = dict(Enrolment.objects.values_list("user__display_name", "status"))
    assert statuses == {
        "Ada First": "offered", "Abe Same": "interested", "Ben Second": "offered",
        "Cat Holder": "enrolled", "Dan Late": "interested",
    }  # fmt: skip
    first.refresh_from_db()
    expected = timezone.now() + timedelta(hours=48)
    assert abs(first.offer_expires_at - expected) < timedelta(minutes=1)
    assert AuditEvent.objects.filter(verb="enrolment.offered").count() == 2


def test_a_place_offered_by_a_lead_is_emailed_to_the_person(
    client, llme, work_group, schools, mailoutbox, django_capture_on_commit_callbacks
):
    work_group.allocation = Allocation.REVIEW
    work_group.save()
    enrolment = enrol(work_group, schools[0], Status.INTERESTED, "Ada First")
    client.force_login(llme)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(work_group, f"/{enrolment.pk}/move/"), {"status": "offered", "reason": "Chosen"}
        )
    assert [message.to for message in mailoutbox] == [[enrolment.user.email]]


def test_a_message_goes_to_each_person_holding_a_place_once_committed(
    client, llme, work_group, schools, mailoutbox, django_capture_on_commit_callbacks
):
    ash, beech, cedar = schools
    holders = [
        enrol(work_group, ash, Status.ENROLLED, "Ada Byron"),
        enrol(work_group, beech, Status.OFFERED, "Bea Offered"),
    ]
    waiting = enrol(work_group, cedar, Status.WAITLISTED, "Cal Waiting")
    enrol(work_group, cedar, Status.WITHDRAWN, "Eve Gone")
    client.force_login(llme)
    data = {"subject": "Room change", "message": "Session 2 is in the hall."}

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url(work_group, "/message/"), data)
    assert response.status_code == 302
    assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(message.to for message in mailoutbox) == sorted(
        [[holder.user.email] for holder in holders]
    )
    message = mailoutbox[0]
    assert message.subject == "Mastering Number, Dudley: Room change"
    assert "Session 2 is in the hall." in message.body
    assert "Liam Evans has sent a message" in message.body
    event = AuditEvent.objects.get(verb="work_group.messaged")
    assert event.actor_id == llme.pk
    assert event.data == {"count": 2, "include_waiting": False}  # never the text
    page = client.get(response.url).content.decode()
    assert "Your message is being sent to 2 people." in page

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(work_group, "/message/"), {**data, "include_waiting": "on"})
    assert len(mailoutbox) == 3
    assert [waiting.user.email] in [message.to for message in mailoutbox]


def test_a_message_needs_a_subject_and_text(client, llme, work_group, mailoutbox):
    client.force_login(llme)
    html = client.post(url(work_group, "/message/"), {"subject": "", "message": ""})
    html = html.content.decode()
    assert 'href="#id_subject"' in html
    assert "Enter your message." in html
    html = client.post(url(work_group, "/message/"), {"subject": "Hi\nBcc: x", "message": "y"})
    assert "Keep the subject to one line, without control characters." in html.content.decode()
    assert not AuditEvent.objects.filter(verb="work_group.messaged").exists()


def test_messages_to_a_group_are_limited_per_hour(client, llme, hub_lead, work_group, schools):
    enrol(work_group, schools[0], Status.ENROLLED, "Ada Byron")
    data = {"subject": "Reminder", "message": "Bring a class set of work."}
    client.force_login(llme)
    for _ in range(10):
        assert client.post(url(work_group, "/message/"), data).status_code == 302
    # The allowance is the Work Group's, shared by its leads and the hub's staff.
    client.force_login(hub_lead)
    response = client.post(url(work_group, "/message/"), data)
    assert response.status_code == 200
    assert "10 messages in the last hour" in response.content.decode()
    assert AuditEvent.objects.filter(verb="work_group.messaged").count() == 10


def test_the_csv_export_has_one_row_per_enrolment_and_is_audited(
    client, hub_lead, work_group, schools
):
    ash, beech, _ = schools
    ada = enrol(work_group, ash, Status.ENROLLED, "Ada Byron", minutes_ago=90)
    ada.role = Enrolment.Role.SUBJECT_LEADER
    ada.save()
    enrol(work_group, beech, Status.WAITLISTED, "Zoë Ünal", minutes_ago=30)
    enrol(work_group, beech, Status.WAITLISTED, "=HYPERLINK(1)", minutes_ago=10)
    client.force_login(hub_lead)
    response = client.get(url(work_group, ".csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="glow-mn-01-participants.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Name", "Email", "School", "URN", "Role", "Status", "Requested at", "Waiting position",
    ]  # fmt: skip
    assert len(rows) == 4
    first = rows[1]
    assert first[:6] == [
        "Ada Byron", ada.user.email, "Ash Primary School", "880001", "Maths subject leader",
        "Enrolled",
    ]  # fmt: skip
    assert first[6] == timezone.localtime(ada.requested_at).strftime("%Y-%m-%d %H:%M")
    assert first[7] == ""
    assert [row[0] for row in rows[2:]] == ["Zoë Ünal", "'=HYPERLINK(1)"]  # never a formula
    assert [row[7] for row in rows[2:]] == ["1", "2"]
    event = AuditEvent.objects.get(verb="work_group.participants_exported")
    assert event.actor_id == hub_lead.pk
    assert event.data == {"count": 3}


def test_allocation_is_chosen_on_the_work_group_form(client, hub_lead, llme, work_group):
    client.force_login(hub_lead)
    base = f"/hubs/glow/manage/work-groups/{work_group.pk}/"
    form = client.get(base + "edit/").content.decode()
    assert "How are places given?" in form
    data = {
        "programme": work_group.programme_id, "academic_year": work_group.academic_year,
        "code": work_group.code, "title": work_group.title, "leads": [llme.pk],
        "capacity": 4, "per_school_limit": 2, "mode": "online",
        "allocation": "review", "offer_hours": 48,
    }  # fmt: skip
    assert client.post(base + "edit/", data).status_code == 302
    work_group.refresh_from_db()
    assert (work_group.allocation, work_group.offer_hours) == (Allocation.REVIEW, 48)
    detail = client.get(base).content.decode()
    assert "Hub review: leads offer places" in detail
    assert "48 hours" in detail
    assert url(work_group, "/") in detail
    # Leaving them out keeps what the Work Group has.
    del data["allocation"], data["offer_hours"]
    assert client.post(base + "edit/", data).status_code == 302
    work_group.refresh_from_db()
    assert (work_group.allocation, work_group.offer_hours) == (Allocation.REVIEW, 48)


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("rest", ["/", ".csv"])
def test_queries_stay_fixed_as_participants_grow(
    client, hub_lead, work_group, schools, rest, django_assert_num_queries
):
    work_group.capacity = 40
    work_group.save()
    for status in (Status.ENROLLED, Status.WAITLISTED):
        enrol(work_group, schools[0], status, f"First {status}")
    client.force_login(hub_lead)
    few = _queries(client, url(work_group, rest))
    for number in range(12):
        school = SchoolFactory.create(urn=881000 + number, name=f"School {number}")
        if number % 3 == 0:
            SchoolEngagement.objects.create(school=school, academic_year=2024)
        status = [Status.ENROLLED, Status.OFFERED, Status.WAITLISTED, Status.WITHDRAWN][number % 4]
        enrol(work_group, school, status, f"Person {number}")
    with django_assert_num_queries(few):
        assert client.get(url(work_group, rest)).status_code == 200


def test_colleagues_waiting_together_share_a_position_on_both_sides(work_group, schools):
    import uuid

    from hubwork.workgroups.selectors.participants import participants_for
    from hubwork.workgroups.selectors.places import waiting_position

    batch = uuid.uuid4()
    pair = [
        enrol(work_group, schools[0], "waitlisted", name, batch=batch, minutes_ago=10)
        for name in ("Ada", "Ben")
    ]
    Enrolment.objects.filter(batch=batch).update(requested_at=pair[0].requested_at)
    pair = list(Enrolment.objects.filter(batch=batch).order_by("pk"))
    single = enrol(work_group, schools[1], "waitlisted", "Cal", minutes_ago=5)

    listed = {e.pk: getattr(e, "position", None) for e in participants_for(work_group).enrolments}
    assert [listed[e.pk] for e in [*pair, single]] == [1, 1, 2]
    assert [waiting_position(e) for e in [*pair, single]] == [1, 1, 2]
