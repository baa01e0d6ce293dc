import pytest
from django.core.management import CommandError, call_command

from hubwork.accounts.models import Role, User
from hubwork.core.models import AuditEvent
from hubwork.hubs.models import Hub, HubRole
from hubwork.schools.models import School


def test_seed_demo_is_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_gives_one_sign_in_per_role_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first_run = capsys.readouterr().out
    roles = {role for user in User.objects.all() for role in user.roles}
    assert roles == set(Role)
    assert {"glow", "origin", "code", "shaw"} <= set(Hub.objects.values_list("slug", flat=True))
    assert School.objects.count() >= 5
    for email in ("participant@example.org", "hub-lead@example.org", "llme@example.org"):
        assert email in first_run

    counts = [model.objects.count() for model in (User, Hub, HubRole, School, AuditEvent)]
    call_command("seed_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert [model.objects.count() for model in (User, Hub, HubRole, School, AuditEvent)] == counts
