"""Demo evaluation: questionnaires for every programme, answers from the demo Work Groups'
participants, school leader requests, class-level measures on shared trials, and evaluation
reports in each state, so that every role sees realistic evaluation pages.

- Every demo Work Group that has held sessions has session feedback from most of its members
  after each session, and the pre questionnaire from most; a group whose last session has
  ended has the post questionnaire too (one member fewer than answered before, so there are
  unmatched answers).
- GLOW's Oracy RIWG last year (six members): five matched pre/post pairs, enough to show a
  change with its confidence interval, and one pre only; school leader requests for its four
  schools (named at sign-up), three of them answered. Its report is submitted, waiting for the
  hub lead (Helen Marsh) to accept or return it.
- GLOW's Sustaining Teaching for Mastery last year: only two of its members gave feedback on
  its second session (under three: leads see nothing for it, and why). Its report is accepted.
- GLOW's Years 5–8 autumn taster (this year, dated from today, finished): four of its six
  answered the post questionnaire so far (it is still open), so four matched pairs: counts
  only, with the reason. Its report is a draft with the leads' words on each outcome.
- GLOW's Mastering Number twilight (dated from today): the second session's feedback is still
  open and has two answers so far.
- The participant (Priya Clarke) answered the pre questionnaire and the first session's
  feedback in this year's Sustaining Teaching for Mastery group, and both last year.

Participants' answers are written in bulk (hundreds of responses, a few queries a form), dated
inside each form's window and valid as the answering service would check them; school
leaders' go through the answering service, reports through the report services. Numbers come
from a random generator seeded with the Work Group's code, so loading the demo gives the same
answers, and loading it again adds nothing: a Work Group that has any responses, or a report,
is left alone.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation.models import (
    Answer,
    EvaluationReport,
    Invitation,
    Item,
    Questionnaire,
    Response,
    Wave,
)
from hubwork.evaluation.selectors.questionnaires import current_questionnaire
from hubwork.evaluation.services.questionnaires import questionnaires_seed
from hubwork.evaluation.services.reports import report_accept, report_save, report_submit
from hubwork.evaluation.services.responses import AnswerValue, items_asked, response_save
from hubwork.evaluation.windows import (
    FEEDBACK_OPEN_FOR,
    LEADER_OPEN_FOR,
    POST_OPEN_FOR,
    sessions_held,
)
from hubwork.hubs.models import Hub
from hubwork.practice.models import ClassroomTrial
from hubwork.practice.services.trials import trial_create
from hubwork.workgroups.models import Enrolment, Session, WorkGroup

HUB_LEAD = "hub-lead@example.org"

# Free-text answers, by the default question they answer (evaluation/defaults.py).
TEXTS: dict[str, list[str]] = {
    "What will you try next?": [
        "A stem sentence for explaining equivalence with my Year 4 class.",
        "Starting lessons with a short reasoning question rather than a worksheet.",
        "Using the bar model before any calculating.",
        "Asking pupils to explain a partner's method, not just their own.",
        "Sharing the sequence of representations with my year group team.",
        "Planning fewer, deeper examples in each lesson.",
    ],
    "What could be better?": [
        "More time to plan together at the end.",
        "The room was cold in the afternoon.",
        "Examples from secondary classes as well as primary.",
        "Sending the reading a week before the session.",
    ],
    "What has changed in your teaching because of the Work Group?": [
        "I ask for reasons much more often, and wait longer for them.",
        "My lessons have fewer examples but we talk about each one.",
        "I plan the questions I will ask before the lesson, not during it.",
        "The class use the same stem sentences across subjects now.",
        "I use representations first and the written method later.",
    ],
    "What has changed in your department, and what support would help next?": [
        "Two colleagues have started using the same sentence stems; release time to observe "
        "each other would help.",
        "Our maths lead now shares the Work Group's resources in staff meetings.",
    ],
}
DEFAULT_TEXT = "Nothing more to add."

# School leaders named at sign-up for last year's Oracy group, by school in turn (fictional).
LEADERS = ["Anita Kaur", "Tom Whitfield", "Grace Mbeki", "Owen Price"]

# Class-level measures for the demo's shared trials, by words in what was tried:
# (what was measured, pupils who took part, how many succeeded before, after).
MEASURES = {
    "equivalent fractions": ("Explained why two fractions are equivalent in a sentence", 28, 9, 21),
    "comparing lengths": ("Compared two lengths correctly using the stem sentence", 26, 12, 17),
    "subitising": ("Said how many dots there were without counting one by one", 30, 11, 22),
    "Bar models": ("Answered the fractions-of-amounts check question correctly", 27, 18, 24),
}
ORACY_MEASURE = ("Gave a reason with “because” in their answer", 29, 10, 23)

SUMMARIES = {
    "accepted": (
        "Participants rated the sessions highly and most tried stem sentences with a class "
        "between sessions. Confidence in explaining equivalence rose, though only three "
        "teachers answered both questionnaires, so we report counts only."
    ),
    "submitted": (
        "Six teachers from four schools took part. Five answered before and after: their "
        "confidence in planning talk rose. Three of the four school leaders replied, describing "
        "colleagues adopting the same sentence stems."
    ),
    "draft": (
        "The taster ran two sessions. Feedback was positive; the post "
        "questionnaire is still open, so this summary will change."
    ),
}
NARRATIVES = [
    "Most participants tried the approach with at least one class; the shared trials show "
    "what they tried and what changed.",
    "Participants described this in the post questionnaire and the session discussions.",
    "Too early to say: we will look again at the end of the year.",
]


def _members(work_group: WorkGroup) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
        .select_related("user", "school")
        .order_by("pk")
    )


def _answers(
    items: Sequence[Item],
    rng: random.Random,
    *,
    wave: str,
    before: dict[int, int] | None = None,
) -> dict[int, AnswerValue]:
    """A plausible set of answers: feedback mostly favourable, pre in the middle of each
    scale, post a little higher than the same person's pre (sometimes the same, rarely lower)."""
    answers: dict[int, AnswerValue] = {}
    for item in items:
        if item.kind == Item.Kind.SCALE:
            points = item.scale_points
            if wave == Wave.SESSION:
                value = rng.randint(max(1, points - 2), points)
            elif before is not None and item.pk in before:
                value = before[item.pk] + rng.choice([-1, 0, 1, 1, 1, 2, 2])
            else:
                value = rng.randint(max(1, points // 2 - 1), points // 2 + 1)
            answers[item.pk] = min(max(value, 1), points)
        elif item.kind == Item.Kind.SINGLE_CHOICE:
            count = len(item.choices)
            # The middle options most often ("About right", "Some").
            weights = [1 + 2 * min(index, count - 1 - index) for index in range(count)]
            answers[item.pk] = rng.choices(range(count), weights=weights)[0]
        elif item.kind == Item.Kind.MULTIPLE_CHOICE:
            count = len(item.choices)
            answers[item.pk] = sorted(rng.sample(range(count), k=rng.randint(1, min(2, count))))
        elif item.kind == Item.Kind.NUMBER:
            low = item.min_value if item.min_value is not None else 0
            high = item.max_value if item.max_value is not None else low + 30
            answers[item.pk] = rng.randint(low, min(high, low + 20))
        elif item.kind == Item.Kind.FREE_TEXT and (item.required or rng.random() < 0.6):
            answers[item.pk] = rng.choice(TEXTS.get(item.text, [DEFAULT_TEXT]))
    return answers


def _answer_fields(item: Item, value: AnswerValue) -> dict[str, object]:
    """The Answer fields holding `value` (as the answering service stores them)."""
    if item.kind == Item.Kind.FREE_TEXT:
        return {"text": value}
    if item.kind == Item.Kind.MULTIPLE_CHOICE:
        return {"choice_list": value}
    return {"number": value}


def _form(
    *,
    questionnaire: Questionnaire,
    wave: str,
    work_group: WorkGroup,
    session: Session | None,
    members: Sequence[Enrolment],
    answering: Sequence[tuple[Enrolment, datetime, dict[int, AnswerValue]]],
    sent_at: datetime,
) -> int:
    """One form of the Work Group: every member asked by email at `sent_at` (those who did
    not answer reminded twice), and the answers of `answering` (each given at its time).

    Written in bulk, a few queries a form, because the demo has hundreds of responses; the
    answers are made valid by `_answers`, as the answering service would check them. Rows
    that exist already (an invitation the reminder task sent) are kept."""
    answered = {enrolment.user_id for enrolment, _at, _answers in answering}
    Invitation.objects.bulk_create(
        [
            Invitation(
                work_group=work_group,
                wave=wave,
                session=session,
                user=enrolment.user,
                sent_at=sent_at,
                reminders_sent=0 if enrolment.user_id in answered else Invitation.MAX_REMINDERS,
                last_sent_at=sent_at + timedelta(days=0 if enrolment.user_id in answered else 8),
            )
            for enrolment in members
        ],
        ignore_conflicts=True,
    )
    asked = Invitation.objects.filter(work_group=work_group, wave=wave, session=session)
    invitations = {invitation.user_id: invitation for invitation in asked}
    Response.objects.bulk_create(
        [
            Response(
                questionnaire=questionnaire,
                wave=wave,
                work_group=work_group,
                session=session,
                invitation=invitations.get(enrolment.user_id),
                respondent=enrolment.user,
                submitted_at=at,
            )
            for enrolment, at, _answers in answering
        ],
        ignore_conflicts=True,
    )
    responses = {
        response.respondent_id: response
        for response in Response.objects.filter(
            work_group=work_group, wave=wave, session=session, respondent__isnull=False
        )
    }
    items = {item.pk: item for item in questionnaire.items.all()}
    Answer.objects.bulk_create(
        [
            Answer(
                response=responses[enrolment.user_id],
                item=items[item_pk],
                **_answer_fields(items[item_pk], value),
            )
            for enrolment, _at, answers in answering
            for item_pk, value in answers.items()
        ],
        ignore_conflicts=True,
    )
    return len(answering)


def _scale_answers(answers: dict[int, AnswerValue]) -> dict[int, int]:
    return {pk: value for pk, value in answers.items() if isinstance(value, int)}


def _rotated(members: Sequence[Enrolment], by: int) -> list[Enrolment]:
    """The members starting from a different one, so it is not always the same who skip."""
    if not members:
        return []
    by %= len(members)
    return [*members[by:], *members[:by]]


@dataclass(frozen=True)
class Plan:
    """How many answer a Work Group's forms: feedback after each session held from all but one
    member (or the number in `feedback_short`, by session number); pre from all but the last
    `pre_missing`; once the last session has ended, post from the pre answerers but the first
    `post_missing` (so some answers are unmatched)."""

    feedback_short: dict[int, int] = field(default_factory=dict)
    pre_missing: int = 0
    post_missing: int = 1


def _seed_responses(work_group: WorkGroup, *, now: datetime, plan: Plan) -> int:
    """The Work Group's answers to its forms, as `plan` says, given by `now`."""
    members = _members(work_group)
    every = sessions_held(work_group.sessions.all())
    held = [session for session in every if session.ends() < now]
    if not members or not held:
        return 0
    # Seeded: the same answers each time the demo is loaded; not for secrets.
    rng = random.Random(f"hubwork-demo-evaluation-{work_group.academic_year}-{work_group.code}")  # noqa: S311
    feedback = current_questionnaire(work_group.programme, Questionnaire.Kind.SESSION_FEEDBACK)
    pre_post = current_questionnaire(work_group.programme, Questionnaire.Kind.PRE_POST)
    created = 0
    pre_answerers = members[: max(0, len(members) - plan.pre_missing)]
    before: dict[int, dict[int, int]] = {}
    if pre_post is not None:
        first = held[0]
        pre_items = items_asked(pre_post, Wave.PRE)
        answering = [
            (
                enrolment,
                first.starts() - timedelta(days=rng.randint(2, 14), hours=rng.randint(0, 9)),
                _answers(pre_items, rng, wave=Wave.PRE),
            )
            for enrolment in pre_answerers
        ]
        before = {
            enrolment.user_id: _scale_answers(answers) for enrolment, _at, answers in answering
        }
        created += _form(
            questionnaire=pre_post,
            wave=Wave.PRE,
            work_group=work_group,
            session=None,
            members=members,
            answering=answering,
            sent_at=first.starts() - timedelta(days=21),
        )
    if feedback is not None:
        feedback_items = items_asked(feedback, Wave.SESSION)
        for session in held:
            count = plan.feedback_short.get(session.number, max(0, len(members) - 1))
            answering = [
                (
                    enrolment,
                    min(
                        session.ends() + timedelta(hours=rng.randint(1, 96)),
                        session.ends() + FEEDBACK_OPEN_FOR - timedelta(hours=1),
                        now - timedelta(minutes=5),
                    ),
                    _answers(feedback_items, rng, wave=Wave.SESSION),
                )
                for enrolment in _rotated(members, session.number)[:count]
            ]
            created += _form(
                questionnaire=feedback,
                wave=Wave.SESSION,
                work_group=work_group,
                session=session,
                members=members,
                answering=answering,
                sent_at=session.ends() + timedelta(minutes=30),
            )
    last = every[-1]
    if pre_post is not None and last.ends() < now:
        post_items = items_asked(pre_post, Wave.POST)
        answering = [
            (
                enrolment,
                min(
                    last.ends() + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 9)),
                    last.ends() + POST_OPEN_FOR - timedelta(hours=1),
                    now - timedelta(minutes=5),
                ),
                _answers(post_items, rng, wave=Wave.POST, before=before.get(enrolment.user_id)),
            )
            for enrolment in pre_answerers[plan.post_missing :]
        ]
        created += _form(
            questionnaire=pre_post,
            wave=Wave.POST,
            work_group=work_group,
            session=None,
            members=members,
            answering=answering,
            sent_at=last.ends() + timedelta(minutes=30),
        )
    return created


