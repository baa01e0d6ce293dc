"""Versions of the data behind cached pages move with the change that made them, and only then."""

import pytest
from django.db import transaction

from hubwork.core.caching import data_version_bump, data_versions
from hubwork.core.models import DataVersion


def test_a_version_never_bumped_reads_zero_and_all_are_read_in_one_query(
    db, django_assert_num_queries
):
    data_version_bump("offer")
    data_version_bump("offer")
    with django_assert_num_queries(1):
        assert data_versions("offer", "never") == (2, 0)


def test_a_bump_once_the_row_exists_is_one_update(db, django_assert_num_queries):
    data_version_bump("catalogue")
    with django_assert_num_queries(1):
        data_version_bump("catalogue")
    assert data_versions("catalogue") == (2,)


def test_a_rolled_back_change_leaves_the_version_where_it_was(db):
    data_version_bump("catalogue")

    seen_inside = []

    def change_that_fails() -> None:
        with transaction.atomic():
            data_version_bump("catalogue")
            seen_inside.append(data_versions("catalogue"))
            raise ValueError("the change failed")

    with pytest.raises(ValueError, match="the change failed"):
        change_that_fails()
    assert seen_inside == [(2,)]
    assert data_versions("catalogue") == (1,)
    assert DataVersion.objects.get(name="catalogue").value == 1
