from pathlib import Path

import pytest

from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory

# Trials, evidence, reflections, outputs ----------------------------------------------------
# A Work Group led by `llme`, with `participant` and `colleague` as members. Modules that store
# files use `media` in every test (pytestmark).


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, title="Mastering Number", leads=[llme])


@pytest.fixture
def member(participant, work_group):
    EnrolmentFactory.create(work_group=work_group, user=participant)
    return participant


@pytest.fixture
def colleague(work_group):
    return EnrolmentFactory.create(work_group=work_group).user


# Plans, gap tasks, group space ------------------------------------------------------------
# These use `work_group` and `member` above.


@pytest.fixture
def sessions(work_group):
    """Three full-day sessions, 9:30 to 15:30 (360 minutes)."""
    return SessionFactory.create_batch(3, work_group=work_group)
