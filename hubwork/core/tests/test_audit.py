import pytest

from hubwork.core.audit import audit
from hubwork.core.models import AuditEvent


def test_audit_records_actor_object_hub_and_data(hub, hub_lead):
    event = audit(hub_lead, "hub.updated", hub, fields=["email"])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == hub_lead
    assert stored.verb == "hub.updated"
    assert (stored.object_type, stored.object_id) == ("hubs.hub", str(hub.pk))
    assert stored.hub_id == hub.pk
    assert stored.data == {"fields": ["email"]}
    assert list(AuditEvent.objects.for_object(hub)) == [stored]


def test_audit_takes_the_hub_from_the_object(hub, llme):
    hub_role = llme.hub_roles.get()
    event = audit(None, "hub_role.checked", hub_role)
    assert event.hub_id == hub.pk
    assert event.actor is None


def test_audit_events_cannot_be_changed_or_deleted(hub, hub_lead):
    event = audit(hub_lead, "hub.updated", hub)
    event.verb = "hub.deleted"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "hub.updated"
