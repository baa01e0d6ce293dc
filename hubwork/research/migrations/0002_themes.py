"""The themes readings are tagged with, to start from."""

from django.db import migrations

THEMES = [
    ("Assessment and feedback", "assessment-and-feedback"),
    ("Bar models and representations", "bar-models-and-representations"),
    ("Cognitive load", "cognitive-load"),
    ("Fluency and number facts", "fluency-and-number-facts"),
    ("Mastery", "mastery"),
    ("Mathematical reasoning", "mathematical-reasoning"),
    ("Oracy and mathematical talk", "oracy-and-mathematical-talk"),
    ("Problem solving", "problem-solving"),
    ("Professional development", "professional-development"),
    ("Retrieval practice", "retrieval-practice"),
    ("Transition between phases", "transition-between-phases"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("research", "Theme")
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("research", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
