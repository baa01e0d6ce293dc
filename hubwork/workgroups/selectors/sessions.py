"""A session's neighbours in its Work Group: the sessions going ahead just before and just
after it. Sessions run in (date, start time, number) order; cancelled ones are skipped, as
nobody met at them to set or evaluate gap tasks."""

from django.db.models import Q, QuerySet

from hubwork.workgroups.models import Session


def _others_going_ahead(session: Session) -> QuerySet[Session]:
    return (
        Session.objects.filter(work_group_id=session.work_group_id)
        .exclude(status=Session.Status.CANCELLED)
        .exclude(pk=session.pk)
    )


def previous_session(session: Session) -> Session | None:
    """The same Work Group's session that went ahead (not cancelled) with the greatest
    (date, start time, number) before this one."""
    return (
        _others_going_ahead(session)
        .filter(
            Q(date__lt=session.date)
            | Q(date=session.date, starts_at__lt=session.starts_at)
            | Q(date=session.date, starts_at=session.starts_at, number__lt=session.number)
        )
        .order_by("-date", "-starts_at", "-number")
        .first()
    )


def next_session(session: Session) -> Session | None:
    """The same Work Group's next session that is going ahead, if there is one."""
    return (
        _others_going_ahead(session)
        .filter(
            Q(date__gt=session.date)
            | Q(date=session.date, starts_at__gt=session.starts_at)
            | Q(date=session.date, starts_at=session.starts_at, number__gt=session.number)
        )
        .order_by("date", "starts_at", "number")
        .first()
    )
