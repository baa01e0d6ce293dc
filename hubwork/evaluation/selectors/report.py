"""The figures of a Work Group's evaluation report, by Guskey's five levels.

- Level 1, reactions: each session's feedback (selectors/feedback.py), nothing under three
  responses.
- Level 2, learning: the matched pre/post change of the items on teachers' professional
  learning (selectors/pre_post.py), counts only under five pairs. The changes of items in the
  other outcome areas go under those areas' levels (`GUSKEY_LEVEL_OF_AREA`).
- Level 3, organisational support: how many schools' leaders were asked and answered, and
  their answers added up, never by school; under three answers, the counts only.
- Level 4, use: the questions on practice asked after the Work Group; how many participants
  logged a classroom trial and how many shared one; attendance at the sessions held.
- Level 5, pupil outcomes: only what participants chose to share with the group, as class
  numbers: the impact ratings of shared trials and their class-level measures before and
  after ("18 of 27 before, 24 of 27 after"). Never a pupil.

The figures are plain JSON (numbers, text, lists and dicts: dates as "2026-09-01"), so an
accepted report keeps them as its snapshot and is shown from it with the same templates as a
live one. A fixed number of queries, however many participants, responses or trials.
"""

import copy
import json
from collections import defaultdict
from dataclasses import asdict
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.utils import timezone

from hubwork.core.charts import bar_chart
from hubwork.evaluation import analysis
from hubwork.evaluation.models import (
    GUSKEY_LEVEL_OF_AREA,
    GUSKEY_LEVELS,
    Answer,
    EvaluationReport,
    Invitation,
    Item,
    OutcomeNarrative,
    Questionnaire,
    Response,
    Wave,
)
from hubwork.evaluation.selectors.feedback import (
    ItemSummary,
    agreement_summary,
    feedback_by_session,
    item_summary,
)
from hubwork.evaluation.selectors.pre_post import Change, pre_post_for
from hubwork.practice.models import ClassroomTrial
from hubwork.practice.selectors.what_we_tried import summarise_ratings
from hubwork.programmes.models import IntendedOutcome
from hubwork.workgroups.models import Attendance, Enrolment, WorkGroup
from hubwork.workgroups.selectors.attendance import sessions_held

# Bumped when the shape of the figures changes, so old snapshots can still be read.
FIGURES_FORMAT = 1

TOO_FEW_ANSWERS_REASON = (
    f"Fewer than {analysis.MIN_FEEDBACK_RESPONSES} answered, so only the counts are shown: "
    "with so few, answers could be traced to the person."
)
SHARED_ONLY_CAVEAT = (
    "Impact ratings and class measures are what participants chose to share with the group: "
    "they are the teachers' own judgements, not a test given to every class."
)

# Kinds of question whose answers add up to a distribution (free text is not in the report).
DISTRIBUTED_KINDS = (
    Item.Kind.SCALE,
    Item.Kind.SINGLE_CHOICE,
    Item.Kind.MULTIPLE_CHOICE,
    Item.Kind.NUMBER,
)


