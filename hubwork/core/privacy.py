"""Personal data: what each app holds about a person, how it is exported and how it is erased.

Each app declares its part in its own `privacy.py` module, loaded at start-up, naming every
model field that refers to a person. A test fails on any reference to a user that no part
covers, so a new app cannot forget to export or erase what it holds.

Erasure (`account_erase` in accounts/services/erasure.py) runs every part's `erase` in one
transaction, lowest `order` first; the account row itself is emptied last and kept, so the
enrolments it held stay as anonymous rows and schools' engagement counts are unchanged.
Questionnaire answers are not held yet: the app that collects them must add a part that
exports them and, on erasure, keeps them only as anonymous aggregates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ExportPart:
    """One app's share of a person's data export.

    Each table becomes a JSON file and a CSV file in the archive; each file is copied from
    storage (its name in storage, then its path inside the archive).
    """

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PersonalData:
    """How one app exports and erases what it holds about a person.

    `covers` names each model field that refers to a user as "app_label.Model.field".
    `erase` deletes or anonymises the person's part (and deletes their files from storage)
    and returns counts of what it removed, by kind, for the audit log.
    """

    name: str
    covers: frozenset[str]
    export: Callable[[Any], ExportPart]
    erase: Callable[[Any], dict[str, int]]
    # Lower runs first when erasing: parts that other parts refer to go last.
    order: int = 100


_parts: dict[str, PersonalData] = {}


def register_personal_data(part: PersonalData) -> None:
    """Add an app's part; registering the same name again replaces it (module reloads)."""
    _parts[part.name] = part


def personal_data_parts() -> list[PersonalData]:
    return sorted(_parts.values(), key=lambda part: (part.order, part.name))


def rows(queryset: Any, *fields: str) -> list[dict[str, Any]]:
    """The named fields of each row, in order, for an export's table."""
    return [dict(row) for row in queryset.values(*fields)]


# --- Core's own part: the audit log and the admin site's log. -------------------------


def _audit_export(user: Any) -> ExportPart:
    from django.contrib.admin.models import LogEntry
    from django.db.models import Q

    from hubwork.core.models import AuditEvent

    about_them = Q(actor=user) | Q(object_type=user._meta.label_lower, object_id=str(user.pk))
    return ExportPart(
        tables={
            "audit_events": rows(
                AuditEvent.objects.filter(about_them).order_by("occurred_at", "pk"),
                "occurred_at",
                "verb",
                "object_type",
                "object_id",
                "object_repr",
                "data",
            ),
            "admin_changes": rows(
                LogEntry.objects.filter(user=user).order_by("action_time", "pk"),
                "action_time",
                "content_type__model",
                "object_id",
                "object_repr",
                "action_flag",
                "change_message",
            ),
        }
    )


def _audit_erase(user: Any) -> dict[str, int]:
    from hubwork.core.audit import admin_log_forget_person, audit_forget_person
    from hubwork.core.outbox import outbox_forget_address

    details = {
        "user_pk": user.pk,
        "email": user.email,
        "name": user.display_name,
        "replacement": "someone who has left",
    }
    return {
        "audit_events": audit_forget_person(**details),
        "admin_log_entries": admin_log_forget_person(**details),
        "queued_messages": outbox_forget_address(email=user.email),
    }


register_personal_data(
    PersonalData(
        name="audit",
        # Queued messages (core.OutboxMessage) hold addresses, not users: erased by address.
        covers=frozenset({"core.AuditEvent.actor", "admin.LogEntry.user"}),
        export=_audit_export,
        erase=_audit_erase,
        # After the other apps (their rows' descriptions are scrubbed here), before the
        # account row itself is emptied (accounts, last).
        order=800,
    )
)
