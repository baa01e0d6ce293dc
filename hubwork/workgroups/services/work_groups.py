"""Writes to Work Groups: creating, changing, publishing and copying them."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.core.audit import audit
from hubwork.hubs.models import Hub, HubRole
from hubwork.workgroups.models import Session, WorkGroup
from hubwork.workgroups.services.places import places_offer_next
from hubwork.workgroups.signals import work_group_copied, work_group_published

# The fields a hub sets on a Work Group (the rest are derived or kept by services).
WORK_GROUP_FIELDS = (
    "programme",
    "academic_year",
    "code",
    "title",
    "description",
    "capacity",
    "per_school_limit",
    "mode",
    "venue",
    "recruitment_closes_on",
    "allocation",
    "offer_hours",
)


def _validate_leads(*, hub: Hub, leads: Iterable[User]) -> list[User]:
    leads = list(leads)
    llme_ids = set(
        HubRole.objects.current()
        .filter(hub=hub, role=HubRole.Kind.LLME, user__in=leads)
        .values_list("user_id", flat=True)
    )
    not_llmes = [lead for lead in leads if lead.pk not in llme_ids]
    if not_llmes:
        names = ", ".join(str(lead) for lead in not_llmes)
        raise ValidationError({"leads": f"Leads must be LLMEs of {hub}: {names} is not."})
    return leads


def _unique_slug(*, hub: Hub, code: str, academic_year: int, exclude_pk: int | None = None) -> str:
    base = slugify(f"{hub.slug}-{code}-{AcademicYear(academic_year).label.replace('/', '-')}")[:110]
    slug, number = base, 1
    taken = WorkGroup.objects.exclude(pk=exclude_pk) if exclude_pk else WorkGroup.objects.all()
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def work_group_create(*, hub: Hub, leads: Iterable[User], by: User, **fields: Any) -> WorkGroup:
    """A new Work Group in draft: the hub publishes it when it is ready."""
    unknown = set(fields) - set(WORK_GROUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown Work Group fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        leads = _validate_leads(hub=hub, leads=leads)
        work_group = WorkGroup(hub=hub, status=WorkGroup.Status.DRAFT, **fields)
        work_group.slug = _unique_slug(
            hub=hub, code=work_group.code, academic_year=work_group.academic_year
        )
        work_group.full_clean()
        work_group.save()
        work_group.leads.set(leads)
        audit(by, "work_group.created", work_group, leads=[lead.pk for lead in leads])
    return work_group


def work_group_update(
    *, work_group: WorkGroup, leads: Iterable[User], by: User, **fields: Any
) -> WorkGroup:
    """Change a Work Group's details and leads. Its sessions must stay inside its year."""
    with transaction.atomic():
        leads = _validate_leads(hub=work_group.hub, leads=leads)
        changed = [
            name
            for name in WORK_GROUP_FIELDS
            if name in fields and getattr(work_group, name) != fields[name]
        ]
        for name in changed:
            setattr(work_group, name, fields[name])
        if (
            "academic_year" in changed
            and work_group.sessions.exclude(
                date__range=(work_group.year.starts_on, work_group.year.ends_on)
            ).exists()
        ):
            raise ValidationError(
                {"academic_year": "Its sessions fall outside that academic year: move them first."}
            )
        work_group.full_clean()
        work_group.save()
        if "capacity" in changed:
            # More places go to the waiting list, in this same transaction, so the offers are
            # saved with the change (their emails wait in the outbox); fewer never take a
            # place away.
            places_offer_next(work_group=work_group, by=by)
        old_leads = set(work_group.leads.values_list("pk", flat=True))
        work_group.leads.set(leads)
        new_leads = {lead.pk for lead in leads}
        audit(
            by,
            "work_group.updated",
            work_group,
            changed=changed,
            leads_added=sorted(new_leads - old_leads),
            leads_removed=sorted(old_leads - new_leads),
        )
    return work_group


def work_group_set_status(*, work_group: WorkGroup, status: str, by: User) -> WorkGroup:
    """Publish (open for interest), mark full, running, completed or cancelled."""
    if status not in WorkGroup.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if status != WorkGroup.Status.DRAFT and not work_group.sessions.exists():
        raise ValidationError({"status": "Add its sessions before publishing it."})
    with transaction.atomic():
        previous = work_group.status
        work_group.status = status
        work_group.save(update_fields=["status", "updated_at"])
        audit(by, "work_group.status_changed", work_group, before=previous, after=status)
        if status == WorkGroup.Status.OPEN and previous != WorkGroup.Status.OPEN:
            work_group_published.send(sender=WorkGroup, work_group=work_group, by=by)
    return work_group


def work_group_copy_to_next_year(*, work_group: WorkGroup, by: User) -> WorkGroup:
    """A draft copy for the next academic year: same details and leads (those still LLMEs of
    the hub), sessions moved on 52 weeks so they keep their weekday, scheduled again."""
    next_year = work_group.year.next()
    with transaction.atomic():
        still_llmes = (
            HubRole.objects.current()
            .filter(hub=work_group.hub, role=HubRole.Kind.LLME)
            .values("user_id")
        )
        leads = list(work_group.leads.filter(pk__in=still_llmes))
        copy = work_group_create(
            hub=work_group.hub,
            leads=leads,
            by=by,
            **{
                name: getattr(work_group, name)
                for name in WORK_GROUP_FIELDS
                if name != "academic_year"
            },
            academic_year=next_year.start_year,
        )
        copy.copied_from = work_group
        if work_group.recruitment_closes_on:
            copy.recruitment_closes_on = _shift(work_group.recruitment_closes_on, next_year)
        copy.save(update_fields=["copied_from", "recruitment_closes_on", "updated_at"])
        Session.objects.bulk_create(
            Session(
                work_group=copy,
                number=session.number,
                date=_shift(session.date, next_year),
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                mode=session.mode,
                venue=session.venue,
                joining_link="",  # meeting links rarely carry over a year
            )
            for session in work_group.sessions.order_by("number")
        )
        audit(by, "work_group.copied", copy, copied_from=work_group.pk)
        work_group_copied.send(sender=WorkGroup, original=work_group, copy=copy, by=by)
    return copy


def _shift(day: date, year: AcademicYear) -> date:
    """The same weekday 52 weeks on, kept inside the new academic year."""
    shifted = day + timedelta(weeks=52)
    while shifted < year.starts_on:
        shifted += timedelta(weeks=1)
    while shifted > year.ends_on:
        shifted -= timedelta(weeks=1)
    return shifted