def report_figures(work_group: WorkGroup) -> dict[str, Any]:
    """Everything the report shows for `work_group`, by Guskey level, as plain JSON."""
    outcomes = report_outcomes(work_group)
    pre_post = pre_post_for([work_group.pk])
    changes_by_level: dict[int, list[Change]] = defaultdict(list)
    for change in pre_post.by_outcome:
        changes_by_level[change.guskey_level or 0].append(change)
    areas_by_level: dict[int, list[Change]] = defaultdict(list)
    for change in pre_post.by_area:
        areas_by_level[change.guskey_level or 0].append(change)

    distributions = _answer_distributions(work_group)
    places = Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
    participants = places.count()
    sessions = feedback_by_session(work_group)

    def changes(level: int) -> dict[str, Any]:
        return {
            "by_outcome": [_change(change) for change in changes_by_level.get(level, [])],
            "by_area": [_change(change) for change in areas_by_level.get(level, [])],
        }

    leaders = _school_leaders(work_group)
    figures: dict[str, Any] = {
        "format": FIGURES_FORMAT,
        "assembled_at": timezone.now(),
        "assembled_on": timezone.localdate(),
        "work_group": {
            "title": work_group.title,
            "code": work_group.code,
            "year": work_group.year.label,
            "programme": work_group.programme.name,
            "hub": work_group.hub.name,
        },
        "participants": participants,
        "outcomes": [
            {
                "id": outcome.pk,
                "text": outcome.text,
                "area": outcome.area,
                "area_label": outcome.get_area_display(),
                "level": GUSKEY_LEVEL_OF_AREA.get(outcome.area),
            }
            for outcome in outcomes
        ],
        "pre_post": {
            "asked": pre_post.asked,
            "pre_responses": pre_post.pre_responses,
            "post_responses": pre_post.post_responses,
            "pre_rate_text": pre_post.pre_rate_text,
            "post_rate_text": pre_post.post_rate_text,
        },
        "levels": {
            "1": {"sessions": [_session(feedback) for feedback in sessions]},
            "2": changes(2),
            "3": {
                **changes(3),
                "school_leaders": {
                    **leaders,
                    "shown": leaders["answered"] >= analysis.MIN_FEEDBACK_RESPONSES,
                    "reason": ""
                    if leaders["answered"] >= analysis.MIN_FEEDBACK_RESPONSES
                    else TOO_FEW_ANSWERS_REASON,
                    "items": distributions[Wave.SCHOOL_LEADER].get(3, [])
                    if leaders["answered"] >= analysis.MIN_FEEDBACK_RESPONSES
                    else [],
                },
            },
            "4": {
                **changes(4),
                "after": _after_items(pre_post.post_responses, distributions, 4),
                "trials": _trials_logged(work_group, places, participants),
                "attendance": _attendance(work_group, places, participants),
            },
            "5": {
                **changes(5),
                "after": _after_items(pre_post.post_responses, distributions, 5),
                **_pupil_evidence(work_group),
            },
        },
        "caveats": _caveats(pre_post.caveats, sessions, leaders),
    }
    return _plain(figures)


