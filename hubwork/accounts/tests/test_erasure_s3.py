"""Erasure deletes a person's files from S3-compatible storage as well as from the data folder:
the same pages, with storage pointed at an S3 server on this machine (moto's, over HTTP)."""

from collections.abc import Iterator
from datetime import timedelta

import boto3
import pytest
from django.utils import timezone
from moto.server import ThreadedMotoServer

from hubwork.accounts.models import ErasureRequest
from hubwork.accounts.services.erasure import account_erase
from hubwork.accounts.tests.test_erasure import log_a_trial_with_evidence
from hubwork.core.models import OutboxMessage
from hubwork.core.outbox import flush
from hubwork.core.retention import retention_run
from hubwork.practice.models import Evidence
from hubwork.workgroups.models import Enrolment
from hubwork.workgroups.tests.factories import EnrolmentFactory, WorkGroupFactory

BUCKET = "hubwork-evidence"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A fresh private bucket, and storage settings as production's with MEDIA_BUCKET set."""
    s3 = boto3.resource("s3", endpoint_url=s3_endpoint, region_name="eu-west-2", **CREDENTIALS)
    bucket = s3.Bucket(BUCKET)
    bucket.create(CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-west-2",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield bucket
    bucket.objects.all().delete()
    bucket.delete()


def stored_keys(bucket) -> set[str]:
    return {item.key for item in bucket.objects.all()}


def test_erasure_deletes_the_persons_evidence_from_the_bucket(
    client, hub, llme, participant, outsider, bucket, django_capture_on_commit_callbacks
):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    EnrolmentFactory.create(
        work_group=work_group, user=participant, status=Enrolment.Status.ENROLLED
    )
    EnrolmentFactory.create(work_group=work_group, user=outsider, status=Enrolment.Status.ENROLLED)
    client.force_login(participant)
    log_a_trial_with_evidence(client, work_group)
    client.force_login(outsider)
    log_a_trial_with_evidence(client, work_group)
    theirs = Evidence.objects.get(trial__author=participant)
    others = Evidence.objects.get(trial__author=outsider)
    assert {theirs.file.name, others.file.name} <= stored_keys(bucket)

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=participant, by=None, reason=ErasureRequest.Reason.EMAIL)

    remaining = stored_keys(bucket)
    assert theirs.file.name not in remaining
    assert not (theirs.preview and theirs.preview.name in remaining)
    # Someone else's evidence in the same Work Group stays.
    assert others.file.name in remaining


def test_retention_deletes_expired_evidence_from_the_bucket(
    client, hub, llme, participant, bucket, django_capture_on_commit_callbacks
):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    EnrolmentFactory.create(
        work_group=work_group, user=participant, status=Enrolment.Status.ENROLLED
    )
    client.force_login(participant)
    log_a_trial_with_evidence(client, work_group)
    evidence = Evidence.objects.get()
    assert evidence.file.name in stored_keys(bucket)
    long_after = timezone.now() + timedelta(days=366 * 5)

    with django_capture_on_commit_callbacks(execute=True):
        retention_run(now=long_after, dry_run=False)

    assert not Evidence.objects.exists()
    assert stored_keys(bucket) == set()


def test_files_are_deleted_once_storage_answers_again(
    client, hub, llme, participant, bucket, settings, django_capture_on_commit_callbacks
):
    work_group = WorkGroupFactory.create(hub=hub, leads=[llme])
    EnrolmentFactory.create(
        work_group=work_group, user=participant, status=Enrolment.Status.ENROLLED
    )
    client.force_login(participant)
    log_a_trial_with_evidence(client, work_group)
    name = Evidence.objects.get().file.name
    live = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**live, "OPTIONS": {**live["OPTIONS"], "endpoint_url": "http://127.0.0.1:1"}},
    }

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=participant, by=None, reason=ErasureRequest.Reason.EMAIL)

    # The erasure is done; the file waits for storage, and nothing was lost.
    assert not Evidence.objects.exists()
    assert name in stored_keys(bucket)
    waiting = OutboxMessage.objects.filter(
        sent_at__isnull=True, task__endswith="delete_stored_file"
    )
    assert {message.kwargs["name"] for message in waiting} >= {name}
    assert all(message.last_error for message in waiting)

    settings.STORAGES = {**settings.STORAGES, "default": live}
    flush()
    assert name not in stored_keys(bucket)
