"""Retention of trial evidence: files go once they have been kept long enough."""

from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hubwork.core.audit import audit
from hubwork.practice.models import ClassroomTrial, Evidence
from hubwork.practice.selectors.retention import describe_expired_evidence, expired_evidence


def evidence_expire(*, now: datetime) -> list[str]:
    """Delete every evidence file (and its preview) kept long enough, and its row; note on
    each trial when its evidence went. Returns a line per file removed; a second run on the
    same day finds nothing.

    Each Work Group's evidence goes in its own transaction, the stored files first: if storage
    fails the rows stay, so the next run tries again, and no file is left without its row.
    Deleting a file that is already gone is not an error, locally or on S3.
    """
    today = timezone.localdate(now)
    expired = expired_evidence(today=today)
    # One Work Group at a time, so a first run over years of history holds little in memory.
    work_groups = sorted(
        set(
            expired.order_by()
            .values_list("trial__work_group__academic_year", "trial__work_group_id")
            .distinct()
        )
    )
    removed: list[str] = []
    for _academic_year, work_group_id in work_groups:
        items = list(expired.filter(trial__work_group_id=work_group_id))
        if not items:
            continue
        work_group = items[0].trial.work_group
        # Files first, outside the transaction, so storage (S3, over the network) never
        # holds the database's write lock; the rows go only once their files have.
        for evidence in items:
            for name in (evidence.file.name, evidence.preview.name):
                if name:
                    default_storage.delete(name)
        with transaction.atomic():
            trial_ids = {evidence.trial_id for evidence in items}
            Evidence.objects.filter(pk__in=[evidence.pk for evidence in items]).delete()
            ClassroomTrial.objects.filter(pk__in=trial_ids).update(evidence_deleted_on=today)
            # Counts only: an original file name may name a pupil.
            audit(
                None,
                "evidence.expired",
                work_group,
                hub=work_group.hub_id,
                evidence_files=len(items),
                trials=len(trial_ids),
                academic_year=work_group.year.label,
            )
        removed.extend(describe_expired_evidence(evidence) for evidence in items)
    return removed