def _plain(value: Any) -> Any:
    """JSON as the database keeps it: dates as text, tuples as lists."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _item(summary: ItemSummary) -> dict[str, Any]:
    return {
        **asdict(summary),
        "rows": [{"label": label, "count": count} for label, count in summary.rows],
        "sentence": agreement_summary(summary),
    }


def _session(feedback: Any) -> dict[str, Any]:
    return {
        "session_id": feedback.session_id,
        "number": feedback.number,
        "date": feedback.date,
        "asked": feedback.asked,
        "responded": feedback.responded,
        "rate_text": feedback.response_rate_text,
        "percent": round(100 * feedback.responded / feedback.asked) if feedback.asked else None,
        "shown": feedback.shown,
        "reason": feedback.reason,
        "items": [_item(item) for item in feedback.items],
        # The comments themselves stay on the session's feedback page, for the leads.
        "comments": len(feedback.comments),
    }


def _change(change: Change) -> dict[str, Any]:
    data = asdict(change)
    data["counts_text"] = change.counts_text
    stats = change.stats
    if stats is not None and stats.effect_size is not None:
        data["effect_label"] = analysis.describe_effect(stats.effect_size)
    return data


def _answer_distributions(
    work_group: WorkGroup,
) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """The answers to school leaders' questions, and to the questions asked only after the
    Work Group, added up per question and grouped by wave and then by Guskey level (school
    leaders' are all level 3). Three queries."""
    answers = Answer.objects.filter(
        response__work_group=work_group,
        item__kind__in=DISTRIBUTED_KINDS,
    ).filter(
        Q(response__wave=Wave.SCHOOL_LEADER)
        | Q(response__wave=Wave.POST, item__asked=Item.Asked.POST)
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for item_id, value, count in (
        answers.exclude(item__kind=Item.Kind.MULTIPLE_CHOICE)
        .filter(number__isnull=False)
        .order_by()
        .values("item_id", "number")
        .annotate(count=Count("pk"))
        .values_list("item_id", "number", "count")
    ):
        if value is not None:
            counts[item_id][value] = count
    choice_counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    answered: dict[int, int] = defaultdict(int)
    for item_id, chosen, count in (
        answers.filter(item__kind=Item.Kind.MULTIPLE_CHOICE, choice_list__isnull=False)
        .order_by()
        .values("item_id", "choice_list")
        .annotate(count=Count("pk"))
        .values_list("item_id", "choice_list", "count")
    ):
        answered[item_id] += count
        for index in set(chosen or ()):
            choice_counts[item_id][index] += count
    items = (
        Item.objects.filter(pk__in=answers.values("item_id"))
        .select_related("questionnaire")
        .order_by("questionnaire_id", "position", "pk")
    )
    grouped: dict[str, dict[int, list[dict[str, Any]]]] = {
        Wave.SCHOOL_LEADER: defaultdict(list),
        Wave.POST: defaultdict(list),
    }
    for item in items:
        summary = item_summary(
            item, counts.get(item.pk, {}), choice_counts.get(item.pk, {}), answered[item.pk]
        )
        if item.questionnaire.kind == Questionnaire.Kind.SCHOOL_LEADER:
            grouped[Wave.SCHOOL_LEADER][3].append(_item(summary))
        else:
            grouped[Wave.POST][GUSKEY_LEVEL_OF_AREA.get(item.area, 4)].append(_item(summary))
    return grouped


def _after_items(
    post_responses: int, distributions: dict[str, dict[int, list[dict[str, Any]]]], level: int
) -> dict[str, Any]:
    """The questions asked only after the Work Group, on this level's area."""
    shown = post_responses >= analysis.MIN_FEEDBACK_RESPONSES
    return {
        "responded": post_responses,
        "shown": shown,
        "reason": "" if shown else TOO_FEW_ANSWERS_REASON,
        "items": distributions[Wave.POST].get(level, []) if shown else [],
    }


def _school_leaders(work_group: WorkGroup) -> dict[str, Any]:
    """How many schools have participants, and how many of their leaders were asked and
    answered (one request per school). Three queries."""
    schools = (
        Enrolment.objects.filter(work_group=work_group, status__in=Enrolment.MEMBERS)
        .values("school")
        .distinct()
        .count()
    )
    asked = Invitation.objects.filter(work_group=work_group, wave=Wave.SCHOOL_LEADER).count()
    answered = Response.objects.filter(work_group=work_group, wave=Wave.SCHOOL_LEADER).count()
    # Every answer came from a request, but never say "5 of 3" if a request went.
    asked = max(asked, answered)
    return {
        "schools": schools,
        "asked": asked,
        "answered": answered,
        "rate_text": analysis.percent(answered, asked),
    }


def _trials_logged(work_group: WorkGroup, places: Any, participants: int) -> dict[str, Any]:
    """How many of the participants holding a place logged at least one trial, and how many
    shared one with the group; and how many trials in all. One query."""
    counts = ClassroomTrial.objects.filter(
        work_group=work_group, author__in=places.values("user")
    ).aggregate(
        people_logged=Count("author", distinct=True),
        people_shared=Count("author", distinct=True, filter=Q(shared_at__isnull=False)),
        logged=Count("pk"),
        shared=Count("pk", filter=Q(shared_at__isnull=False)),
    )
    return {
        "participants": participants,
        **counts,
        "sentence": (
            f"{counts['people_logged']} of {participants} participants logged at least one "
            f"classroom trial; {counts['people_shared']} shared one with the group."
            if participants
            else "Nobody held a place, so there are no trials to count."
        ),
    }


def _attendance(work_group: WorkGroup, places: Any, participants: int) -> dict[str, Any]:
    """Attendance (present or late) out of the places at the sessions that went ahead. Two
    queries."""
    held = list(sessions_held(work_group).values_list("pk", flat=True))
    attended = Attendance.objects.filter(
        session_id__in=held, enrolment__in=places, status__in=Attendance.ATTENDED
    ).count()
    expected = len(held) * participants
    return {
        "sessions_held": len(held),
        "participants": participants,
        "attended": attended,
        "expected": expected,
        "percent": round(100 * attended / expected) if expected else None,
        "sentence": (
            f"Participants attended {analysis.percent(attended, expected)} of the places at "
            f"the {len(held)} session{'s' if len(held) != 1 else ''} that went ahead."
            if expected
            else "No session has gone ahead yet with participants holding a place."
        ),
    }


def _pupil_evidence(work_group: WorkGroup) -> dict[str, Any]:
    """The impact ratings of the trials shared with the group, and their class measures
    before and after (numbers only). One query: the shared trials' numbers, no text but the
    measure's name."""
    shared = list(
        ClassroomTrial.objects.filter(work_group=work_group, shared_at__isnull=False)
        .order_by("tried_on", "pk")
        .values_list(
            "impact_rating", "measure", "pupils_measured", "succeeded_before", "succeeded_after"
        )
    )
    ratings = summarise_ratings([rating for rating, *_ in shared])
    classes: list[tuple[str, int, int, int]] = [
        (measure, pupils, before, after)
        for _, measure, pupils, before, after in shared
        if measure
        and pupils
        and before is not None
        and after is not None
        and before <= pupils
        and after <= pupils
    ]
    measures = [
        {
            "measure": measure,
            "pupils": pupils,
            "before": before,
            "after": after,
            "sentence": f"{before} of {pupils} before → {after} of {pupils} after",
        }
        for measure, pupils, before, after in classes
    ]
    pupils_total = sum(pupils for _, pupils, _, _ in classes)
    before_total = sum(before for _, _, before, _ in classes)
    after_total = sum(after for _, _, _, after in classes)
    return {
        "ratings": {
            "trials": len(shared),
            "rated": ratings.rated,
            "unrated": ratings.unrated,
            "average": ratings.average,
            "rows": [
                {"rating": line.rating, "label": line.label, "count": line.count}
                for line in ratings.counts
            ],
        },
        "measures": {
            "classes": len(measures),
            "lines": measures,
            "pupils": pupils_total,
            "before": before_total,
            "after": after_total,
            "sentence": (
                f"Across {len(measures)} class{'es' if len(measures) != 1 else ''}: "
                f"{before_total} of {pupils_total} before → {after_total} of {pupils_total} "
                "after."
                if measures
                else ""
            ),
        },
    }


def _caveats(
    pre_post_caveats: tuple[str, ...], sessions: list[Any], leaders: dict[str, Any]
) -> list[str]:
    """The standing caveats and every response rate, printed with the figures."""
    lines = list(pre_post_caveats)
    if sessions:
        asked = sum(feedback.asked for feedback in sessions)
        responded = sum(feedback.responded for feedback in sessions)
        lines.append(
            f"Session feedback: {analysis.percent(responded, asked)} of the requests after "
            f"{len(sessions)} session{'s' if len(sessions) != 1 else ''} were answered."
        )
    lines.append(
        f"School leaders: {leaders['answered']} of {leaders['asked']} asked answered."
        if leaders["asked"]
        else "No school leader has been asked yet."
    )
    lines.append(SHARED_ONLY_CAVEAT)
    return lines


def report_outcomes(work_group: WorkGroup) -> list[IntendedOutcome]:
    """The programme's intended outcomes, in the order the report gives them."""
    return list(
        IntendedOutcome.objects.filter(programme_id=work_group.programme_id).order_by(
            "area", "position", "pk"
        )
    )


def report_narratives(report: EvaluationReport) -> list[OutcomeNarrative]:
    """The leads' words on each intended outcome (none for a report not yet saved)."""
    if report.pk is None:
        return []
    return list(OutcomeNarrative.objects.filter(report=report))


def report_sections(figures: dict[str, Any], narratives: dict[int, str]) -> list[dict[str, Any]]:
    """The report's five sections, in order: each level's title, its figures (with their
    charts drawn) and the intended outcomes in its area with the leads' words on each. Works
    on live figures and on an accepted report's snapshot alike (both plain JSON); the charts
    are drawn from the figures each time, never kept."""
    figures = copy.deepcopy(figures)
    outcomes_by_level: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for outcome in figures["outcomes"]:
        outcomes_by_level[outcome["level"] or 0].append(
            {**outcome, "narrative": narratives.get(outcome["id"], "")}
        )
    sections = []
    for key, level in sorted(figures["levels"].items(), key=lambda pair: int(pair[0])):
        number = int(key)
        _draw_charts(number, level)
        sections.append(
            {
                "number": number,
                "title": GUSKEY_LEVELS[number],
                "figures": level,
                "outcomes": outcomes_by_level.get(number, []),
            }
        )
    return sections


def _draw_charts(number: int, level: dict[str, Any]) -> None:
    """Add a `chart` beside the figures of `level` that have one."""
    if number == 1 and level.get("sessions"):
        sessions = level["sessions"]
        level["chart"] = bar_chart(
            chart_id="level-1-response-rates",
            title="Who answered the feedback after each session",
            summary=_rates_sentence(sessions),
            labels=[f"Session {session['number']}" for session in sessions],
            values=[session["percent"] or 0 for session in sessions],
            value_texts=[session["rate_text"] for session in sessions],
            maximum=100,
            label_heading="Session",
            value_heading="Answered",
        )
    shown = [change for change in level.get("by_outcome", []) if change["shown"]]
    if shown:
        scales = {change["scale_points"] for change in shown}
        labels, values, texts = [], [], []
        for change in shown:
            stats = change["stats"]
            for when, value in (("Before", stats["mean_before"]), ("After", stats["mean_after"])):
                labels.append(f"{when}: {change['label']}")
                values.append(value)
                texts.append(analysis.number(value))
        scale = scales.pop() if len(scales) == 1 else None
        level["chart"] = bar_chart(
            chart_id=f"level-{number}-changes",
            title="Average agreement before and after, of those who answered both",
            summary=_changes_sentence(shown, scale),
            labels=labels,
            values=values,
            value_texts=texts,
            maximum=scale,
            label_heading="Intended outcome",
            value_heading=f"Average (1 to {scale})" if scale else "Average",
        )
    for part in (level.get("school_leaders"), level.get("after")):
        for item in (part or {}).get("items", []):
            if item["labels"]:
                item["chart"] = bar_chart(
                    chart_id=f"level-{number}-item-{item['item_id']}",
                    title=item["text"],
                    summary=item["sentence"],
                    labels=item["labels"],
                    values=item["counts"],
                    value_texts=[_count_text(count, item) for count in item["counts"]],
                    label_heading="Answer",
                    value_heading="People",
                )
    ratings = level.get("ratings")
    if ratings and ratings["rated"]:
        level["ratings_chart"] = bar_chart(
            chart_id="level-5-impact-ratings",
            title="How participants rated the impact of the trials they shared",
            summary=_ratings_sentence(ratings),
            labels=[row["label"] for row in ratings["rows"]],
            values=[row["count"] for row in ratings["rows"]],
            label_heading="Rating",
            value_heading="Trials",
        )


def _count_text(count: int, item: dict[str, Any]) -> str:
    if item["kind"] == Item.Kind.MULTIPLE_CHOICE or not item["n"]:
        return str(count)
    return f"{count} ({round(100 * count / item['n'])}%)"


def _rates_sentence(sessions: list[dict[str, Any]]) -> str:
    asked = sum(session["asked"] for session in sessions)
    responded = sum(session["responded"] for session in sessions)
    return (
        f"Across {len(sessions)} session{'s' if len(sessions) != 1 else ''}, "
        f"{analysis.percent(responded, asked)} of the feedback requests were answered."
    )


def _changes_sentence(shown: list[dict[str, Any]], scale: int | None) -> str:
    rose = sum(1 for change in shown if round(change["stats"]["mean_change"], 1) > 0)
    fell = sum(1 for change in shown if round(change["stats"]["mean_change"], 1) < 0)
    same = len(shown) - rose - fell
    on_scale = f" (on a {scale}-point scale)" if scale else ""
    moves = f"rose for {rose}" + (f", fell for {fell}" if same else f" and fell for {fell}")
    if same:
        moves += f" and stayed about the same for {same}"
    return (
        f"Of {len(shown)} intended outcome{'s' if len(shown) != 1 else ''} with at least "
        f"{analysis.MIN_MATCHED_PAIRS} teachers answering both times, average "
        f"agreement{on_scale} {moves}."
    )


def _ratings_sentence(ratings: dict[str, Any]) -> str:
    top = max(ratings["rows"], key=lambda row: row["count"])
    return (
        f"Of {ratings['rated']} shared trial{'s' if ratings['rated'] != 1 else ''} with a "
        f"rating, the most common was “{top['label']}” ({top['count']}); the average was "
        f"{ratings['average']} out of 5."
    )