def _seed_leaders(work_group: WorkGroup, *, answered: int) -> int:
    """The school leaders named at sign-up (one request per school), `answered` of whom
    replied; only once the Work Group has ended."""
    questionnaire = current_questionnaire(work_group.programme, Questionnaire.Kind.SCHOOL_LEADER)
    held = sessions_held(work_group.sessions.all())
    if questionnaire is None or not held or held[-1].ends() >= timezone.now():
        return 0
    last = held[-1]
    rng = random.Random(f"hubwork-demo-leaders-{work_group.academic_year}-{work_group.code}")  # noqa: S311
    schools: dict[int, tuple[str, str]] = {}
    for enrolment in _members(work_group):
        if enrolment.school_id not in schools:
            name = LEADERS[len(schools) % len(LEADERS)]
            email = f"{name.split()[0].lower()}.{enrolment.school.urn}@example.org"
            schools[enrolment.school_id] = (name, email)
        name, email = schools[enrolment.school_id]
        if not enrolment.school_leader_email:
            Enrolment.objects.filter(pk=enrolment.pk).update(
                school_leader_name=name, school_leader_email=email
            )
    created = 0
    for position, (school_id, (name, email)) in enumerate(schools.items()):
        reminded = 0 if position < answered else Invitation.MAX_REMINDERS
        invitation, new = Invitation.objects.get_or_create(
            work_group=work_group,
            wave=Wave.SCHOOL_LEADER,
            school_id=school_id,
            defaults={
                "leader_name": name,
                "leader_email": email,
                "sent_at": last.ends() + timedelta(days=1),
                "reminders_sent": reminded,
                "last_sent_at": last.ends() + timedelta(days=1 + 4 * reminded),
            },
        )
        created += new
        if position < answered and not Response.objects.filter(invitation=invitation).exists():
            response_save(
                questionnaire=questionnaire,
                wave=Wave.SCHOOL_LEADER,
                work_group=work_group,
                invitation=invitation,
                answers=_answers(
                    items_asked(questionnaire, Wave.SCHOOL_LEADER), rng, wave=Wave.PRE
                ),
                now=min(
                    last.ends() + timedelta(days=8 + position),
                    last.ends() + LEADER_OPEN_FOR - timedelta(hours=1),
                ),
            )
            created += 1
    return created


