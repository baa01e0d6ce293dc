"""Every reference to a person in every installed model is in some app's part of personal
data (core/privacy.py), so it is exported and erased: a new model with a user foreign key and
no part fails here. And every part names real fields."""

from django.apps import apps
from django.contrib.auth import get_user_model

from hubwork.core.privacy import personal_data_parts


def user_references() -> set[str]:
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def covered() -> set[str]:
    return {name for part in personal_data_parts() for name in part.covers}


def test_every_reference_to_a_person_is_in_a_part():
    missing = user_references() - covered()
    assert not missing, f"No personal-data part covers: {sorted(missing)}"


def test_every_covered_field_is_a_real_reference_to_a_person():
    assert covered() - user_references() == set()


def test_the_references_include_the_ones_that_matter():
    """The finder finds foreign keys, one-to-ones and many-to-manys alike."""
    references = user_references()
    assert {
        "workgroups.Enrolment.user",  # a foreign key
        "workgroups.CalendarFeed.user",  # a one-to-one
        "workgroups.WorkGroup.leads",  # a many-to-many
        "practice.ClassroomTrial.author",
        "core.AuditEvent.actor",
    } <= references


def test_each_part_is_registered_once_with_its_own_fields():
    parts = personal_data_parts()
    assert len({part.name for part in parts}) == len(parts)
    seen: set[str] = set()
    for part in parts:
        assert not (part.covers & seen), f"{part.name} covers fields another part covers"
        seen |= part.covers
