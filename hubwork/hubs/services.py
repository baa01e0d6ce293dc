"""Writes to hubs, their areas and teams, and LLMEs' accreditations. Hub staff grant and end
roles on the team page; the national team edits the rest in the admin, which calls these."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit, field_changes
from hubwork.core.outbox import enqueue
from hubwork.hubs.models import Accreditation, Hub, HubArea, HubRole
from hubwork.hubs.notifications import notify_llme_welcome
from hubwork.schools.models import LocalAuthority, School

# Hubs and their areas ---------------------------------------------------------------------


def hub_save(
    *,
    hub: Hub,
    by: User | None,
    local_authorities: Iterable[LocalAuthority] | None = None,
    lead_schools: Iterable[School] | None = None,
) -> Hub:
    """Add or change a hub; with `local_authorities`, its area becomes exactly those, and with
    `lead_schools`, its lead schools (None leaves either as it is).

    A local authority already in another hub's area is refused: move it with the areas import.
    """
    with transaction.atomic():
        before = Hub.objects.select_for_update().filter(pk=hub.pk).first() if hub.pk else None
        hub.full_clean()
        hub.save()
        data: dict[str, Any] = {"changed": field_changes(before, hub)}
        if local_authorities is not None:
            codes = _hub_area_set(hub=hub, local_authorities=local_authorities)
            data.update(codes)
        if lead_schools is not None:
            wanted = {school.pk: school.urn for school in lead_schools}
            current = dict(hub.lead_schools.values_list("pk", "urn"))
            hub.lead_schools.remove(*(current.keys() - wanted.keys()))
            hub.lead_schools.add(*(wanted.keys() - current.keys()))
            data["lead_schools_added"] = sorted(wanted[pk] for pk in wanted.keys() - current)
            data["lead_schools_removed"] = sorted(current[pk] for pk in current.keys() - wanted)
        audit(by, "hub.created" if before is None else "hub.changed", hub, **data)
    return hub


def _hub_area_set(*, hub: Hub, local_authorities: Iterable[LocalAuthority]) -> dict[str, list[str]]:
    """Make the hub's area exactly these local authorities; the codes added and removed."""
    wanted = {local_authority.pk: local_authority for local_authority in local_authorities}
    current = {
        area.local_authority_id: area for area in hub.areas.select_related("local_authority")
    }
    removed = [current[pk] for pk in current.keys() - wanted.keys()]
    HubArea.objects.filter(pk__in=[area.pk for area in removed]).delete()
    added = [HubArea(hub=hub, local_authority=wanted[pk]) for pk in wanted.keys() - current.keys()]
    for area in added:
        area.full_clean()
    HubArea.objects.bulk_create(added)
    return {
        "areas_added": sorted(area.local_authority.code for area in added),
        "areas_removed": sorted(area.local_authority.code for area in removed),
    }


def hub_delete(*, hub: Hub, by: User | None) -> None:
    """Delete a hub that nothing protects (a hub that has run Work Groups cannot go)."""
    with transaction.atomic():
        audit(by, "hub.deleted", hub, name=hub.name, slug=hub.slug)
        hub.delete()


@dataclass(frozen=True)
class HubAreaRow:
    """One line of a hub areas file, as written in it."""

    line: int
    hub: str
    la_code: str


@dataclass
class HubAreaImportReport:
    added: int = 0
    moved: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.moved} moved from another hub, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected."
        )


def hub_areas_save(
    *, rows: Iterable[HubAreaRow], file_name: str, by: User | None
) -> HubAreaImportReport:
    """Put each row's local authority in the row's hub (by slug or name, moving it from another
    hub if need be); report every row it could not use, and audit the run once."""
    hubs: dict[str, Hub] = {}
    for each_hub in Hub.objects.all():
        hubs[each_hub.slug.lower()] = each_hub
        hubs[each_hub.name.lower()] = each_hub
    local_authorities = {la.code: la for la in LocalAuthority.objects.all()}

    report = HubAreaImportReport()
    seen: dict[str, int] = {}
    with transaction.atomic():
        current = {area.local_authority_id: area for area in HubArea.objects.select_for_update()}
        for row in rows:
            hub = hubs.get(row.hub.lower())
            local_authority = local_authorities.get(row.la_code)
            if hub is None:
                report.rejected.append((row.line, f"no hub is called {row.hub!r}"))
            elif local_authority is None:
                report.rejected.append(
                    (row.line, f"no local authority has the code {row.la_code!r}")
                )
            elif row.la_code in seen:
                report.rejected.append(
                    (
                        row.line,
                        f"local authority {row.la_code} is already on line {seen[row.la_code]}",
                    )
                )
            else:
                seen[row.la_code] = row.line
                area = current.get(local_authority.pk)
                if area is None:
                    current[local_authority.pk] = HubArea.objects.create(
                        hub=hub, local_authority=local_authority
                    )
                    report.added += 1
                elif area.hub_id != hub.pk:
                    audit(by, "hub_area.moved", area, hub=hub, from_hub_id=area.hub_id)
                    area.hub = hub
                    area.save(update_fields=["hub"])
                    report.moved += 1
                else:
                    report.unchanged += 1
        audit(
            by,
            "hub_areas.imported",
            file=file_name,
            added=report.added,
            moved=report.moved,
            unchanged=report.unchanged,
            rejected=len(report.rejected),
        )
    return report


# Hub teams --------------------------------------------------------------------------------