def _seed_measures(work_groups: Sequence[WorkGroup], *, oracy: WorkGroup | None) -> int:
    """Class-level measures on shared trials that have none, and one shared trial with a
    measure in last year's Oracy group (which has none)."""
    created = 0
    trials = ClassroomTrial.objects.filter(
        work_group__in=work_groups, shared_at__isnull=False, measure=""
    ).order_by("pk")
    for trial in trials:
        for words, (measure, pupils, before, after) in MEASURES.items():
            if words in trial.what_tried:
                ClassroomTrial.objects.filter(pk=trial.pk).update(
                    measure=measure,
                    pupils_measured=pupils,
                    succeeded_before=before,
                    succeeded_after=after,
                )
                created += 1
                break
    if oracy is not None and not ClassroomTrial.objects.filter(work_group=oracy).exists():
        members = _members(oracy)
        first = oracy.sessions.order_by("date").first()
        if members and first is not None:
            measure, pupils, before, after = ORACY_MEASURE
            trial_create(
                author=members[0].user,
                work_group=oracy,
                gap_task=None,
                own_idea="Talk partners with sentence stems for reasoning",
                class_or_year_group="Year 6",
                tried_on=first.date + timedelta(days=14),
                what_tried="Talk partners agreed an answer and a reason before anyone wrote.",
                what_happened="More of the class gave a reason without being asked for one.",
                pupil_response="Most pairs used the stems; a few needed them on the table.",
                impact_rating=ClassroomTrial.Rating.GOOD,
                next_steps="Use the same stems in science.",
                measure=measure,
                pupils_measured=pupils,
                succeeded_before=before,
                succeeded_after=after,
                share=True,
            )
            created += 1
    return created


