"""Erasing what the Work Groups app holds about a person (workgroups/privacy.py).

Their enrolments stay, held by their emptied account row, so a school that engaged still
counts and attendance counts are unchanged; what identifies them on those rows (TRN, the
school leader they named, notes on their attendance) goes. Their calendar feed goes; they no
longer lead any Work Group; rows they wrote about others (session changes, registers,
invitations) keep the change, not who made it. Invitations addressed to them keep their
status, not their address, and enrolments naming them as a school leader forget them.
"""

from hubwork.accounts.models import User, erased_address
from hubwork.workgroups.models import (
    Attendance,
    CalendarFeed,
    ColleagueInvitation,
    ContinuationInvitation,
    Enrolment,
    SessionChange,
    WorkGroup,
)


def work_group_data_erase(user: User) -> dict[str, int]:
    """Anonymise or delete the person's Work Group data; returns counts by kind."""
    counts: dict[str, int] = {}
    enrolments = Enrolment.objects.filter(user=user)
    # The school leader they named is someone else's personal data: it goes with theirs.
    counts["enrolments_anonymised"] = enrolments.update(
        trn="", school_leader_name="", school_leader_email=""
    )
    Attendance.objects.filter(enrolment__user=user).exclude(note="").update(note="")
    counts["calendar_feeds"] = CalendarFeed.objects.filter(user=user).delete()[0]
    led = WorkGroup.objects.filter(leads=user)
    counts["work_groups_led"] = led.count()
    WorkGroup.leads.through.objects.filter(user=user).delete()
    SessionChange.objects.filter(changed_by=user).update(changed_by=None)
    Attendance.objects.filter(recorded_by=user).update(recorded_by=None)
    ColleagueInvitation.objects.filter(invited_by=user).update(invited_by=None)
    ContinuationInvitation.objects.filter(invited_by=user).update(invited_by=None)
    counts["invitations_received"] = ColleagueInvitation.objects.filter(
        email__iexact=user.email
    ).update(email=erased_address(user.pk))
    # Someone else's enrolment naming them as their school leader forgets them.
    if user.email:
        counts["named_as_school_leader"] = Enrolment.objects.filter(
            school_leader_email__iexact=user.email
        ).update(school_leader_name="", school_leader_email="")
    return counts
