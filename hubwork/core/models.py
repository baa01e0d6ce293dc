from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from hubwork.core.times import date_and_time


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_object(self, obj: models.Model) -> "AuditEventQuerySet":
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def for_hub(self, hub_id: int) -> "AuditEventQuerySet":
        return self.filter(hub_id=hub_id)


class AuditEvent(models.Model):
    """One line of the append-only audit log, written only through `core.audit.audit`.

    The object is kept as its model label, primary key and a description rather than a
    foreign key, and the hub as a bare id, so that the log outlives whatever it describes.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    hub_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{date_and_time(self.occurred_at)}: {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only and cannot be deleted.")


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def unsent(self) -> "OutboxMessageQuerySet":
        return self.filter(sent_at__isnull=True)


class OutboxMessage(models.Model):
    """A task that a saved change implies (an email, an offer), written through
    `core.outbox.enqueue` in the change's own transaction and handed to the task queue once
    it commits; while the broker is away it waits here for `outbox_flush` to send it."""

    task = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        state = f"sent {date_and_time(self.sent_at)}" if self.sent_at else "waiting"
        return f"{self.task} ({state})"


class DataVersion(models.Model):
    """A counter that moves whenever the data behind a cached page changes.

    Cached pages and fragments carry the counter in their key (and ETag), so a change is
    seen on the very next request: nothing is ever invalidated, a new key is simply used.
    Written only through `core.caching.data_version_bump`.
    """

    name = models.CharField(max_length=50, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} v{self.value}"
