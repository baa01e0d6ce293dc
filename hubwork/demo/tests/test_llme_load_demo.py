"""The demo LLME leads for a second hub with an overlapping pair of sessions and a week over
the days agreed, which GLOW's hub lead sees on the LLME load page; loading it again changes
nothing."""

from datetime import time, timedelta

import pytest

from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.demo.llme_load import seed_llme_load
from hubwork.hubs.models import HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.programmes.seeds import programmes_seed
from hubwork.workgroups.models import Session, WorkGroup
from hubwork.workgroups.selectors.clashes import week_of
from hubwork.workgroups.selectors.llme_load import Term
from hubwork.workgroups.tests.factories import SessionFactory, WorkGroupFactory

pytestmark = pytest.mark.django_db


def test_the_demo_llme_has_clashes_across_two_hubs(client):
    programmes_seed()
    hubs = {
        "glow": HubFactory.create(name="GLOW Maths Hub", slug="glow"),
        "origin": HubFactory.create(name="Origin Maths Hub", slug="origin"),
    }
    llme = UserFactory.create(email="llme@example.org", display_name="Liam Evans")
    HubRoleFactory.create(user=llme, hub=hubs["glow"], role=HubRole.Kind.LLME)
    hub_lead = UserFactory.create(email="hub-lead@example.org")
    HubRoleFactory.create(user=hub_lead, hub=hubs["glow"], role=HubRole.Kind.HUB_LEAD)
    enable_totp(hub_lead)
    glow_group = WorkGroupFactory.create(hub=hubs["glow"], leads=[llme])
    tuesday = week_of(Term.current().starts_on) + timedelta(weeks=2, days=1)
    SessionFactory.create(work_group=glow_group, date=tuesday, starts_at=time(13), ends_at=time(16))

    assert seed_llme_load(hubs=hubs, by=hub_lead) > 0
    assert seed_llme_load(hubs=hubs, by=hub_lead) == 0
    assert set(
        HubRole.objects.filter(user=llme, role=HubRole.Kind.LLME).values_list(
            "hub__slug", "days_per_week"
        )
    ) == {("glow", 0.5), ("origin", 0.5)}
    origin_sessions = Session.objects.filter(work_group__hub=hubs["origin"])
    assert origin_sessions.count() == 2
    assert all(
        group.status == WorkGroup.Status.OPEN
        for group in WorkGroup.objects.filter(hub=hubs["origin"])
    )

    client.force_login(hub_lead)
    html = client.get("/hubs/glow/manage/llme-load/").content.decode()
    assert "Overlaps" in html
    assert "Week over the days agreed" in html
    assert "Liam Evans leads sessions on 2 days in the week beginning" in html
    assert "Origin" not in html.split("<main", 1)[1]
