"""A Work Group lead takes a session's register with the keyboard alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.workgroups.models import Attendance
from hubwork.workgroups.services.attendance import apologies_send
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory
from tests.browser.conftest import assert_accessible, sign_in_with_two_factor, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_marks_a_register_with_the_keyboard_only(page, transactional_db):
    hub = HubFactory.create(name="GLOW Maths Hub", slug="glow")
    lead = UserFactory.create(email="liam@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
    secret = enable_totp(lead)  # registers show participants' names and schools
    work_group = WorkGroupFactory.create(hub=hub, leads=[lead], title="Mastering Number, Dudley")
    session = SessionFactory.create(
        work_group=work_group, date=timezone.localdate() + timedelta(days=1)
    )
    amy, ben, cara, dev = (
        EnrolmentFactory.create(work_group=work_group, user__display_name=name)
        for name in ["Amy Adams", "Ben Brown", "Cara Cole", "Dev Dutta"]
    )
    apologies_send(enrolment=dev, session=session, note="Year 6 trip", by=dev.user)

    sign_in_with_two_factor(page, "liam@example.org", secret)

    page.goto(f"/hubs/glow/manage/work-groups/{work_group.pk}/sessions/{session.pk}/register/")
    assert "Year 6 trip" in page.content()
    assert page.get_by_role("group", name="Dev Dutta").get_by_label("Apologies").is_checked()
    assert_accessible(page)

    # Amy: Tab into her row and choose Present with Space.
    tab_to(page, "Present")
    page.keyboard.press("Space")
    # Ben: Tab to his row, one arrow along to Late.
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    # Cara: two along to Absent.
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("group", name="Cara Cole").get_by_label("Absent").is_checked()
    # Dev's apologies stay as they are; Enter saves the whole register.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"**/work-groups/{work_group.pk}/attendance/")
    assert "The register for session 1 is saved" in page.content()
    assert_accessible(page)

    marks = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert marks == {amy.pk: "present", ben.pk: "late", cara.pk: "absent", dev.pk: "apologies"}

    # From the attendance page, on to completion and one person's override.
    page.get_by_role("link", name="Completion").click()
    page.wait_for_url(f"**/work-groups/{work_group.pk}/completion/")
    assert_accessible(page)
    page.get_by_role("link", name="Change completion for Amy Adams").click()
    page.wait_for_url(f"**/completion/{amy.pk}/")
    assert_accessible(page)
