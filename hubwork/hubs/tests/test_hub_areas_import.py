import io

import pytest
from django.core.management import CommandError, call_command

from hubwork.core.imports import UnreadableFileError
from hubwork.core.models import AuditEvent
from hubwork.hubs.importers import hub_areas_import
from hubwork.hubs.models import HubArea
from hubwork.schools.models import LocalAuthority


@pytest.fixture
def local_authorities(db):
    return {
        code: LocalAuthority.objects.create(code=code, name=name)
        for code, name in [("330", "Birmingham"), ("332", "Dudley"), ("860", "Staffordshire")]
    }


def areas() -> dict[str, str]:
    return dict(HubArea.objects.values_list("local_authority__code", "hub__slug"))


def test_areas_import_adds_moves_and_reports_each_bad_line(hub, other_hub, local_authorities):
    HubArea.objects.create(hub=other_hub, local_authority=local_authorities["332"])
    csv_text = (
        "hub,la_code\n"
        "glow,330\n"  # line 2: added
        "GLOW Maths Hub,332\n"  # line 3: moved from Origin, hub by name
        "nowhere,860\n"  # line 4: unknown hub
        "origin,999\n"  # line 5: unknown local authority
        "origin,330\n"  # line 6: already on line 2
        "origin,860\n"  # line 7: added
    )
    report = hub_areas_import(file=io.BytesIO(csv_text.encode("utf-8-sig")), by=None)
    assert (report.added, report.moved, report.unchanged) == (2, 1, 0)
    assert report.rejected == [
        (4, "no hub is called 'nowhere'"),
        (5, "no local authority has the code '999'"),
        (6, "local authority 330 is already on line 2"),
    ]
    assert areas() == {"330": "glow", "332": "glow", "860": "origin"}
    assert AuditEvent.objects.filter(verb="hub_area.moved").count() == 1

    again = hub_areas_import(file=io.BytesIO(b"hub,la_code\nglow,330\n"), by=None)
    assert (again.added, again.moved, again.unchanged) == (0, 0, 1)


def test_a_file_without_the_columns_changes_nothing(hub, local_authorities):
    with pytest.raises(UnreadableFileError, match="no la_code column"):
        hub_areas_import(file=io.BytesIO(b"hub,local_authority\nglow,330\n"), by=None)
    assert not HubArea.objects.exists()


def test_the_command_prints_the_report(tmp_path, hub, local_authorities, capsys):
    path = tmp_path / "areas.csv"
    path.write_bytes("hub,la_code\r\nglow,330\r\nglöw,332\r\n".encode("cp1252"))
    call_command("import_hub_areas", str(path))
    out = capsys.readouterr().out
    assert "1 added, 0 moved from another hub, 0 unchanged, 1 rejected." in out
    assert "line 3: no hub is called 'glöw'" in out
    with pytest.raises(CommandError, match="Could not read"):
        call_command("import_hub_areas", str(tmp_path / "missing.csv"))


def test_national_admins_upload_areas_in_the_admin(client, hub, local_authorities):
    from hubwork.accounts.tests.factories import UserFactory, enable_totp

    admin = UserFactory.create(is_national_admin=True, is_staff=True, is_superuser=True)
    enable_totp(admin)
    client.force_login(admin)
    upload = io.BytesIO(b"hub,la_code\nglow,330\nglow,000\n")
    upload.name = "areas.csv"
    response = client.post("/admin/hubs/hub/import-areas/", {"file": upload}, follow=True)
    html = response.content.decode()
    assert "1 added" in html
    assert "Line 3 was not imported: no local authority has the code &#x27;000&#x27;" in html
    assert areas() == {"330": "glow"}
