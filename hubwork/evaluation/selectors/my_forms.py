"""A participant's own evaluation forms that are open now, for "Your feedback forms" and
their dashboard."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.times import day
from hubwork.evaluation.models import Questionnaire, Response, Wave
from hubwork.evaluation.windows import (
    Window,
    feedback_window,
    post_window,
    pre_window,
    sessions_held,
)
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


@dataclass(frozen=True)
class OpenForm:
    work_group: WorkGroup
    wave: str
    session: Session | None
    closes: datetime
    # Answered already: the answers can still be changed until it closes.
    answered: bool
    url: str

    @property
    def title(self) -> str:
        return form_title(self.wave, self.session)


def form_title(wave: str, session: Session | None) -> str:
    if session is not None:
        return f"Feedback on session {session.number}, {day(session.date)}"
    if wave == Wave.PRE:
        return "Before the Work Group: where you are starting from"
    return "After the Work Group: what changed"


def form_url(work_group: WorkGroup, wave: str, session: Session | None = None) -> str:
    if wave == Wave.SESSION and session is not None:
        return reverse(
            "evaluation:form_session", kwargs={"slug": work_group.slug, "number": session.number}
        )
    name = "evaluation:form_pre" if wave == Wave.PRE else "evaluation:form_post"
    return reverse(name, kwargs={"slug": work_group.slug})


def _questionnaire_kinds(programme_ids: set[int]) -> set[tuple[int | None, str]]:
    """(programme id or None for the national default, kind) of every current questionnaire
    that could serve these programmes: one query, the same fallback as current_questionnaire."""
    return set(
        Questionnaire.objects.current()
        .filter(kind__in=[Questionnaire.Kind.SESSION_FEEDBACK, Questionnaire.Kind.PRE_POST])
        .filter(Q(programme__in=programme_ids) | Q(programme__isnull=True))
        .values_list("programme_id", "kind")
    )


@dataclass(frozen=True)
class ComingForm:
    """The next form of a Work Group to open, for "Your feedback forms"."""

    work_group: WorkGroup
    wave: str
    session: Session | None
    opens: datetime

    @property
    def title(self) -> str:
        return form_title(self.wave, self.session)


def _windows(
    user: User,
) -> Iterator[tuple[WorkGroup, str, Session | None, Window, set[tuple[int, str, int | None]]]]:
    """Every form `user` is asked, with its window, in the Work Groups where they hold (or
    completed) a place; and what they have answered. Four queries, however many Work Groups."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status__in=Enrolment.MEMBERS)
        .select_related("work_group__hub", "work_group__programme")
        .prefetch_related(
            Prefetch(
                "work_group__sessions",
                queryset=Session.objects.order_by("date", "starts_at", "number"),
            )
        )
        .order_by("work_group__title", "pk")
    )
    if not enrolments:
        return
    work_groups = {enrolment.work_group.pk: enrolment.work_group for enrolment in enrolments}
    answered: set[tuple[int, str, int | None]] = {
        (work_group_id, wave, session_id)
        for work_group_id, wave, session_id in Response.objects.filter(
            respondent=user, work_group__in=list(work_groups)
        ).values_list("work_group_id", "wave", "session_id")
    }
    available = _questionnaire_kinds(
        {work_group.programme_id for work_group in work_groups.values()}
    )

    def has_questionnaire(work_group: WorkGroup, kind: str) -> bool:
        return (work_group.programme_id, kind) in available or (None, kind) in available

    for work_group in work_groups.values():
        held = sessions_held(work_group.sessions.all())
        candidates: list[tuple[str, Session | None]] = []
        if has_questionnaire(work_group, Questionnaire.Kind.PRE_POST):
            candidates += [(Wave.PRE, None), (Wave.POST, None)]
        if has_questionnaire(work_group, Questionnaire.Kind.SESSION_FEEDBACK):
            candidates += [(Wave.SESSION, session) for session in held]
        for wave, session in candidates:
            if session is not None:
                window = feedback_window(session)
            else:
                window = pre_window(held) if wave == Wave.PRE else post_window(held)
            if window is not None:
                yield work_group, wave, session, window, answered


FormWindows = list[tuple[WorkGroup, str, Session | None, Window, set[tuple[int, str, int | None]]]]


def forms_for_user(user: User, *, now: datetime | None = None) -> list[OpenForm]:
    """The forms `user` may answer now, in the Work Groups where they hold (or completed) a
    place: the pre questionnaire until the first session, feedback on each session that went
    ahead for two weeks after it, the post questionnaire after the last. A form with no
    questionnaire (the programme's own or the national default) is not offered. Not yet
    answered first, then soonest to close. Four queries, however many Work Groups."""
    return _open(list(_windows(user)), now or timezone.now())


def forms_page_for_user(
    user: User, *, now: datetime | None = None
) -> tuple[list[OpenForm], list[ComingForm]]:
    """The forms open now (as `forms_for_user`) and each Work Group's next form to open,
    soonest first, so a teacher with nothing to answer today knows when they will be asked
    next. Four queries."""
    now = now or timezone.now()
    windows = list(_windows(user))
    return _open(windows, now), _coming(windows, now)


def _open(windows: FormWindows, now: datetime) -> list[OpenForm]:
    found: list[OpenForm] = []
    for work_group, wave, session, window, answered in windows:
        if not window.is_open(now):
            continue
        session_id = session.pk if session is not None else None
        found.append(
            OpenForm(
                work_group=work_group,
                wave=wave,
                session=session,
                closes=window.closes,
                answered=(work_group.pk, wave, session_id) in answered,
                url=form_url(work_group, wave, session),
            )
        )
    found.sort(key=lambda form: (form.answered, form.closes, form.work_group.title))
    return found


def _coming(windows: FormWindows, now: datetime) -> list[ComingForm]:
    coming: dict[int, ComingForm] = {}
    for work_group, wave, session, window, _ in windows:
        if window.opens is None or window.opens <= now:
            continue
        soonest = coming.get(work_group.pk)
        if soonest is None or window.opens < soonest.opens:
            coming[work_group.pk] = ComingForm(work_group, wave, session, window.opens)
    return sorted(coming.values(), key=lambda form: (form.opens, form.work_group.title))
