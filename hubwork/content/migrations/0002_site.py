from django.db import migrations

from hubwork.content.services.site import site_frame_build


def build(apps, schema_editor):  # type: ignore[no-untyped-def]
    site_frame_build(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
