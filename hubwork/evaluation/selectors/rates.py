"""Response rates per form for a Work Group's leads and hub staff: how many were asked, how
many answered, when each form opens and closes, and whether one more reminder may be sent.

Counted in the database in a fixed number of queries, however many sessions and
participants the Work Group has. Nobody's name is read: only counts.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from hubwork.evaluation.models import Invitation, Questionnaire, Response, Wave
from hubwork.evaluation.windows import Window, sessions_held, window_for
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


@dataclass(frozen=True)
class FormRate:
    """One form's response rate. `asked` for participants' forms is the participants who
    hold a place now (and anyone whose answer stayed after their account was erased); for
    the school leader's form, the schools whose leader was asked."""

    wave: str
    session: Session | None
    label: str
    window: Window | None
    has_questionnaire: bool
    asked: int
    responded: int
    nudged: bool
    is_open: bool
    has_closed: bool

    @property
    def percent(self) -> int | None:
        return round(100 * self.responded / self.asked) if self.asked else None

    @property
    def summary(self) -> str:
        """ "12 of 20 (60%)"."""
        if not self.asked:
            return "No one asked yet"
        return f"{self.responded} of {self.asked} ({self.percent}%)"

    @property
    def may_nudge(self) -> bool:
        """Leads may send one more reminder while the form is open, once, to whoever has
        not answered."""
        return (
            self.has_questionnaire
            and self.is_open
            and not self.nudged
            and self.responded < self.asked
        )


@dataclass(frozen=True)
class LeaderRate:
    """The school leader's form: schools with participants, schools whose leader was
    named (and so asked, once the form opens) and schools that answered."""

    rate: FormRate
    schools: int
    schools_named: int


@dataclass(frozen=True)
class WorkGroupRates:
    sessions: list[FormRate]
    pre: FormRate
    post: FormRate
    school_leader: LeaderRate


def work_group_rates(work_group: WorkGroup, *, now: datetime | None = None) -> WorkGroupRates:
    """Every form's response rate for one Work Group (seven queries)."""
    now = now or timezone.now()
    held = sessions_held(Session.objects.filter(work_group=work_group))
    members = Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
    member_counts = members.aggregate(
        people=Count("pk"),
        schools=Count("school", distinct=True),
        schools_named=Count(
            "school",
            distinct=True,
            filter=~Q(school_leader_name="") & ~Q(school_leader_email=""),
        ),
    )
    # Responses by people who hold a place, and those left without a name by an erasure.
    member = members.filter(user=OuterRef("respondent"))
    answered = {
        (wave, session_id): count
        for wave, session_id, count in Response.objects.filter(work_group=work_group)
        .exclude(wave=Wave.SCHOOL_LEADER)
        .filter(Q(respondent__isnull=True) | Exists(member))
        .order_by()
        .values_list("wave", "session")
        .annotate(count=Count("pk"))
    }
    anonymous = {
        (wave, session_id): count
        for wave, session_id, count in Response.objects.filter(
            work_group=work_group, respondent__isnull=True
        )
        .exclude(wave=Wave.SCHOOL_LEADER)
        .order_by()
        .values_list("wave", "session")
        .annotate(count=Count("pk"))
    }
    nudged = {
        (wave, session_id)
        for wave, session_id, last in Invitation.objects.filter(work_group=work_group)
        .order_by()
        .values_list("wave", "session")
        .annotate(last=Max("nudged_at"))
        if last is not None
    }
    leaders = Invitation.objects.filter(work_group=work_group, wave=Wave.SCHOOL_LEADER).aggregate(
        asked=Count("pk"), responded=Count("response")
    )
    kinds = set(
        Questionnaire.objects.current()
        .filter(Q(programme=work_group.programme_id) | Q(programme__isnull=True))
        .values_list("kind", flat=True)
        .distinct()
    )

    def rate(wave: str, session: Session | None, label: str) -> FormRate:
        key = (wave, session.pk if session else None)
        window = window_for(wave, held=held, session=session)
        if wave == Wave.SCHOOL_LEADER:
            asked, responded = leaders["asked"], leaders["responded"]
        else:
            asked = member_counts["people"] + anonymous.get(key, 0)
            responded = answered.get(key, 0)
        return FormRate(
            wave=wave,
            session=session,
            label=label,
            window=window,
            has_questionnaire=Questionnaire.KIND_OF_WAVE[wave] in kinds,
            asked=asked,
            responded=responded,
            nudged=key in nudged,
            is_open=window is not None and window.is_open(now),
            has_closed=window is not None and window.has_closed(now),
        )

    return WorkGroupRates(
        sessions=[
            rate(Wave.SESSION, session, f"Session {session.number} feedback") for session in held
        ],
        pre=rate(Wave.PRE, None, "Before the Work Group"),
        post=rate(Wave.POST, None, "After the Work Group"),
        school_leader=LeaderRate(
            rate=rate(Wave.SCHOOL_LEADER, None, "School leaders"),
            schools=member_counts["schools"],
            schools_named=member_counts["schools_named"],
        ),
    )
