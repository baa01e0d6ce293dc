"""The staff list of a hub's Work Groups shows how each one's places stand: filled (enrolled or
completed), offers out and people waiting, beside the capacity."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

Status = Enrolment.Status


def fill(work_group, **counts):
    for status, count in counts.items():
        EnrolmentFactory.create_batch(count, work_group=work_group, status=status)


def row_cells(html, title):
    within_row = r"(?:(?!</tr>).)*?"
    row = re.search(rf"<tr[^>]*>{within_row}{re.escape(title)}{within_row}</tr>", html, re.S)
    assert row, title
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    ]


def test_each_work_group_shows_places_filled_offered_and_waiting(client, hub, hub_lead):
    busy = WorkGroupFactory.create(hub=hub, title="Mastering Number", capacity=12)
    SessionFactory.create_batch(2, work_group=busy)
    fill(busy, enrolled=5, completed=1, offered=2, waitlisted=3, interested=1, withdrawn=4)
    WorkGroupFactory.create(hub=hub, title="Oracy", capacity=8)
    fill(WorkGroupFactory.create(title="Another hub's"), enrolled=3)

    client.force_login(hub_lead)
    html = client.get(f"/hubs/{hub.slug}/manage/work-groups/").content.decode()

    for header in ("Places filled", "Capacity", "Offers out", "Waiting"):
        assert f">{header}</th>" in html
    # Sessions, filled, capacity, offers out, waiting, status.
    assert row_cells(html, "Mastering Number")[1:6] == ["2", "6", "12", "2", "4"]
    assert row_cells(html, "Oracy")[1:6] == ["0", "0", "8", "0", "0"]
    assert "Another hub's" not in html


def test_the_list_costs_the_same_queries_however_many_work_groups_and_sign_ups(
    client, hub, hub_lead, django_assert_num_queries
):
    def add_work_group():
        work_group = WorkGroupFactory.create(hub=hub)
        SessionFactory.create_batch(3, work_group=work_group)
        fill(work_group, enrolled=2, offered=1, waitlisted=2)

    add_work_group()
    client.force_login(hub_lead)
    url = f"/hubs/{hub.slug}/manage/work-groups/"
    client.get(url)  # settle anything cached once per process
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        add_work_group()
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["work_groups"]) == 6
