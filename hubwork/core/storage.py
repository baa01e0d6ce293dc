"""Stored files (evidence, outputs, data exports) leave storage only once the change that
stopped using them has committed, through the outbox: storage that is down or failing is tried
again later rather than failing the request or leaving the file behind."""

from hubwork.core.outbox import enqueue
from hubwork.core.tasks import delete_stored_file


def delete_file_after_commit(name: str) -> None:
    """Delete the stored file `name` once the current transaction commits (nothing if empty)."""
    if name:
        enqueue(delete_stored_file, name=name)