def _seed_report(work_group: WorkGroup | None, *, state: str, hub_lead: User) -> int:
    """The Work Group's report, written by its first lead, and taken as far as `state`."""
    if work_group is None or EvaluationReport.objects.filter(work_group=work_group).exists():
        return 0
    lead = work_group.leads.order_by("pk").first()
    if lead is None:
        return 0
    outcomes = list(work_group.programme.outcomes.order_by("area", "position", "pk"))
    report = report_save(
        report=EvaluationReport(work_group=work_group),
        by=lead,
        summary=SUMMARIES[state],
        narratives={
            outcome.pk: NARRATIVES[position % len(NARRATIVES)]
            for position, outcome in enumerate(outcomes)
        },
        version=0,
    )
    if state in ("submitted", "accepted"):
        report = report_submit(report=report, by=lead)
    if state == "accepted":
        report_accept(report=report, by=hub_lead)
    return 1


def seed_evaluation(*, hubs: dict[str, Hub]) -> int:
    """Create the demo evaluation data that is missing; leave what exists alone."""
    created = questionnaires_seed()
    now = timezone.now()
    this_year = AcademicYear.current()
    last_year = this_year.previous()
    glow = hubs["glow"]

    def glow_group(year: AcademicYear, code: str) -> WorkGroup | None:
        return WorkGroup.objects.filter(hub=glow, academic_year=year.start_year, code=code).first()

    last = f"{last_year.start_year % 100:02d}"
    sfm_last = glow_group(last_year, f"GLOW-SfM-{last}")
    oracy_last = glow_group(last_year, f"GLOW-ORA-{last}")
    taster = glow_group(this_year, "GLOW-Y58-AT")
    twilight = glow_group(this_year, "GLOW-MN-TW")
    plans: dict[int, Plan] = {}
    if sfm_last is not None:
        # Two answers on its second session: under three, so leads see nothing for it.
        plans[sfm_last.pk] = Plan(feedback_short={2: 2})
    if taster is not None:
        # Five of six before; four so far after (the post questionnaire is still open).
        plans[taster.pk] = Plan(pre_missing=1, post_missing=1)
    if twilight is not None:
        # Its second session's feedback is still open, with two answers so far.
        plans[twilight.pk] = Plan(feedback_short={1: 9, 2: 2}, pre_missing=2)

    work_groups = list(
        WorkGroup.objects.filter(hub__in=hubs.values())
        .exclude(status__in=[WorkGroup.Status.CANCELLED, WorkGroup.Status.DRAFT])
        .select_related("programme")
        .order_by("academic_year", "hub_id", "pk")
    )
    answered = set(
        Response.objects.filter(work_group__in=work_groups).values_list("work_group_id", flat=True)
    )
    for work_group in work_groups:
        if work_group.pk in answered:
            continue
        created += _seed_responses(work_group, now=now, plan=plans.get(work_group.pk, Plan()))
    if (
        oracy_last is not None
        and not Invitation.objects.filter(work_group=oracy_last, wave=Wave.SCHOOL_LEADER).exists()
    ):
        created += _seed_leaders(oracy_last, answered=3)

    created += _seed_measures(
        [group for group in (sfm_last, oracy_last, twilight) if group is not None]
        + list(
            WorkGroup.objects.filter(
                hub=glow,
                academic_year=this_year.start_year,
                programme__slug="sustaining-teaching-for-mastery",
                leads__email="llme@example.org",
            )
        ),
        oracy=oracy_last,
    )
    hub_lead = User.objects.filter(email=HUB_LEAD).first()
    if hub_lead is not None:
        created += _seed_report(sfm_last, state="accepted", hub_lead=hub_lead)
        created += _seed_report(oracy_last, state="submitted", hub_lead=hub_lead)
        created += _seed_report(taster, state="draft", hub_lead=hub_lead)
    return created
