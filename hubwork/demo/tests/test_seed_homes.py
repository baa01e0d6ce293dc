"""The demo gives each role's home something real to act on: the hub lead and assistant hub
lead what needs doing at GLOW, the LLME their groups' registers, plans and completion, the
national admin every hub's figures. Leads sign in with two-factor, like staff."""

from allauth.mfa.models import Authenticator
from django.core.management import call_command

from hubwork.accounts.models import User


def test_the_demo_homes_show_something_to_act_on(client, db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")

    for email in ("hub-lead@example.org", "assistant-hub-lead@example.org"):
        client.force_login(User.objects.get(email=email))
        overview = client.get("/dashboard/").context["hub_overviews"][0]
        assert overview.hub.slug == "glow"
        figures = overview.figures
        assert figures.unplanned_soon >= 1
        assert figures.registers_to_take >= 1
        assert figures.completions_due >= 1
        assert figures.offered >= 1
        assert figures.waiting >= 1
        assert [item.count for item in figures.waiting_for_staff if item.count] != []

    llme = User.objects.get(email="llme@example.org")
    client.force_login(llme)
    leading = client.get("/dashboard/").context["leading"]
    assert any(led.registers_to_take for led in leading)
    assert any(led.unplanned_soon for led in leading)
    assert any(led.completion_due for led in leading)
    assert any(len(led.quiet) >= 10 for led in leading)

    client.force_login(User.objects.get(email="national-admin@example.org"))
    every_hub = client.get("/dashboard/").context["every_hub"]
    rows = {hub.slug: figures for hub, figures in every_hub}
    assert {"glow", "origin", "code", "shaw"} <= set(rows)
    assert rows["glow"].work_groups > rows["origin"].work_groups > 0

    leads = User.objects.filter(led_work_groups__isnull=False).distinct()
    assert leads.exists()
    for lead in leads:
        assert Authenticator.objects.filter(user=lead, type=Authenticator.Type.TOTP).exists()
