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


def test_forgetting_a_person_finds_names_with_accents_in_the_data(db):
    from hubwork.core.audit import audit, audit_forget_person

    event = audit(None, "enrolment.created", None, name="Zoë Brontë", note="Zoëy stays")
    AuditEvent.objects.filter(pk=event.pk).update(object_repr="Zoë Brontë's place")

    assert audit_forget_person(user_pk=0, email="", name="Zoë Brontë", replacement="X") == 1

    event.refresh_from_db()
    assert event.data == {"name": "X", "note": "Zoëy stays"}
    assert event.object_repr == "X's place"
