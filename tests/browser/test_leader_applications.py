"""Becoming an LLME in the browser: a teacher applies to two hubs from their dashboard (after
being told what is missing, by the field); their head confirms by the emailed link; GLOW's
hub lead shortlists, interviews (a calendar invite goes out) and offers; the teacher accepts
from their own page; Origin's hub lead does not progress them. Each hub sees only its own
part."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.hubs.models import HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.leaders.models import HubApplication
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.tests.factories import ProgrammeFactory
from tests.browser.conftest import assert_accessible, sign_in, sign_in_with_two_factor, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = HubApplication.Status


def _staff(email: str, name: str, hub) -> str:
    user = UserFactory.create(email=email, display_name=name)
    HubRoleFactory.create(user=user, hub=hub, role=HubRole.Kind.HUB_LEAD)
    return enable_totp(user)


def test_a_teacher_applies_to_two_hubs_and_each_hub_decides_on_its_own(page, transactional_db):
    glow = HubFactory.create(name="GLOW Maths Hub", slug="glow", email="glow@example.org")
    origin = HubFactory.create(name="Origin Maths Hub", slug="origin")
    birmingham = LocalAuthorityFactory.create(code="330", name="Birmingham")
    HubArea.objects.create(hub=glow, local_authority=birmingham)
    SchoolFactory.create(
        urn=990001,
        name="Hillside Primary School",
        town="Birmingham",
        postcode="B1 1AA",
        local_authority=birmingham,
    )
    ProgrammeFactory.create(name="Mastering Number")
    UserFactory.create(email="priya@example.org", display_name="Priya Clarke")
    glow_secret = _staff("helen@example.org", "Helen Marsh", glow)
    origin_secret = _staff("owen@example.org", "Owen Price", origin)

    # The public page explains the role and ends with the way to apply (the live server's
    # first page loads everything once, which can take a while on a busy machine).
    page.goto("/become-an-llme/apply/", timeout=60_000)
    expect(page.get_by_role("link", name="Sign in or create an account to apply")).to_be_visible()
    assert_accessible(page)

    # The teacher finds the form from their dashboard; sending it empty says what is missing.
    sign_in(page, "priya@example.org")
    tab_to(page, "Apply to become an LLME")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Apply to become an LLME")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter your school's name or URN.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Choose at least one Maths Hub to apply to.")
    ).to_be_visible()
    assert_accessible(page)

    tab_to(page, "Your school")
    page.keyboard.type("hillside pri")
    page.get_by_role("option", name="Hillside Primary School, Birmingham B1 1AA").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator("#id_school_urn").input_value() == "990001"
    page.get_by_label("Your role in school").fill("Year 4 teacher and maths lead")
    page.get_by_label("Primary", exact=True).check()
    page.get_by_label("Your teaching and leadership experience").fill("Eight years teaching.")
    page.get_by_label("Mastery Specialist", exact=True).check()
    page.get_by_label("Mastering Number").check()
    page.get_by_label("Why do you want to become an LLME?").fill("To help other teachers.")
    page.get_by_label("Your school leader's name").fill("Joanne Whitfield")
    page.get_by_label("Your school leader's email address").fill("head@hillside.example.org")
    page.get_by_label("GLOW Maths Hub").check()
    page.get_by_label("Origin Maths Hub").check()
    tab_to(page, "Send my application")
    page.keyboard.press("Enter")
    page.wait_for_url("**/llme-applications/")
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    expect(page.get_by_test_id("school-leader-status")).to_contain_text(
        "Waiting for the school leader"
    )
    expect(page.get_by_test_id("hub-application")).to_have_count(2)
    assert_accessible(page)

    # The head opens the link from their email (no account); only the button confirms.
    (leader_email,) = [m for m in mail.outbox if m.to == ["head@hillside.example.org"]]
    link = re.search(r"https?://\S+/llme-applications/confirm/\S+/", str(leader_email.body))
    assert link is not None
    page.context.clear_cookies()
    page.goto(urlsplit(link.group(0)).path)
    expect(
        page.get_by_role("heading", name="Confirm your support for Priya Clarke")
    ).to_be_visible()
    assert_accessible(page)
    tab_to(page, "Confirm my support")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(page)

    # GLOW's hub lead: shortlist, interview, offer.
    sign_in_with_two_factor(page, "helen@example.org", glow_secret)
    page.goto("/hubs/glow/manage/team/")
    page.get_by_role("link", name="LLME applications").click()
    expect(page.get_by_role("heading", name="LLME applications", level=1)).to_be_visible()
    expect(page.get_by_text("Received (1)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Priya Clarke").click()
    expect(page.get_by_test_id("school-leader-status")).to_contain_text(
        "School leader confirmed on"
    )
    expect(page.get_by_role("main")).not_to_contain_text("Origin")
    assert_accessible(page)
    page.get_by_label("Shortlist").check()
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_text("The application is shortlisted.")).to_be_visible()
    page.get_by_role("link", name="Arrange an interview").click()
    assert_accessible(page)
    when = timezone.localdate() + timedelta(days=10)
    page.get_by_label("Date").fill(when.isoformat())
    page.get_by_label("Start time").fill("16:00")
    page.get_by_label("Length in minutes").fill("45")
    page.get_by_label("Place or joining link").fill("GLOW office, Birmingham")
    page.get_by_role("button", name="Arrange the interview").click()
    expect(page.get_by_text("The interview is arranged.")).to_be_visible()
    expect(page.get_by_test_id("interview")).to_contain_text("4pm")
    invite = mail.outbox[-1]
    assert invite.to == ["priya@example.org"]
    assert invite.attachments[0][0] == "interview.ics"
    page.get_by_label("Add a note").fill("GLOW-ONLY NOTE: strong on fluency.")
    page.get_by_role("button", name="Add the note").click()
    page.get_by_label("Offer a place").check()
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_text("The applicant is offered a place.")).to_be_visible()
    assert_accessible(page)

    # Origin's hub lead sees their own part only, and does not progress it, with a reason.
    sign_in_with_two_factor(page, "owen@example.org", origin_secret)
    page.goto("/hubs/origin/manage/llme-applications/")
    expect(page.get_by_text("Offered (0)")).to_be_visible()
    page.get_by_role("link", name="Priya Clarke").click()
    main = page.get_by_role("main")
    for leak in ("GLOW", "Offered", "GLOW-ONLY NOTE", "Interview arranged"):
        expect(main).not_to_contain_text(leak)
    page.get_by_label("Do not progress").check()
    page.get_by_role("button", name="Save the step").click()
    expect(
        page.get_by_role("link", name="Say why the application is not progressed.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reason").fill("We have no primary places this year.")
    page.get_by_role("button", name="Save the step").click()
    expect(page.get_by_text("The application is not progressed.")).to_be_visible()
    assert any("We have no primary places this year." in m.body for m in mail.outbox)

    # The teacher accepts GLOW's offer from their own page and sees Origin's decision.
    sign_in(page, "priya@example.org")
    tab_to(page, "Your LLME applications")
    page.keyboard.press("Enter")
    page.wait_for_url("**/llme-applications/")
    accept = page.get_by_role("button", name="Accept the offer from GLOW Maths Hub")
    accept.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You have accepted GLOW Maths Hub's offer.")).to_be_visible()
    expect(page.get_by_text("We have no primary places this year.")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("GLOW-ONLY NOTE")
    assert_accessible(page)
    statuses = dict(HubApplication.objects.values_list("hub__slug", "status"))
    assert statuses == {"glow": Status.ACCEPTED, "origin": Status.NOT_PROGRESSED}