def hub_role_grant(
    *,
    hub: Hub,
    user: User,
    role: str,
    by: User | None,
    phase: str = "",
    starts_on: date | None = None,
) -> HubRole:
    """Give a person a role in a hub's team; an identical current role is returned as it is."""
    with transaction.atomic():
        existing = (
            HubRole.objects.current().filter(hub=hub, user=user, role=role, phase=phase).first()
        )
        if existing is not None:
            return existing
        hub_role = HubRole(
            hub=hub, user=user, role=role, phase=phase, starts_on=starts_on or timezone.localdate()
        )
        hub_role.full_clean()
        hub_role.save()
        audit(by, "hub_role.granted", hub_role, hub=hub, role=role, phase=phase, user_id=user.pk)
    return hub_role


def hub_role_end(*, hub_role: HubRole, by: User | None, ends_on: date | None = None) -> HubRole:
    """End a role from a date (today by default); the row stays as history."""
    with transaction.atomic():
        hub_role.ends_on = ends_on or timezone.localdate()
        hub_role.full_clean()
        hub_role.save(update_fields=["ends_on", "updated_at"])
        audit(by, "hub_role.ended", hub_role, ends_on=hub_role.ends_on)
    return hub_role


def hub_role_update(*, hub_role: HubRole, by: User | None) -> HubRole:
    """Save corrections to a role (its person, hub, role, phase or dates) as they are set on
    `hub_role`. Granting and ending go through `hub_role_grant` and `hub_role_end`."""
    with transaction.atomic():
        before = HubRole.objects.select_for_update().get(pk=hub_role.pk)
        hub_role.full_clean()
        hub_role.save()
        audit(by, "hub_role.changed", hub_role, changed=field_changes(before, hub_role))
    return hub_role


def hub_role_delete(*, hub_role: HubRole, by: User | None) -> None:
    """Delete a role granted by mistake. A role that ends is ended (`hub_role_end`) instead,
    so the team's history stays."""
    with transaction.atomic():
        audit(
            by,
            "hub_role.deleted",
            hub_role,
            role=hub_role.role,
            phase=hub_role.phase,
            user_id=hub_role.user_id,
            starts_on=hub_role.starts_on,
            ends_on=hub_role.ends_on,
        )
        hub_role.delete()


# LLMEs' accreditations --------------------------------------------------------------------


def accreditation_save(*, accreditation: Accreditation, by: User | None) -> Accreditation:
    """Record an LLME's accreditation, or correct one."""
    with transaction.atomic():
        before = (
            Accreditation.objects.select_for_update().filter(pk=accreditation.pk).first()
            if accreditation.pk
            else None
        )
        accreditation.full_clean()
        accreditation.save()
        verb = "accreditation.added" if before is None else "accreditation.changed"
        audit(by, verb, accreditation, changed=field_changes(before, accreditation))
    return accreditation


def accreditation_delete(*, accreditation: Accreditation, by: User | None) -> None:
    with transaction.atomic():
        audit(
            by,
            "accreditation.deleted",
            accreditation,
            user_id=accreditation.user_id,
            kind=accreditation.kind,
            year_achieved=accreditation.year_achieved,
        )
        accreditation.delete()


@dataclass(frozen=True)
class LlmeAccredited:
    """What `llme_accredit` found or made; `*_added` say which of the two are new."""

    accreditation: Accreditation
    hub_role: HubRole
    accreditation_added: bool
    hub_role_added: bool


def llme_accredit(
    *,
    user: User,
    hub: Hub,
    kind: str,
    year_achieved: int,
    starts_on: date,
    by: User | None,
    reason: str = "",
) -> LlmeAccredited:
    """Accredit a person who completed a leaders' training programme (the PD Lead
    programme) and make them an LLME of `hub` from `starts_on`; welcome them by email.

    Safe to call again: an accreditation of that kind they already hold is kept as it is
    (with its year), and so is an LLME role in the hub that is current on `starts_on` or
    starts later. Hub staff correct either on the LLME's record.
    """
    with transaction.atomic():
        accreditation = Accreditation.objects.filter(user=user, kind=kind).first()
        accreditation_added = accreditation is None
        if accreditation is None:
            accreditation = accreditation_save(
                accreditation=Accreditation(user=user, kind=kind, year_achieved=year_achieved),
                by=by,
            )
        hub_role = (
            HubRole.objects.filter(hub=hub, user=user, role=HubRole.Kind.LLME)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
            .order_by("starts_on")
            .first()
        )
        hub_role_added = hub_role is None
        if hub_role is None:
            hub_role = HubRole(hub=hub, user=user, role=HubRole.Kind.LLME, starts_on=starts_on)
            hub_role.full_clean()
            hub_role.save()
            audit(
                by,
                "hub_role.granted",
                hub_role,
                hub=hub,
                role=hub_role.role,
                phase="",
                user_id=user.pk,
                via="accreditation",
            )
        if accreditation_added or hub_role_added:
            audit(
                by,
                "llme.accredited",
                accreditation,
                hub=hub,
                user_id=user.pk,
                kind=kind,
                year_achieved=accreditation.year_achieved,
                starts_on=hub_role.starts_on,
                accreditation_added=accreditation_added,
                hub_role_added=hub_role_added,
                reason=reason,
            )
            enqueue(notify_llme_welcome, accreditation_id=accreditation.pk, hub_role_id=hub_role.pk)
    return LlmeAccredited(
        accreditation=accreditation,
        hub_role=hub_role,
        accreditation_added=accreditation_added,
        hub_role_added=hub_role_added,
    )


def hub_data_erase(user: User) -> dict[str, int]:
    """Erasing a person (hubs/privacy.py): their hub roles, past and present, and their
    accreditations go; the audit log keeps that roles were granted, not to whom."""
    return {
        "hub_roles": HubRole.objects.filter(user=user).delete()[0],
        "accreditations": Accreditation.objects.filter(user=user).delete()[0],
    }
