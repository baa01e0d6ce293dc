import json
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from hubwork.core.models import AuditEvent


def audit(
    actor: AbstractBaseUser | AnonymousUser | None,
    verb: str,
    obj: models.Model | None = None,
    *,
    hub: models.Model | int | None = None,
    **data: Any,
) -> AuditEvent:
    """Append one event to the audit log.

    `verb` reads "noun.past_tense" (e.g. "enrolment.withdrawn"). The hub defaults to the
    object's own hub (or the object itself when it is a hub), so hub staff can see it later.
    """
    hub_id: int | None
    if isinstance(hub, int):
        hub_id = hub
    elif hub is not None:
        hub_id = hub.pk
    elif obj is not None and obj._meta.label_lower == "hubs.hub":
        hub_id = obj.pk
    else:
        hub_id = getattr(obj, "hub_id", None)
    return AuditEvent.objects.create(
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        hub_id=hub_id,
        # Round-trip through JSON so dates, decimals and UUIDs are stored as text.
        data=json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
    )


# Not worth keeping in the audit log: the log records when each change happened.
UNAUDITED_FIELDS = frozenset({"id", "created_at", "updated_at"})


def field_changes(before: models.Model | None, after: models.Model) -> dict[str, list[Any]]:
    """Each field that differs as [before, after]; every field, from None, for a new row."""
    changes = {}
    for model_field in after._meta.concrete_fields:
        if model_field.attname in UNAUDITED_FIELDS:
            continue
        old = None if before is None else model_field.value_from_object(before)
        new = model_field.value_from_object(after)
        if before is None or old != new:
            changes[model_field.attname] = [old, new]
    return changes
