"""Asking people to answer evaluation forms: the first email when a form opens, at most two
reminders to non-respondents, and a Work Group lead's one extra nudge per form.

An hourly Celery beat job (`evaluation.tasks.send_evaluation_requests`) looks at every form
that is open now — session feedback after each session that went ahead, the pre
questionnaire until the first session, the post questionnaire and the school leader's form
after the last — and, for a form whose programme has a questionnaire:

- makes the Invitation of each participant holding a place (Enrolment.MEMBERS) who has none,
  and of each school's leader (one per school, whom the school's first participant to name
  one named at sign-up);
- emails each invitation once, and reminds those who have not answered at most
  `Invitation.MAX_REMINDERS` times, `REMINDER_GAP` apart, never in a form's last hours.

Each email is claimed on its invitation row (a conditional update of rows locked in the same
transaction that queues the email through the outbox), so running the job twice, or in two
beat processes at once, never sends the same email twice.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.audit import audit
from hubwork.core.outbox import enqueue
from hubwork.core.tasks import send_email
from hubwork.core.times import date_and_time
from hubwork.evaluation.models import Invitation, Questionnaire, Response, Wave
from hubwork.evaluation.selectors.questionnaires import current_questionnaire
from hubwork.evaluation.windows import (
    LEADER_OPEN_FOR,
    REMINDER_GAP,
    Window,
    sessions_held,
    window_for,
)
from hubwork.programmes.models import Programme
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

# Drafts never run and cancelled Work Groups will not: nobody is asked.
NOT_RUNNING = (WorkGroup.Status.DRAFT, WorkGroup.Status.CANCELLED)
# How many invitations one transaction claims and emails.
BATCH_SIZE = 200


@dataclass(frozen=True)
class Form:
    """One form of a Work Group: a wave (and, for feedback, its session) and its window."""

    work_group: WorkGroup
    wave: str
    session: Session | None
    window: Window

    @property
    def session_id(self) -> int | None:
        return self.session.pk if self.session is not None else None


# Which invitations ---------------------------------------------------------------------------


def _responded() -> Q:
    """Whether an invitation has been answered: a response linked to it, or one by the same
    person to the same form (answered from their dashboard before the email came)."""
    linked = Response.objects.filter(invitation=OuterRef("pk"))
    by_person = Response.objects.filter(
        work_group=OuterRef("work_group"),
        wave=OuterRef("wave"),
        respondent=OuterRef("user"),
    ).filter(Q(session__isnull=True) | Q(session=OuterRef("session")))
    return Q(Exists(linked)) | Q(Exists(by_person))


def _holds_place() -> Q:
    """A school leader's invitation, or a participant's who still holds a place."""
    member = Enrolment.objects.filter(
        work_group=OuterRef("work_group"),
        user=OuterRef("user"),
        status__in=Enrolment.MEMBERS,
        user__is_active=True,
    )
    return Q(wave=Wave.SCHOOL_LEADER) | Q(Exists(member))


def form_invitations(*, work_group: WorkGroup, wave: str, session: Session | None) -> QuerySet:
    """The invitations to one form, annotated with `responded`."""
    invitations = Invitation.objects.filter(work_group=work_group, wave=wave)
    if wave == Wave.SESSION:
        invitations = invitations.filter(session=session)
    return invitations.annotate(responded=_responded())


def non_respondents(*, work_group: WorkGroup, wave: str, session: Session | None) -> QuerySet:
    """Invitations to a form that were emailed and not answered, of people still asked."""
    return (
        form_invitations(work_group=work_group, wave=wave, session=session)
        .filter(_holds_place(), responded=False, sent_at__isnull=False)
        .exclude(Q(user__isnull=True) & Q(leader_email=""))
    )


# Which forms are open --------------------------------------------------------------------------


def open_forms(work_group: WorkGroup, sessions: Iterable[Session], now: datetime) -> list[Form]:
    """The forms of a Work Group that are open at `now`."""
    held = sessions_held(sessions)
    forms: list[Form] = []
    for session in held:
        window = window_for(Wave.SESSION, held=held, session=session)
        if window is not None and window.is_open(now):
            forms.append(Form(work_group, Wave.SESSION, session, window))
    for wave in (Wave.PRE, Wave.POST, Wave.SCHOOL_LEADER):
        window = window_for(wave, held=held)
        if window is not None and window.is_open(now):
            forms.append(Form(work_group, wave, None, window))
    return forms


def _work_groups_with_open_forms(now: datetime) -> QuerySet[WorkGroup]:
    """Running Work Groups that may have a form open: a session that goes ahead still to
    come (pre, feedback) or ended no longer ago than the longest window (the leader's)."""
    since = timezone.localdate(now) - LEADER_OPEN_FOR - timedelta(days=1)
    recent = Session.objects.filter(
        work_group=OuterRef("pk"), status=Session.Status.SCHEDULED, date__gte=since
    )
    return (
        WorkGroup.objects.exclude(status__in=NOT_RUNNING)
        .filter(Exists(recent))
        .select_related("programme", "hub")
        .prefetch_related("sessions")
        .order_by("pk")
    )


class _Questionnaires:
    """Which programmes have a questionnaire of each kind, asked once per programme."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, str], bool] = {}

    def has(self, programme: Programme, wave: str) -> bool:
        kind = Questionnaire.KIND_OF_WAVE[wave]
        key = (programme.pk, kind)
        if key not in self._known:
            self._known[key] = current_questionnaire(programme, kind) is not None
        return self._known[key]


# The job ---------------------------------------------------------------------------------------


def evaluation_requests_send(*, now: datetime | None = None) -> int:
    """Make the invitations of every open form, send the first emails and the reminders that
    are due; returns how many emails were queued."""
    now = now or timezone.now()
    questionnaires = _Questionnaires()
    sent = 0
    for work_group in _work_groups_with_open_forms(now):
        forms = [
            form
            for form in open_forms(work_group, work_group.sessions.all(), now)
            if questionnaires.has(work_group.programme, form.wave)
        ]
        if not forms:
            continue
        invitations_create(work_group=work_group, forms=forms)
        for form in forms:
            sent += _first_emails_send(form, now=now)
            if form.window.may_remind(now):
                sent += _reminders_send(form, now=now)
    return sent


def invitations_create(*, work_group: WorkGroup, forms: Sequence[Form]) -> int:
    """Make the missing invitations of these open forms of one Work Group: one per member
    (and form), and one per school for the school leader's form. Rows made already (by an
    earlier run, another process, or a response) are left as they are."""
    members = list(
        Enrolment.objects.filter(
            work_group=work_group, status__in=Enrolment.MEMBERS, user__is_active=True
        )
        .order_by("requested_at", "pk")
        .values("user_id", "school_id", "school_leader_name", "school_leader_email")
    )
    if not members:
        return 0
    existing: dict[tuple[str, int | None], set[int]] = defaultdict(set)
    leader_schools: set[int] = set()
    for wave, session_id, user_id, school_id in Invitation.objects.filter(
        work_group=work_group
    ).values_list("wave", "session_id", "user_id", "school_id"):
        if wave == Wave.SCHOOL_LEADER:
            leader_schools.add(school_id)
        else:
            existing[(wave, session_id)].add(user_id)
    new: list[Invitation] = []
    for form in forms:
        if form.wave == Wave.SCHOOL_LEADER:
            new.extend(_leader_invitations(work_group, members, leader_schools))
            continue
        have = existing[(form.wave, form.session_id)]
        new.extend(
            Invitation(
                work_group=work_group,
                wave=form.wave,
                session=form.session,
                user_id=member["user_id"],
            )
            for member in members
            if member["user_id"] not in have
        )
    # Another run may have made some a moment ago: the unique constraints keep one of each.
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _leader_invitations(
    work_group: WorkGroup, members: Sequence[Mapping[str, Any]], asked_schools: set[int]
) -> list[Invitation]:
    """One request per school that has none yet, to the leader its first participant to
    name one named (in the order they signed up). Schools whose participants named nobody
    are not asked."""
    leaders: dict[int, tuple[str, str]] = {}
    for member in members:
        name, email = member["school_leader_name"], member["school_leader_email"]
        if name and email and member["school_id"] not in leaders:
            leaders[member["school_id"]] = (name, email)
    return [
        Invitation(
            work_group=work_group,
            wave=Wave.SCHOOL_LEADER,
            school_id=school_id,
            leader_name=name,
            leader_email=email,
        )
        for school_id, (name, email) in leaders.items()
        if school_id not in asked_schools
    ]


def _first_emails_send(form: Form, *, now: datetime) -> int:
    """Email each invitation of an open form that has had no email; those who answered
    already (from their dashboard) are not emailed."""
    due = (
        form_invitations(work_group=form.work_group, wave=form.wave, session=form.session)
        .filter(_holds_place(), sent_at__isnull=True, responded=False)
        .order_by("pk")
    )
    return _claim_and_send(
        form,
        due,
        claim=Q(sent_at__isnull=True),
        update={"sent_at": now, "last_sent_at": now},
        kind="first",
    )


def _reminders_send(form: Form, *, now: datetime) -> int:
    """Remind the non-respondents whose last email was at least REMINDER_GAP ago, if they
    have had fewer than MAX_REMINDERS reminders."""
    spaced = now - REMINDER_GAP
    due = (
        non_respondents(work_group=form.work_group, wave=form.wave, session=form.session)
        .filter(reminders_sent__lt=Invitation.MAX_REMINDERS, last_sent_at__lte=spaced)
        .order_by("pk")
    )
    return _claim_and_send(
        form,
        due,
        claim=Q(reminders_sent__lt=Invitation.MAX_REMINDERS, last_sent_at__lte=spaced),
        update={"reminders_sent": F("reminders_sent") + 1, "last_sent_at": now},
        kind="reminder",
    )


def _claim_and_send(form: Form, due: QuerySet, *, claim: Q, update: dict, kind: str) -> int:
    """In batches: lock the due rows, keep those still due (the claim, checked again under
    the lock), record the email on them and queue it, all in one transaction. Another run
    skips rows locked here, and finds them no longer due once this one commits."""
    sent = 0
    while True:
        # Only primary keys outside the transaction; the rows themselves are read locked.
        pks = list(due.values_list("pk", flat=True)[:BATCH_SIZE])
        if not pks:
            return sent
        with transaction.atomic():
            claimed = list(
                Invitation.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(claim, pk__in=pks)
                .select_related("user", "school")
            )
            if not claimed:
                return sent
            Invitation.objects.filter(pk__in=[invitation.pk for invitation in claimed]).update(
                **update
            )
            for invitation in claimed:
                _email(form, invitation, kind=kind)
            sent += len(claimed)


# A lead's nudge ----------------------------------------------------------------------------------


def invitations_nudge(
    *, work_group: WorkGroup, wave: str, session: Session | None = None, by: User
) -> int:
    """Email every non-respondent of one form once more, at a lead's request: once per form,
    and only while it is open. Returns how many were emailed."""
    if wave not in Wave.values:
        raise ValidationError("Choose a form.")
    if wave == Wave.SESSION and (session is None or session.work_group_id != work_group.pk):
        raise ValidationError("Choose a session of this Work Group.")
    if wave != Wave.SESSION:
        session = None
    now = timezone.now()
    held = sessions_held(work_group.sessions.all())
    window = window_for(wave, held=held, session=session)
    label = _form_label(wave, session)
    if window is None or not window.is_open(now):
        if window is not None and window.has_closed(now):
            raise ValidationError(
                f"{label} closed at {date_and_time(window.closes)}: no more reminders."
            )
        raise ValidationError(f"{label} is not open yet.")
    form = Form(work_group, wave, session, window)
    with transaction.atomic():
        # The Work Group's row serialises nudges, so two clicks send one.
        WorkGroup.objects.select_for_update().get(pk=work_group.pk)
        invitations = form_invitations(work_group=work_group, wave=wave, session=session)
        if invitations.filter(nudged_at__isnull=False).exists():
            raise ValidationError(f"One more reminder has been sent for {label.lower()} already.")
        # Locked, so an hourly run sending reminders at this moment skips or waits for them.
        due = list(
            non_respondents(work_group=work_group, wave=wave, session=session)
            .select_for_update(of=("self",))
            .select_related("user", "school")
        )
        if not due:
            raise ValidationError(f"Everyone asked has answered {label.lower()}, or none is due.")
        Invitation.objects.filter(pk__in=[invitation.pk for invitation in due]).update(
            nudged_at=now, last_sent_at=now
        )
        for invitation in due:
            _email(form, invitation, kind="nudge")
        audit(
            by,
            "evaluation.nudged",
            work_group,
            wave=wave,
            session=session.number if session else None,
            emailed=len(due),
        )
    return len(due)


# The emails ------------------------------------------------------------------------------


def _form_label(wave: str, session: Session | None) -> str:
    if wave == Wave.SESSION and session is not None:
        return f"Feedback on session {session.number}"
    labels: dict[str, str] = {
        Wave.PRE: "The questionnaire before the Work Group",
        Wave.POST: "The questionnaire after the Work Group",
        Wave.SCHOOL_LEADER: "The school leader's questionnaire",
    }
    return labels.get(wave, "The form")


def form_url(form: Form, invitation: Invitation) -> str:
    """The absolute address of the form an invitation asks for."""
    slug = form.work_group.slug
    if form.wave == Wave.SESSION and form.session is not None:
        path = reverse(
            "evaluation:form_session", kwargs={"slug": slug, "number": form.session.number}
        )
    elif form.wave == Wave.PRE:
        path = reverse("evaluation:form_pre", kwargs={"slug": slug})
    elif form.wave == Wave.POST:
        path = reverse("evaluation:form_post", kwargs={"slug": slug})
    else:
        path = reverse("evaluation:form_school_leader", kwargs={"token": invitation.token})
    return settings.SITE_URL + path


SUBJECTS = {
    "first": "Hubwork: {what} for {title}",
    "reminder": "Reminder: {what} for {title}",
    "nudge": "Reminder from your Work Group leads: {what} for {title}",
}


def _email(form: Form, invitation: Invitation, *, kind: str) -> None:
    """Queue one email for an invitation (in the caller's transaction)."""
    work_group = form.work_group
    if form.wave == Wave.SCHOOL_LEADER:
        to, name, template = invitation.leader_email, invitation.leader_name, "school_leader"
        what = "a few questions about how your school supported its teachers"
    else:
        person = invitation.user
        if person is None:  # a participant's invitation always has one; erasure deletes it
            return
        to, name, template = person.email, person.display_name, "participant"
        whats: dict[str, str] = {
            Wave.SESSION: f"your feedback on session {form.session.number if form.session else ''}",
            Wave.PRE: "a short questionnaire before the Work Group starts",
            Wave.POST: "a short questionnaire now the Work Group has finished",
        }
        what = whats[form.wave]
    context = {
        "kind": kind,
        "name": name,
        "work_group": work_group,
        "wave": form.wave,
        "session": form.session,
        "school": invitation.school,
        "closes": date_and_time(form.window.closes),
        "url": form_url(form, invitation),
    }
    text_body = render_to_string(f"evaluation/email/{template}.txt", context)
    subject = SUBJECTS[kind].format(what=what, title=work_group.title)
    enqueue(send_email, to=[to], subject=subject, text_body=text_body)
