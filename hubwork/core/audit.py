import json
import re
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Cast

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


def audit_forget_person(*, user_pk: int, email: str, name: str, replacement: str) -> int:
    """Erasing a person (core/privacy.py): events keep what happened, not who. Events they
    did lose their actor; their email address and name are replaced by `replacement` in
    every event's description and data (the name as a whole word, so "Sam" leaves "Samuel"
    alone). Returns how many events changed. The log is otherwise append-only: this is the
    one change it allows, made here beside its one writer."""
    changed = set(AuditEvent.objects.filter(actor_id=user_pk).values_list("pk", flat=True))
    AuditEvent.objects.filter(actor_id=user_pk).update(actor=None)
    needles, patterns = _forget_terms(email, name)
    if not needles:
        return len(changed)
    candidates = AuditEvent.objects.annotate(data_text=Cast("data", models.TextField())).filter(
        _mentions(needles, "object_repr", "data_text")
    )
    for event in candidates.only("pk", "object_repr", "data"):
        object_repr = _scrub(event.object_repr, patterns, replacement)
        data = _scrub(event.data, patterns, replacement)
        if object_repr != event.object_repr or data != event.data:
            AuditEvent.objects.filter(pk=event.pk).update(object_repr=object_repr, data=data)
            changed.add(event.pk)
    return len(changed)


def admin_log_forget_person(*, user_pk: int, email: str, name: str, replacement: str) -> int:
    """Erasing a person: the admin site's log of their own changes goes (it is theirs), and
    entries about them by others keep the change, not their name or address (matched as the
    audit log's are)."""
    from django.contrib.admin.models import LogEntry

    removed = LogEntry.objects.filter(user_id=user_pk).delete()[0]
    needles, patterns = _forget_terms(email, name)
    if not needles:
        return removed
    for entry in LogEntry.objects.filter(_mentions(needles, "object_repr", "change_message")):
        object_repr = _scrub(entry.object_repr, patterns, replacement)
        change_message = _scrub(entry.change_message, patterns, replacement)
        if object_repr != entry.object_repr or change_message != entry.change_message:
            LogEntry.objects.filter(pk=entry.pk).update(
                object_repr=object_repr, change_message=change_message
            )
            removed += 1
    return removed


def _forget_terms(email: str, name: str) -> tuple[list[str], list[re.Pattern[str]]]:
    """What to look for, and what to replace: the address anywhere and the name as a whole
    word, each also as JSON text writes it (SQLite keeps JSON, and the admin log its change
    messages, with letters such as "ë" escaped)."""
    needles: list[str] = []
    patterns: list[re.Pattern[str]] = []
    for needle, whole_word in ((email.strip(), False), (name.strip(), True)):
        if not needle:
            continue
        for form in dict.fromkeys([needle, json.dumps(needle)[1:-1]]):
            needles.append(form)
            text = re.escape(form)
            patterns.append(
                re.compile(rf"(?<!\w){text}(?!\w)" if whole_word else text, re.IGNORECASE)
            )
    return needles, patterns


def _mentions(needles: list[str], *fields: str) -> models.Q:
    mentions = models.Q()
    for needle in needles:
        for field in fields:
            mentions |= models.Q(**{f"{field}__icontains": needle})
    return mentions


def _scrub(value: Any, patterns: list[re.Pattern[str]], replacement: str) -> Any:
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, dict):
        return {
            _scrub(key, patterns, replacement): _scrub(item, patterns, replacement)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_scrub(item, patterns, replacement) for item in value]
    return value
